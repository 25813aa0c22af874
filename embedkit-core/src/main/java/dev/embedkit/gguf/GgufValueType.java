package dev.embedkit.gguf;

/**
 * The metadata value types of GGUF, numbered as in ggml's gguf.h. {@link #minBytes} is the least a value of the
 * type can occupy in the file; array counts are checked against it so a lying count never drives an allocation.
 */
public enum GgufValueType {
    UINT8(1), INT8(1), UINT16(2), INT16(2), UINT32(4), INT32(4), FLOAT32(4), BOOL(1),
    STRING(8), // a u64 length, then that many bytes
    ARRAY(12), // a u32 element type and a u64 count, then the elements
    UINT64(8), INT64(8), FLOAT64(8);

    private final int minBytes;

    GgufValueType(int minBytes) {
        this.minBytes = minBytes;
    }

    int minBytes() {
        return minBytes;
    }

    /** The type with this number, or null if GGUF has none. */
    static GgufValueType of(int id) {
        GgufValueType[] all = values();
        return id >= 0 && id < all.length ? all[id] : null;
    }
}
