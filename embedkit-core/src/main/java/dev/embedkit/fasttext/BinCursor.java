package dev.embedkit.fasttext;

import dev.embedkit.FormatException;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.file.Path;

/**
 * Reads the little-endian fields of a mapped fastText file in order. Every read first checks that the file still
 * holds the bytes, and every complaint names the field and its byte offset.
 */
final class BinCursor {
    private static final ValueLayout.OfInt INT_LE = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong LONG_LE = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfDouble DOUBLE_LE =
            ValueLayout.JAVA_DOUBLE_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private final Path file;
    private final MemorySegment bytes;
    private long offset;

    BinCursor(Path file, MemorySegment bytes) {
        this.file = file;
        this.bytes = bytes;
    }

    Path file() {
        return file;
    }

    MemorySegment bytes() {
        return bytes;
    }

    long offset() {
        return offset;
    }

    long remaining() {
        return bytes.byteSize() - offset;
    }

    int int32(String field) {
        need(4, field);
        int value = bytes.get(INT_LE, offset);
        offset += 4;
        return value;
    }

    long int64(String field) {
        need(8, field);
        long value = bytes.get(LONG_LE, offset);
        offset += 8;
        return value;
    }

    double float64(String field) {
        need(8, field);
        double value = bytes.get(DOUBLE_LE, offset);
        offset += 8;
        return value;
    }

    byte int8(String field) {
        need(1, field);
        return bytes.get(ValueLayout.JAVA_BYTE, offset++);
    }

    /** The bytes up to the next NUL (consumed, not returned); at most {@code maxLength} of them. */
    byte[] cString(String field, int maxLength) {
        long start = offset;
        long end = start;
        while (end < bytes.byteSize() && bytes.get(ValueLayout.JAVA_BYTE, end) != 0) {
            if (end - start == maxLength) {
                throw error(start, field, "has no NUL terminator within " + maxLength + " bytes");
            }
            end++;
        }
        if (end == bytes.byteSize()) {
            throw error(start, field, "is truncated: the file ends before its NUL terminator");
        }
        byte[] text = bytes.asSlice(start, end - start).toArray(ValueLayout.JAVA_BYTE);
        offset = end + 1;
        return text;
    }

    /** Skips {@code length} bytes the file must hold. */
    void skip(long length, String field) {
        need(length, field);
        offset += length;
    }

    /** The next {@code length} bytes as a slice of the mapping (no copy). */
    MemorySegment slice(long length, String field) {
        need(length, field);
        MemorySegment slice = bytes.asSlice(offset, length);
        offset += length;
        return slice;
    }

    void need(long length, String field) {
        if (length > remaining()) {
            throw error(offset, field, "needs " + length + " bytes but the file ends after " + remaining());
        }
    }

    /** An error about the field that starts at {@code at}. */
    FormatException error(long at, String field, String problem) {
        return FormatException.atFieldOffset(file, field, at, problem);
    }
}
