package dev.embedkit.tensor;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Element types a stored matrix may have. embedkit computes in F32; F16 and BF16 are read from files
 * and widened to float on access. All are little-endian, as in safetensors, .npy ("&lt;f4") and GGUF.
 */
public enum DType {
    F32(4),
    F16(2),
    BF16(2);

    static final ValueLayout.OfFloat FLOAT_LE = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfShort SHORT_LE = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private final int bytes;

    DType(int bytes) {
        this.bytes = bytes;
    }

    /** Size of one element in bytes. */
    public int bytes() {
        return bytes;
    }

    /** Reads the element at {@code byteOffset} and widens it to float. */
    public float read(MemorySegment segment, long byteOffset) {
        return switch (this) {
            case F32 -> segment.get(FLOAT_LE, byteOffset);
            case F16 -> Float.float16ToFloat(segment.get(SHORT_LE, byteOffset));
            // BF16 is the upper half of an F32: shifting it back is exact.
            case BF16 -> Float.intBitsToFloat((segment.get(SHORT_LE, byteOffset) & 0xFFFF) << 16);
        };
    }

    /** Writes {@code value} at {@code byteOffset}, rounding to nearest-even for the 16-bit types. */
    public void write(MemorySegment segment, long byteOffset, float value) {
        switch (this) {
            case F32 -> segment.set(FLOAT_LE, byteOffset, value);
            case F16 -> segment.set(SHORT_LE, byteOffset, Float.floatToFloat16(value));
            case BF16 -> segment.set(SHORT_LE, byteOffset, toBFloat16(value));
        }
    }

    private static short toBFloat16(float value) {
        int bits = Float.floatToRawIntBits(value);
        if (Float.isNaN(value)) {
            return (short) ((bits >>> 16) | 0x40); // keep it a NaN after truncation
        }
        int roundingBias = 0x7FFF + ((bits >>> 16) & 1);
        return (short) ((bits + roundingBias) >>> 16);
    }

    /** The dtype named as in safetensors ("F32", "F16", "BF16"), case-insensitive. */
    public static DType fromName(String name) {
        return switch (name.toUpperCase(java.util.Locale.ROOT)) {
            case "F32", "FLOAT32" -> F32;
            case "F16", "FLOAT16" -> F16;
            case "BF16", "BFLOAT16" -> BF16;
            default -> throw new IllegalArgumentException("unsupported dtype '" + name + "' (supported: F32, F16, BF16)");
        };
    }
}
