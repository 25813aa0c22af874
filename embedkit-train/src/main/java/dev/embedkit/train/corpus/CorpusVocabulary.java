package dev.embedkit.train.corpus;

import dev.embedkit.BadInputException;
import dev.embedkit.tokenize.WordSplitter;
import dev.embedkit.vocab.Vocabulary;
import dev.embedkit.vocab.VocabularyBuilder;

/**
 * The first pass over a corpus: counts every word and keeps those seen at least min-count times (at most
 * max-vocab of them, the most frequent), as word2vec's LearnVocabFromTrainFile does.
 *
 * @param vocabulary        the kept words, most frequent first, with their counts
 * @param lines             lines read (chunks of over-long lines count as lines)
 * @param words             every word of the corpus, kept or not
 * @param distinctWords     the distinct words counted, kept or not: the entries of the pass's counting map
 * @param replacedSequences invalid UTF-8 sequences decoded as U+FFFD
 */
public record CorpusVocabulary(Vocabulary vocabulary, long lines, long words, int distinctWords, long replacedSequences) {

    public static CorpusVocabulary build(Corpus corpus, WordSplitter splitter, long minCount, int maxVocab) {
        return build(corpus, splitter, new VocabularyBuilder().minCount(minCount).maxSize(maxVocab));
    }

    /** The same pass into a configured {@code builder} (special tokens, an unknown-token mapping). */
    public static CorpusVocabulary build(Corpus corpus, WordSplitter splitter, VocabularyBuilder builder) {
        long lines = 0;
        long words = 0;
        try (LineSource source = corpus.whole().open()) {
            for (String line = source.nextLine(); line != null; line = source.nextLine()) {
                lines++;
                for (String word : splitter.split(line)) {
                    builder.add(word);
                    words++;
                }
            }
        }
        if (words == 0) {
            throw new BadInputException("corpus " + corpus.name() + " has no words (" + lines + " lines, split by "
                    + splitter.mode().name().toLowerCase() + ")");
        }
        Vocabulary vocabulary = builder.build();
        if (vocabulary.size() == vocabulary.specialTokens().size()) {
            throw new BadInputException("no word of corpus " + corpus.name() + " occurs at least min-count=" + builder.minCount()
                    + " times (" + builder.distinctTokens() + " distinct words); lower --min-count");
        }
        return new CorpusVocabulary(vocabulary, lines, words, builder.distinctTokens(), corpus.replacedSequences());
    }

    /** Σ counts of the kept words: word2vec's train_words, the words one epoch trains on before subsampling. */
    public long trainWords() {
        return trainWords(vocabulary);
    }

    /** Σ counts of the words of {@code vocabulary}. */
    public static long trainWords(Vocabulary vocabulary) {
        long total = 0;
        for (int id = 0; id < vocabulary.size(); id++) {
            total += vocabulary.count(id);
        }
        return total;
    }
}
