package dev.embedkit.train.word2vec;

import dev.embedkit.train.corpus.CorpusVocabulary;
import dev.embedkit.vocab.Vocabulary;

/**
 * The two tables training draws from, both fixed by the vocabulary's counts for the whole run: which occurrences
 * to skip (subsampling) and which words to draw as noise. Read only once built, so threads and shards share them.
 */
record SamplingTables(Subsampling subsampling, NoiseTable noise) {

    /**
     * The tables for a run; runs with character n-grams follow fastText, whose noise is counts^0.5 (measured:
     * README, "train --subwords"), the others word2vec's counts^0.75.
     */
    static SamplingTables of(Vocabulary vocabulary, double sample, boolean ngrams) {
        return new SamplingTables(new Subsampling(vocabulary, CorpusVocabulary.trainWords(vocabulary), sample),
                new NoiseTable(vocabulary, NoiseTable.DEFAULT_SIZE,
                        ngrams ? NoiseTable.FASTTEXT_POWER : NoiseTable.WORD2VEC_POWER));
    }
}
