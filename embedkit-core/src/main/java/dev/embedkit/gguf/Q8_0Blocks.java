package dev.embedkit.gguf;

import dev.embedkit.tensor.HeapMatrix;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * ggml's Q8_0: blocks of 32 values, each an F16 scale d followed by 32 signed bytes q; value = d · q
 * (ggml's dequantize_row_q8_0). Dequantized once to the heap, since a mapped F32 view cannot express it.
 */
final class Q8_0Blocks {
    static final int BLOCK = 32;
    static final int BLOCK_BYTES = 2 + BLOCK;
    private static final ValueLayout.OfShort F16_BITS = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private Q8_0Blocks() {
    }

    /** {@code bytes} holds rows × cols / 32 blocks, row after row; cols is a multiple of 32 (checked at open). */
    static HeapMatrix dequantize(MemorySegment bytes, int rows, int cols) {
        HeapMatrix matrix = HeapMatrix.zeros(rows, cols); // (rows, cols)
        float[] out = matrix.data();
        long blocks = (long) rows * cols / BLOCK;
        for (long b = 0; b < blocks; b++) {
            long at = b * BLOCK_BYTES;
            float scale = Float.float16ToFloat(bytes.get(F16_BITS, at));
            int base = (int) (b * BLOCK);
            for (int j = 0; j < BLOCK; j++) {
                out[base + j] = scale * bytes.get(ValueLayout.JAVA_BYTE, at + 2 + j);
            }
        }
        return matrix;
    }
}
