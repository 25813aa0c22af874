package dev.embedkit.spark.train;

import dev.embedkit.train.word2vec.ShardDelta;

import java.util.List;

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

    /** Adds the merged {@code deltas} to {@code input} and {@code output} (each (V, d)); returns the rows changed. */
    int apply(List<ShardDelta> deltas, float[] input, float[] output, int dim) {
        int rows = input.length / dim;
        int[] touchedBy = new int[rows];
        float[] inputSum = new float[input.length];
        float[] outputSum = new float[output.length];
        for (ShardDelta delta : deltas) {
            for (int i = 0; i < delta.rows().length; i++) {
                int row = delta.rows()[i];
                touchedBy[row]++;
                for (int d = 0; d < dim; d++) {
                    inputSum[row * dim + d] += delta.inputDelta()[i * dim + d];
                    outputSum[row * dim + d] += delta.outputDelta()[i * dim + d];
                }
            }
        }
        int changed = 0;
        for (int row = 0; row < rows; row++) {
            if (touchedBy[row] == 0) {
                continue;
            }
            changed++;
            float share = this == SUM ? 1f : 1f / touchedBy[row];
            for (int d = row * dim; d < (row + 1) * dim; d++) {
                input[d] += inputSum[d] * share;
                output[d] += outputSum[d] * share;
            }
        }
        return changed;
    }
}
