package dev.embedkit.gguf;

import dev.embedkit.FormatException;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads GGUF's little-endian header fields in order from a mapped file. Every read checks the bytes are
 * there first, and every count or length is checked against the bytes that remain before anything is
 * allocated for it; errors name the file, the field and its byte offset.
 */
final class GgufCursor {
    // Arrays of arrays are legal; this deep is far beyond any real file and keeps a crafted one off the stack.
    private static final int MAX_NESTING = 16;
    private static final ValueLayout.OfShort U16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong U64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private final Path file;
    private final MemorySegment bytes;
    private long position;

    GgufCursor(Path file, MemorySegment bytes, long position) {
        this.file = file;
        this.bytes = bytes;
        this.position = position;
    }

    long position() {
        return position;
    }

    long remaining() {
        return bytes.byteSize() - position;
    }

    FormatException error(String field, long offset, String problem) {
        return FormatException.atFieldOffset(file, field, offset, problem);
    }

    int u32(String field) {
        need(field, 4);
        int value = bytes.get(U32, position);
        position += 4;
        return value;
    }

    long u64(String field) {
        need(field, 8);
        long value = bytes.get(U64, position);
        position += 8;
        return value;
    }

    /**
     * A u64 count of items that each take at least {@code minItemBytes}; a count the rest of the file cannot
     * hold is refused here, before any list is sized by it.
     */
    long count(String field, long minItemBytes) {
        long start = position;
        long count = u64(field);
        if (count < 0 || count > remaining() / minItemBytes) {
            throw error(field, start, "claims " + Long.toUnsignedString(count) + " items of at least " + minItemBytes
                    + " bytes each, but only " + remaining() + " bytes follow");
        }
        return count;
    }

    /** A u64 byte length, then that many bytes of UTF-8. */
    String string(String field) {
        long start = position;
        long length = u64(field);
        if (length < 0 || length > remaining()) {
            throw error(field, start, "a string of " + Long.toUnsignedString(length) + " bytes, but only "
                    + remaining() + " bytes follow");
        }
        if (length > Integer.MAX_VALUE - 8) {
            throw error(field, start, "a string of " + length + " bytes is longer than embedkit can hold");
        }
        byte[] raw = bytes.asSlice(position, length).toArray(ValueLayout.JAVA_BYTE);
        position += length;
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(raw)).toString();
        } catch (CharacterCodingException e) {
            throw error(field, start + 8, "is not valid UTF-8");
        }
    }

    /** A u32 value type, then a value of it. */
    Object typedValue(String field) {
        return value(valueType(field + " (type)"), field, 0);
    }

    GgufValueType valueType(String field) {
        long start = position;
        int id = u32(field);
        GgufValueType type = GgufValueType.of(id);
        if (type == null) {
            throw error(field, start, "value type " + Integer.toUnsignedString(id) + " is not a GGUF type (0.."
                    + (GgufValueType.values().length - 1) + ")");
        }
        return type;
    }

    private Object value(GgufValueType type, String field, int depth) {
        return switch (type) {
            case UINT8 -> (long) (byte1(field) & 0xFF);
            case INT8 -> (long) byte1(field);
            case UINT16 -> (long) (short2(field) & 0xFFFF);
            case INT16 -> (long) short2(field);
            case UINT32 -> Integer.toUnsignedLong(u32(field));
            case INT32 -> (long) u32(field);
            case UINT64, INT64 -> u64(field);
            case FLOAT32 -> (double) Float.intBitsToFloat(u32(field));
            case FLOAT64 -> Double.longBitsToDouble(u64(field));
            case BOOL -> bool(field);
            case STRING -> string(field);
            case ARRAY -> array(field, depth);
        };
    }

    private GgufArray array(String field, int depth) {
        long start = position;
        if (depth >= MAX_NESTING) {
            throw error(field, start, "arrays nested deeper than " + MAX_NESTING);
        }
        GgufValueType elementType = valueType(field + " (element type)");
        long count = count(field + " (count)", elementType.minBytes());
        List<Object> values = new ArrayList<>((int) Math.min(count, 1 << 16));
        for (long i = 0; i < count; i++) {
            values.add(value(elementType, field + "[" + i + "]", depth + 1));
        }
        return new GgufArray(elementType, values);
    }

    private boolean bool(String field) {
        long start = position;
        byte value = byte1(field);
        if (value != 0 && value != 1) {
            throw error(field, start, "a bool must be 0 or 1, got " + value);
        }
        return value == 1;
    }

    private byte byte1(String field) {
        need(field, 1);
        return bytes.get(ValueLayout.JAVA_BYTE, position++);
    }

    private short short2(String field) {
        need(field, 2);
        short value = bytes.get(U16, position);
        position += 2;
        return value;
    }

    private void need(String field, long n) {
        if (remaining() < n) {
            throw error(field, position, "truncated: needs " + n + " bytes, the file ends " + remaining()
                    + " bytes later (" + bytes.byteSize() + " bytes in all)");
        }
    }
}
