package dev.embedkit.train.word2vec;

import dev.embedkit.tensor.HeapMatrix;
import dev.embedkit.vocab.Vocabulary;

import java.util.Arrays;

/** After training over a subword tokenizer's ID space: tokens never trained (count 0) keep no random row. */
final class SubwordRows {

    private SubwordRows() {
    }

    /**
     * Zeroes the rows of tokens with count 0 (unseen or below min-count), so they score 0 against every query
     * rather than showing their random initial values as if learned.
     */
    static void clearUntrained(Vocabulary vocabulary, HeapMatrix input /* (V, dim) */) {
        int dim = input.cols();
        for (int id = 0; id < vocabulary.size(); id++) {
            if (vocabulary.count(id) == 0) {
                Arrays.fill(input.data(), id * dim, (id + 1) * dim, 0f);
            }
        }
    }
}
