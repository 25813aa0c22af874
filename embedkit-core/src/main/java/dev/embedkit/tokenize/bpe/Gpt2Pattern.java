package dev.embedkit.tokenize.bpe;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GPT-2's pre-tokenization: contractions, letter runs, digit runs and other-symbol runs (each with at most one
 * leading space), and whitespace runs that leave their last space to the next word. BPE never merges across
 * these pieces. The regex engines of the two references disagree on what {@code \s} is, so there are two flavours.
 */
public enum Gpt2Pattern {
    /** As in JavaScript (gpt-3-encoder): ASCII whitespace, U+00A0, U+1680, U+2000–U+200A, U+2028/9, U+202F, U+205F, U+3000, U+FEFF. */
    JAVASCRIPT("\\t\\n\\x0B\\f\\r \\u00A0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000\\uFEFF"),
    /** As in Oniguruma (Hugging Face tokenizers): the Unicode White_Space property, which has U+0085 and not U+FEFF. */
    ONIGURUMA("\\t\\n\\x0B\\f\\r \\u0085\\u00A0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000");

    private final Pattern pattern;

    Gpt2Pattern(String whitespace) {
        String s = "[" + whitespace + "]";
        String notS = "[^" + whitespace + "]";
        pattern = Pattern.compile("'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^" + whitespace + "\\p{L}\\p{N}]+|"
                + s + "+(?!" + notS + ")|" + s + "+");
    }

    /** The pieces of {@code text}, in order; together they are exactly {@code text}. */
    public List<String> split(String text) {
        List<String> pieces = new ArrayList<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            pieces.add(m.group());
        }
        return pieces;
    }
}
