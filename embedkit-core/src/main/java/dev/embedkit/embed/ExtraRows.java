package dev.embedkit.embed;

import dev.embedkit.tensor.HeapMatrix;
import dev.embedkit.vocab.Vocabulary;

import java.util.ArrayList;
import java.util.List;

/**
 * A table with rows added after its own, for vectors that have no row: out-of-vocabulary words whose vectors come
 * from their n-grams. Searches and word arithmetic then treat them like any other row, by ID; callers keep them out
 * of the answers (they are query words, or filtered by ID ≥ the original V).
 */
public final class ExtraRows {
    private ExtraRows() {
    }

    /** {@code table}'s rows (IDs unchanged), then one row per vector, its token the vector's word; on the heap. */
    public static EmbeddingTable append(EmbeddingTable table, List<WordVector> vectors) {
        if (vectors.isEmpty()) {
            return table;
        }
        int rows = table.vocabularySize();
        int dim = table.dim();
        HeapMatrix extended = HeapMatrix.zeros(rows + vectors.size(), dim); // (V + extra, dim)
        for (int id = 0; id < rows; id++) {
            table.weights().copyRow(id, extended.data(), id * dim);
        }
        List<String> tokens = new ArrayList<>(table.vocabulary().tokens());
        for (int i = 0; i < vectors.size(); i++) {
            extended.setRow(rows + i, vectors.get(i).values());
            tokens.add(vectors.get(i).word());
        }
        return new EmbeddingTable(Vocabulary.of(tokens), extended);
    }
}
