package dev.embedkit.train.corpus;

import dev.embedkit.tokenize.Tokenizer;
import dev.embedkit.tokenize.WordSplitter;
import dev.embedkit.vocab.Vocabulary;

import java.util.List;

/**
 * How a trainer turns one corpus line into the vocabulary IDs it trains on: words split and looked up (word2vec),
 * or the tokens of a subword tokenizer, whose IDs are the vocabulary's. A token the run leaves out (an unknown
 * word, a subword token seen fewer than min-count times) is -1, so the trainer can count it and skip it.
 */
@FunctionalInterface
public interface LineTokenizer {

    /** The IDs of {@code line}'s tokens in order, -1 for each token outside the training vocabulary. */
    int[] ids(String line);

    /** Words split by {@code splitter}, each looked up in {@code vocabulary}. */
    static LineTokenizer words(WordSplitter splitter, Vocabulary vocabulary) {
        return line -> {
            List<String> words = splitter.split(line);
            int[] ids = new int[words.size()];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = vocabulary.find(words.get(i));
            }
            return ids;
        };
    }

    /**
     * The IDs {@code tokenizer} gives the line; those whose count in {@code vocabulary} (the tokenizer's tokens in
     * ID order, see {@link SubwordVocabulary}) is 0, i.e. below min-count, are left out.
     */
    static LineTokenizer subwords(Tokenizer tokenizer, Vocabulary vocabulary) {
        return line -> {
            int[] ids = tokenizer.encode(line);
            for (int i = 0; i < ids.length; i++) {
                if (vocabulary.count(ids[i]) == 0) {
                    ids[i] = -1;
                }
            }
            return ids;
        };
    }
}
