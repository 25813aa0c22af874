package dev.embedkit.spark.train;

import dev.embedkit.train.word2vec.ShardDelta;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Shard deltas added up row by row, with how many shards touched each row ({@link DeltaMerge#MEAN} divides by it).
 * Sums combine two at a time in any grouping, so Spark adds them up as the tasks finish, or in a tree on the
 * executors ({@code treeReduce}): the driver holds one sum, never every partition's delta of a round at once.
 * Float addition is commutative, so two shards' sum is the same whichever finishes first; with three or more the
 * grouping follows the finishing order and may change the last bit of a value between runs.
 *
 * @param dim          d
 * @param rows         the touched rows, ascending
 * @param touchedBy    for each row, how many shards' deltas touched it
 * @param inputSum     (rows.length, d) summed change of the input vectors
 * @param outputSum    (rows.length, d) summed change of the output vectors
 * @param payloadBytes what the shards sent for it: the sum of their deltas' {@link ShardDelta#payloadBytes()}
 */
record DeltaSum(int dim, int[] rows, int[] touchedBy, float[] inputSum, float[] outputSum, long payloadBytes)
        implements Serializable {

    static DeltaSum of(ShardDelta delta) {
        int[] once = new int[delta.rows().length];
        Arrays.fill(once, 1);
        return new DeltaSum(delta.dim(), delta.rows(), once, delta.inputDelta(), delta.outputDelta(),
                delta.payloadBytes());
    }

    /** This sum plus {@code other}: the two ascending row lists merged, rows in both added. */
    DeltaSum plus(DeltaSum other) {
        int capacity = rows.length + other.rows.length;
        int[] mergedRows = new int[capacity];
        int[] mergedTouches = new int[capacity];
        float[] mergedInput = new float[capacity * dim];
        float[] mergedOutput = new float[capacity * dim];
        int n = 0;
        int i = 0;
        int j = 0;
        while (i < rows.length || j < other.rows.length) {
            boolean mine = j == other.rows.length || (i < rows.length && rows[i] <= other.rows[j]);
            boolean theirs = i == rows.length || (j < other.rows.length && other.rows[j] <= rows[i]);
            mergedRows[n] = mine ? rows[i] : other.rows[j];
            if (mine) {
                mergedTouches[n] += touchedBy[i];
                System.arraycopy(inputSum, i * dim, mergedInput, n * dim, dim);
                System.arraycopy(outputSum, i * dim, mergedOutput, n * dim, dim);
            }
            if (theirs) {
                mergedTouches[n] += other.touchedBy[j];
                for (int d = 0; d < dim; d++) {
                    mergedInput[n * dim + d] += other.inputSum[j * dim + d];
                    mergedOutput[n * dim + d] += other.outputSum[j * dim + d];
                }
            }
            i += mine ? 1 : 0;
            j += theirs ? 1 : 0;
            n++;
        }
        return new DeltaSum(dim, Arrays.copyOf(mergedRows, n), Arrays.copyOf(mergedTouches, n),
                Arrays.copyOf(mergedInput, n * dim), Arrays.copyOf(mergedOutput, n * dim),
                payloadBytes + other.payloadBytes);
    }
}
