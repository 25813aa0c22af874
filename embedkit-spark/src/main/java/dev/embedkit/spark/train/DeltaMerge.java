package dev.embedkit.spark.train;

/**
 * How the shards' deltas are merged into the model, row by row.
 * <ul>
 *   <li>{@link #SUM}: every shard's delta is added, as if the shards had trained one after another on a stale
 *       copy (Hogwild with a round's delay). Each word gets as many updates as it had occurrences, as on one
 *       machine; with many shards the updates of a frequent word, all taken from the same snapshot, may
 *       overshoot.</li>
 *   <li>{@link #MEAN}: each row moves by the mean of the deltas of the shards that touched it. A rare word touched
 *       by one shard keeps its whole update; a frequent word touched by all P shards learns P times slower, which
 *       measured (README) costs accuracy at the same epochs.</li>
 * </ul>
 */
public enum DeltaMerge {
    SUM, MEAN;

    /**
     * Moves the rows of {@code input} and {@code output} (each (V, d)) by the summed deltas of a round: by the sum,
     * or by the sum over the number of shards that touched the row. Returns the rows changed. Costs the sum's size,
     * never a pass over V × d.
     */
    int apply(DeltaSum sum, float[] input, float[] output) {
        int dim = sum.dim();
        for (int i = 0; i < sum.rows().length; i++) {
            float share = this == SUM ? 1f : 1f / sum.touchedBy()[i];
            int from = sum.rows()[i] * dim;
            for (int d = 0; d < dim; d++) {
                input[from + d] += sum.inputSum()[i * dim + d] * share;
                output[from + d] += sum.outputSum()[i * dim + d] * share;
            }
        }
        return sum.rows().length;
    }
}
