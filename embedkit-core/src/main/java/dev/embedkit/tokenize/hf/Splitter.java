package dev.embedkit.tokenize.hf;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * Hugging Face's SplitDelimiterBehavior: given where the delimiters are in a piece, what the pieces become.
 * Shared by Split, Punctuation, Digits, Whitespace(Split) and the BERT pre-tokenizer. Empty pieces are dropped.
 */
enum Splitter {
    REMOVED, ISOLATED, MERGED_WITH_PREVIOUS, MERGED_WITH_NEXT, CONTIGUOUS;

    static Splitter parse(JsonFields owner, String field, Splitter fallback) {
        if (!owner.has(field)) {
            return fallback;
        }
        return switch (owner.string(field)) {
            case "Removed" -> REMOVED;
            case "Isolated" -> ISOLATED;
            case "MergedWithPrevious" -> MERGED_WITH_PREVIOUS;
            case "MergedWithNext" -> MERGED_WITH_NEXT;
            case "Contiguous" -> CONTIGUOUS;
            default -> throw owner.error(field, "unknown split behavior \"" + owner.string(field)
                    + "\" (expected Removed, Isolated, MergedWithPrevious, MergedWithNext or Contiguous)");
        };
    }

    /** Splits {@code text} around each code point that {@code delimiter} accepts (each is its own match). */
    List<String> split(String text, IntPredicate delimiter) {
        List<int[]> matches = new ArrayList<>();
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int next = i + Character.charCount(cp);
            if (delimiter.test(cp)) {
                matches.add(new int[] {i, next});
            }
            i = next;
        }
        return split(text, matches, false);
    }

    /** Splits {@code text} given the delimiter matches (start, end), with their roles swapped if {@code invert}. */
    List<String> split(String text, List<int[]> matches, boolean invert) {
        // segments cover the text: {start, end, isMatch}
        List<int[]> segments = new ArrayList<>();
        if (text.isEmpty()) {
            segments.add(new int[] {0, 0, 0});
        }
        int previous = 0;
        for (int[] m : matches) {
            if (previous != m[0]) {
                segments.add(new int[] {previous, m[0], 0});
            }
            segments.add(new int[] {m[0], m[1], 1});
            previous = m[1];
        }
        if (previous != text.length()) {
            segments.add(new int[] {previous, text.length(), 0});
        }
        if (invert) {
            segments.forEach(s -> s[2] = 1 - s[2]);
        }
        List<int[]> pieces = switch (this) {
            case REMOVED -> segments.stream().filter(s -> s[2] == 0).toList();
            case ISOLATED -> segments;
            case MERGED_WITH_PREVIOUS -> mergeWithPrevious(segments);
            case MERGED_WITH_NEXT -> mergeWithNext(segments);
            case CONTIGUOUS -> contiguous(segments);
        };
        List<String> out = new ArrayList<>();
        for (int[] p : pieces) {
            if (p[1] > p[0]) {
                out.add(text.substring(p[0], p[1]));
            }
        }
        return out;
    }

    // A match joins the piece before it, unless that piece is itself a match.
    private static List<int[]> mergeWithPrevious(List<int[]> segments) {
        List<int[]> out = new ArrayList<>();
        boolean previousMatch = false;
        for (int[] s : segments) {
            if (s[2] == 1 && !previousMatch && !out.isEmpty()) {
                out.getLast()[1] = s[1];
            } else {
                out.add(new int[] {s[0], s[1]});
            }
            previousMatch = s[2] == 1;
        }
        return out;
    }

    // A match joins the piece after it, unless that piece is itself a match.
    private static List<int[]> mergeWithNext(List<int[]> segments) {
        List<int[]> reversed = new ArrayList<>();
        boolean nextMatch = false;
        for (int[] s : segments.reversed()) {
            if (s[2] == 1 && !nextMatch && !reversed.isEmpty()) {
                reversed.getLast()[0] = s[0];
            } else {
                reversed.add(new int[] {s[0], s[1]});
            }
            nextMatch = s[2] == 1;
        }
        return reversed.reversed();
    }

    // Runs of matches (and runs of non-matches) become one piece each.
    private static List<int[]> contiguous(List<int[]> segments) {
        List<int[]> out = new ArrayList<>();
        boolean previousMatch = false;
        for (int[] s : segments) {
            if ((s[2] == 1) == previousMatch && !out.isEmpty()) {
                out.getLast()[1] = s[1];
            } else {
                out.add(new int[] {s[0], s[1]});
            }
            previousMatch = s[2] == 1;
        }
        return out;
    }
}
