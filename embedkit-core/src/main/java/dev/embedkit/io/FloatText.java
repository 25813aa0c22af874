package dev.embedkit.io;

import dev.embedkit.FormatException;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Parses the numbers of text vector files strictly. {@link Float#parseFloat} alone would accept "1f", "0x1p3"
 * and "NaN", none of which another tool writes or reads as a plain number. (Writing needs no helper:
 * {@link Float#toString} prints the shortest decimal that parses back to the same bits, since JDK 19.)
 */
final class FloatText {
    private FloatText() {
    }

    /**
     * The float written as {@code text}, value {@code column} (1-based) of the row of {@code token} on
     * {@code line}; anything but a finite decimal number is a {@link FormatException} at that line.
     */
    static float parse(String text, Path file, long line, String token, int column) {
        String where = "value " + column + " of token '" + token + "'";
        if (isNonFiniteWord(text)) {
            throw FormatException.atLine(file, line, where + " is '" + text + "': NaN and infinity are not allowed");
        }
        if (!isDecimal(text)) {
            throw FormatException.atLine(file, line, where + " is '" + text + "', which is not a number");
        }
        float value;
        try {
            value = Float.parseFloat(text);
        } catch (NumberFormatException e) {
            throw FormatException.atLine(file, line, where + " is '" + text + "', which is not a number");
        }
        if (Float.isInfinite(value)) {
            throw FormatException.atLine(file, line, where + " is '" + text + "', beyond the float range (±"
                    + Float.MAX_VALUE + ")");
        }
        return value;
    }

    /** True if {@code text} is a number with optional sign, fraction and exponent; used by format detection too. */
    static boolean isNumber(String text) {
        if (!isDecimal(text)) {
            return false;
        }
        try {
            return Float.isFinite(Float.parseFloat(text));
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean isDecimal(String text) {
        boolean digit = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                digit = true;
            } else if (c != '+' && c != '-' && c != '.' && c != 'e' && c != 'E') {
                return false;
            }
        }
        return digit;
    }

    private static boolean isNonFiniteWord(String text) {
        String word = text.toLowerCase(Locale.ROOT);
        if (word.startsWith("+") || word.startsWith("-")) {
            word = word.substring(1);
        }
        return word.equals("nan") || word.equals("inf") || word.equals("infinity");
    }
}
