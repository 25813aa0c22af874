package dev.embedkit.io;

import dev.embedkit.tensor.DType;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/** Rows of floats to and from the little-endian bytes every binary format here stores (word2vec, .npy, safetensors). */
final class LittleEndian {
    static final ValueLayout.OfFloat FLOAT_LE = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private LittleEndian() {
    }

    /** Encodes {@code row} into {@code dst}, which holds exactly row.length elements of {@code dtype}. */
    static void encode(float[] row, DType dtype, byte[] dst) {
        MemorySegment segment = MemorySegment.ofArray(dst);
        if (dtype == DType.F32) { // one bulk copy (a byte swap at most); value by value was a tenth of writing 1 GB
            MemorySegment.copy(row, 0, segment, FLOAT_LE, 0, row.length);
            return;
        }
        for (int c = 0; c < row.length; c++) {
            dtype.write(segment, (long) c * dtype.bytes(), row[c]);
        }
    }

    /** Decodes {@code dst.length} float32 values from the start of {@code src}. */
    static void decodeF32(byte[] src, float[] dst) {
        MemorySegment.copy(MemorySegment.ofArray(src), FLOAT_LE, 0, dst, 0, dst.length);
    }
}
