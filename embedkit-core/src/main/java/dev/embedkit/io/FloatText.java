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
    // 10^0 … 10^22, the powers of ten a double holds exactly.
    private static final double[] POWERS_OF_TEN = {
            1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18,
            1e19, 1e20, 1e21, 1e22};

    private FloatText() {
    }

    /**
     * The float written as {@code text}, value {@code column} (1-based) of the row of {@code token} on
     * {@code line}; anything but a finite decimal number is a {@link FormatException} at that line.
     */
    static float parse(String text, Path file, long line, String token, int column) {
        // Messages are built only on failure: this runs once per value of files with hundreds of millions.
        if (!isDecimal(text)) {
            throw FormatException.atLine(file, line, where(column, token, text) + (isNonFiniteWord(text)
                    ? ": NaN and infinity are not allowed" : ", which is not a number"));
        }
        float value = parseFast(text);
        if (Float.isNaN(value)) {
            try {
                value = Float.parseFloat(text);
            } catch (NumberFormatException e) {
                throw FormatException.atLine(file, line, where(column, token, text) + ", which is not a number");
            }
        }
        if (Float.isInfinite(value)) {
            throw FormatException.atLine(file, line, where(column, token, text) + ", beyond the float range (±"
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

    /**
     * {@link Float#parseFloat}'s result for the common case, several times faster; NaN where it cannot be sure
     * (more than 15 significant digits, a decimal exponent beyond ±22, an overflow or a rounding tie), so the
     * caller falls back to parseFloat. Clinger's fast path: a mantissa below 2^53 times an exact power of ten
     * is one correctly rounded double operation. Rounding that double to float is then exact too, unless the
     * double landed exactly on the midpoint between two floats, where the first rounding may have decided the tie.
     */
    static float parseFast(String text) {
        int n = text.length();
        int i = 0;
        boolean negative = false;
        if (i < n && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
            negative = text.charAt(i++) == '-';
        }
        long mantissa = 0;
        int significant = 0;
        int scale = 0; // value = mantissa · 10^scale
        boolean digits = false;
        boolean fraction = false;
        for (; i < n; i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                digits = true;
                if ((mantissa != 0 || c != '0') && ++significant > 15) {
                    return Float.NaN;
                }
                mantissa = mantissa * 10 + (c - '0');
                scale -= fraction ? 1 : 0;
            } else if (c == '.' && !fraction) {
                fraction = true;
            } else {
                break;
            }
        }
        if (!digits) {
            return Float.NaN;
        }
        if (i < n) {
            char c = text.charAt(i++);
            if ((c != 'e' && c != 'E') || i == n) {
                return Float.NaN;
            }
            boolean negativeExponent = false;
            if (text.charAt(i) == '+' || text.charAt(i) == '-') {
                negativeExponent = text.charAt(i++) == '-';
            }
            if (i == n) {
                return Float.NaN;
            }
            int exponent = 0;
            for (; i < n; i++) {
                c = text.charAt(i);
                if (c < '0' || c > '9' || exponent > 1000) {
                    return Float.NaN;
                }
                exponent = exponent * 10 + (c - '0');
            }
            scale += negativeExponent ? -exponent : exponent;
        }
        if (scale < -22 || scale > 22) {
            return Float.NaN;
        }
        double value = scale < 0 ? mantissa / POWERS_OF_TEN[-scale] : mantissa * POWERS_OF_TEN[scale];
        float rounded = (float) value;
        if (Float.isInfinite(rounded)) {
            return Float.NaN;
        }
        if (rounded != value) {
            float neighbour = Math.nextAfter(rounded, value); // the float on the other side of value
            if (((double) rounded + neighbour) * 0.5 == value) {
                return Float.NaN;
            }
        }
        return negative ? -rounded : rounded;
    }

    private static String where(int column, String token, String text) {
        return "value " + column + " of token '" + token + "' is '" + text + "'";
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
