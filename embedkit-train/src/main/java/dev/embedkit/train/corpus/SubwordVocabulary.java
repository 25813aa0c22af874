package dev.embedkit.train.corpus;

import dev.embedkit.BadInputException;
import dev.embedkit.tokenize.Tokenizer;
import dev.embedkit.vocab.Vocabulary;

import java.util.ArrayList;
import java.util.List;

/**
 * The vocabulary pass for training over a subword tokenizer's tokens. The model keeps the tokenizer's ID space
 * (row i is token ID i, so text maps to the IDs the tokenizer gives, and the tokenizer's files serve every query);
 * min-count does not remove tokens but sets the count of those seen fewer times to 0, which leaves them out of
 * training and, but for the one slot word2vec's noise table gives every word, of noise sampling. Their rows are
 * zero in the saved model.
 */
public final class SubwordVocabulary {

    private SubwordVocabulary() {
    }

    /** Streams the corpus line by line through {@code tokenizer}, counting each token ID. */
    public static CorpusVocabulary build(Corpus corpus, Tokenizer tokenizer, long minCount) {
        int size = tokenizer.vocabularySize();
        long[] counts = new long[size];
        long lines = 0;
        long tokens = 0;
        try (LineSource source = corpus.whole().open()) {
            for (String line = source.nextLine(); line != null; line = source.nextLine()) {
                lines++;
                for (int id : tokenizer.encode(line)) {
                    counts[id]++;
                    tokens++;
                }
            }
        }
        if (tokens == 0) {
            throw new BadInputException("corpus " + corpus.name() + " has no tokens (" + lines + " lines)");
        }
        List<String> strings = new ArrayList<>(size);
        int kept = 0;
        int distinct = 0;
        for (int id = 0; id < size; id++) {
            strings.add(tokenizer.token(id));
            distinct += counts[id] > 0 ? 1 : 0;
            if (counts[id] < minCount) {
                counts[id] = 0;
            } else if (counts[id] > 0) {
                kept++;
            }
        }
        if (kept == 0) {
            throw new BadInputException("no token of corpus " + corpus.name() + " occurs at least min-count=" + minCount
                    + " times; lower --min-count");
        }
        return new CorpusVocabulary(Vocabulary.of(strings, counts), lines, tokens, distinct, corpus.replacedSequences());
    }
}
