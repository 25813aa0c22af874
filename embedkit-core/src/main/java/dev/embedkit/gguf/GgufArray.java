package dev.embedkit.gguf;

import java.util.List;

/**
 * A metadata array: its element type and values (Long for every integer type, Double for floats, Boolean,
 * String, or a nested GgufArray). An unsigned 64-bit value above Long.MAX_VALUE reads as a negative Long.
 */
public record GgufArray(GgufValueType elementType, List<Object> values) {
    public GgufArray {
        values = List.copyOf(values);
    }

    public int size() {
        return values.size();
    }

    @Override
    public String toString() {
        return "[" + values.size() + " × " + elementType + "]";
    }
}
