package dev.embedkit.spark.embed;

import dev.embedkit.tensor.FloatMatrix;

/** How the rows of a text's tokens become one vector. Sums run in token order in float, so results repeat exactly. */
public enum Pooling {
    /** Σ rows / n: the text's centroid. */
    MEAN,
    /** Σ rows. */
    SUM,
    /** The largest value of each dimension. */
    MAX;

    /** The pooled rows of {@code ids} (at least one) of {@code weights} (V, d). */
    public float[] pool(FloatMatrix weights, int[] ids) {
        int dim = weights.cols();
        float[] pooled = weights.row(ids[0]);
        float[] row = new float[dim];
        for (int i = 1; i < ids.length; i++) {
            weights.copyRow(ids[i], row, 0);
            for (int d = 0; d < dim; d++) {
                pooled[d] = this == MAX ? Math.max(pooled[d], row[d]) : pooled[d] + row[d];
            }
        }
        if (this == MEAN) {
            for (int d = 0; d < dim; d++) {
                pooled[d] /= ids.length;
            }
        }
        return pooled;
    }
}
