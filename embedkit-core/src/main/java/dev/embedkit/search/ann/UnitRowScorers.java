package dev.embedkit.search.ann;

import dev.embedkit.search.UnitRows;
import org.apache.lucene.util.hnsw.RandomVectorScorer;
import org.apache.lucene.util.hnsw.RandomVectorScorerSupplier;
import org.apache.lucene.util.hnsw.UpdateableRandomVectorScorer;

/**
 * Lucene's view of embedkit's unit rows: node i of the graph is row i, and a score is Lucene's DOT_PRODUCT
 * similarity, (1 + cos) / 2 — in [0, 1], as Lucene's graph code expects, and ordered like the cosine.
 * The rows are read in place through embedkit's kernels, never copied into Lucene's vector values.
 */
final class UnitRowScorers implements RandomVectorScorerSupplier {
    private final UnitRows rows; // (vocab_size, dim), unit length

    UnitRowScorers(UnitRows rows) {
        this.rows = rows;
    }

    static float similarity(float cosine) {
        return Math.max((1 + cosine) / 2, 0f);
    }

    /** Scores nodes against a query vector already of unit length, {@code units[offset .. offset+dim)}. */
    static RandomVectorScorer forQuery(UnitRows rows, float[] units, int offset) {
        return new RandomVectorScorer() {
            @Override
            public float score(int node) {
                return similarity(rows.dot(node, units, offset));
            }

            @Override
            public int maxOrd() {
                return rows.rows();
            }
        };
    }

    /** A fresh scorer for one builder thread; it scores nodes against the node last set. */
    @Override
    public UpdateableRandomVectorScorer scorer() {
        return new UpdateableRandomVectorScorer() {
            private final float[] node = new float[rows.dim()]; // (dim): the row being inserted, copied once

            @Override
            public void setScoringOrdinal(int ordinal) {
                rows.copyRow(ordinal, node);
            }

            @Override
            public float score(int other) {
                return similarity(rows.dot(other, node, 0));
            }

            @Override
            public int maxOrd() {
                return rows.rows();
            }
        };
    }

    /** Stateless: every scorer keeps its own state, so copies can share this one. */
    @Override
    public RandomVectorScorerSupplier copy() {
        return this;
    }
}
