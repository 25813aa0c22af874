package dev.embedkit.search;

import dev.embedkit.embed.EmbeddingTable;
import dev.embedkit.tensor.HeapMatrix;
import dev.embedkit.vocab.Vocabulary;

import java.util.List;

/** Small tables whose cosines can be worked out by hand. */
final class TinyTables {
    private TinyTables() {
    }

    /**
     * Six 2-D rows. Unit vectors: a (1, 0), b (0, 1), c (0.6, 0.8), d (−1, 0), z zero, e (1, 1)/√2.
     * So cos(a, c) = 0.6, cos(b, c) = 0.8, cos(a, d) = −1, cos(a, e) = cos(b, e) = 1/√2, cos(c, e) = 1.4/√2.
     */
    static EmbeddingTable plane() {
        Vocabulary vocabulary = Vocabulary.of(List.of("a", "b", "c", "d", "z", "e"));
        return new EmbeddingTable(vocabulary, HeapMatrix.of(new float[][] {
                {1, 0},
                {0, 2},
                {3, 4},
                {-1, 0},
                {0, 0},
                {1, 1}}));
    }
}
