package dev.embedkit.train.word2vec;

import dev.embedkit.train.corpus.CorpusVocabulary;
import dev.embedkit.vocab.Vocabulary;

/**
 * The two tables training draws from, both fixed by the vocabulary's counts for the whole run: which occurrences
 * to skip (subsampling) and which words to draw as noise. Read only once built, so threads and shards share them.
 */
record SamplingTables(Subsampling subsampling, NoiseTable noise) {

    static SamplingTables of(Vocabulary vocabulary, double sample) {
        return new SamplingTables(new Subsampling(vocabulary, CorpusVocabulary.trainWords(vocabulary), sample),
                new NoiseTable(vocabulary, NoiseTable.DEFAULT_SIZE));
    }
}
