package dev.embedkit.cli;

import java.io.PrintWriter;
import java.util.Locale;

/** Prints vectors for people: fixed precision, and at most {@code columns} values with an ellipsis for the rest. */
record MatrixPrinter(int precision, int columns) {

    String vector(float[] values, int offset, int length) {
        StringBuilder line = new StringBuilder("[");
        int shown = columns <= 0 ? length : Math.min(columns, length);
        for (int c = 0; c < shown; c++) {
            if (c > 0) {
                line.append(", ");
            }
            line.append(String.format(Locale.ROOT, "%" + (precision + 4) + "." + precision + "f", values[offset + c]));
        }
        if (shown < length) {
            line.append(", … (").append(length - shown).append(" more)");
        }
        return line.append(']').toString();
    }

    void matrix(PrintWriter out, String indent, float[] data, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            out.println(indent + (r == 0 ? "[" : " ") + vector(data, r * cols, cols) + (r == rows - 1 ? "]" : ","));
        }
    }
}
