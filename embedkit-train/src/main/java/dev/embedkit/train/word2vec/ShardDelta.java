package dev.embedkit.train.word2vec;

import java.io.Serializable;

/**
 * What one shard's training changed: for each touched row, (trained − snapshot) in the input and output tables.
 * Serializable, as it travels from an executor to the driver.
 *
 * @param dim          d
 * @param rows         the touched rows, ascending
 * @param inputDelta   (rows.length, d) change of the input vectors
 * @param outputDelta  (rows.length, d) change of the output vectors
 */
public record ShardDelta(int dim, int[] rows, float[] inputDelta, float[] outputDelta) implements Serializable {

    /** Bytes the deltas take on the wire (both tables, float32), without framing. */
    public long payloadBytes() {
        return 2L * rows.length * dim * Float.BYTES + (long) rows.length * Integer.BYTES;
    }
}
