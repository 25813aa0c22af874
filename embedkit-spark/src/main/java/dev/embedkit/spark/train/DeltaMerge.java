package dev.embedkit.spark.train;

import dev.embedkit.train.word2vec.ShardDelta;

import java.util.List;

/**
 * Merges the shards' deltas into the model: each row moves by the mean of the deltas of the shards that touched
 * it. A rare word, touched by one shard, gets that shard's whole update (averaging over all shards would slow
 * its learning by the shard count); a frequent word, touched by every shard, gets the mean of updates computed
 * from the same snapshot rather than their sum, which with many shards would overshoot (each shard already took
 * a full step from the same starting point).
 */
final class DeltaMerge {
    private DeltaMerge() {
    }

    /** Adds the per-row mean of {@code deltas} to {@code input} and {@code output} (each (V, d)); returns rows changed. */
    static int apply(List<ShardDelta> deltas, float[] input, float[] output, int dim) {
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
            float share = 1f / touchedBy[row];
            for (int d = row * dim; d < (row + 1) * dim; d++) {
                input[d] += inputSum[d] * share;
                output[d] += outputSum[d] * share;
            }
        }
        return changed;
    }
}
