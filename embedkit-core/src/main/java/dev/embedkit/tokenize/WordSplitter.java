package dev.embedkit.tokenize;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits text into word strings, before any vocabulary is involved (so the same splitter both builds a
 * vocabulary from a corpus and tokenizes queries against it).
 *
 * @param mode      how words are delimited
 * @param lowercase whether words are lowercased (ROOT locale, so the result does not depend on the machine)
 */
public record WordSplitter(Mode mode, boolean lowercase) {

    public enum Mode {
        /** Words are maximal runs of non-whitespace; punctuation stays attached ("world!" is one word). */
        WHITESPACE,
        /** Letter/digit runs are words and each punctuation character is a word of its own. */
        PUNCTUATION,
        /** Only letters survive; everything else separates words, like the text8 corpus. */
        LETTERS_ONLY
    }

    /** text8 conventions: lowercase, letters only. */
    public static WordSplitter text8() {
        return new WordSplitter(Mode.LETTERS_ONLY, true);
    }

    public List<String> split(String text) {
        String normalized = lowercase ? text.toLowerCase(Locale.ROOT) : text;
        List<String> words = new ArrayList<>();
        int n = normalized.length();
        int i = 0;
        while (i < n) {
            int cp = normalized.codePointAt(i);
            CharClass cls = classify(cp);
            if (cls == CharClass.SEPARATOR) {
                i += Character.charCount(cp);
                continue;
            }
            int start = i;
            i += Character.charCount(cp);
            if (cls == CharClass.SINGLE) {
                words.add(normalized.substring(start, i));
                continue;
            }
            while (i < n) {
                int next = normalized.codePointAt(i);
                if (classify(next) != CharClass.WORD) {
                    break;
                }
                i += Character.charCount(next);
            }
            words.add(normalized.substring(start, i));
        }
        return words;
    }

    private enum CharClass { WORD, SINGLE, SEPARATOR }

    private CharClass classify(int cp) {
        return switch (mode) {
            case WHITESPACE -> Character.isWhitespace(cp) || Character.isSpaceChar(cp) ? CharClass.SEPARATOR : CharClass.WORD;
            case LETTERS_ONLY -> isLetter(cp) ? CharClass.WORD : CharClass.SEPARATOR;
            case PUNCTUATION -> {
                if (isLetter(cp) || Character.isDigit(cp)) {
                    yield CharClass.WORD;
                }
                yield Character.isWhitespace(cp) || Character.isSpaceChar(cp) || Character.isISOControl(cp)
                        ? CharClass.SEPARATOR : CharClass.SINGLE;
            }
        };
    }

    // Combining marks belong to the letter they modify ("é" written as e + U+0301 stays one word).
    private static boolean isLetter(int cp) {
        int type = Character.getType(cp);
        return Character.isLetter(cp) || type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK;
    }
}
