package dev.embedkit.tokenize.hf;

import dev.embedkit.FormatException;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.PatternSyntaxException;

/**
 * A Split/Replace pattern of tokenizer.json: {"String": literal} or {"Regex": pattern}. Hugging Face compiles
 * regexes with Oniguruma; java.util.regex in Unicode mode agrees on the syntax these files use (\p{L}, \s as
 * White_Space, lookahead, (?i:…)); a pattern Java cannot compile is refused with the field named.
 * <p>
 * A regex from a file may backtrack catastrophically ("(a+)+$" takes 2^n steps on n a's and a "!"), so its matching
 * reads the text through {@link StepBudget}: past a budget far above what any linear or mildly quadratic pattern
 * needs, it stops with an error naming the file and field instead of running for hours.
 */
final class HfPattern {
    /** The Whitespace pre-tokenizer's pattern: word-character runs and runs of other non-space characters. */
    static final HfPattern WORDS = new HfPattern(java.util.regex.Pattern.compile("\\w+|[^\\w\\s]+",
            java.util.regex.Pattern.UNICODE_CHARACTER_CLASS));

    private final java.util.regex.Pattern regex;
    /** The file's {"Regex": …} object, named when matching runs over budget; null for literals and built-ins. */
    private final JsonFields fromFile;

    private HfPattern(java.util.regex.Pattern regex) {
        this(regex, null);
    }

    private HfPattern(java.util.regex.Pattern regex, JsonFields fromFile) {
        this.regex = regex;
        this.fromFile = fromFile;
    }

    static HfPattern parse(JsonFields owner, String field) {
        JsonFields pattern = owner.object(field);
        if (pattern.has("String")) {
            return new HfPattern(java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(pattern.string("String"))));
        }
        if (pattern.has("Regex")) {
            try {
                return new HfPattern(java.util.regex.Pattern.compile(pattern.string("Regex"),
                        java.util.regex.Pattern.UNICODE_CHARACTER_CLASS), pattern);
            } catch (PatternSyntaxException e) {
                throw pattern.error("Regex", "this regex does not compile in Java: " + e.getDescription());
            }
        }
        throw pattern.error("expected {\"String\": …} or {\"Regex\": …}");
    }

    /** Start and end offsets of the matches, in order (empty ones too: they still separate pieces). */
    List<int[]> matches(String text) {
        List<int[]> found = new ArrayList<>();
        Matcher m = matcher(text);
        try {
            while (m.find()) {
                found.add(new int[] {m.start(), m.end()});
            }
        } catch (StepBudget.Exhausted e) {
            throw overBudget(text, e);
        }
        return found;
    }

    String replaceAll(String text, String replacement) {
        try {
            return matcher(text).replaceAll(Matcher.quoteReplacement(replacement));
        } catch (StepBudget.Exhausted e) {
            throw overBudget(text, e);
        }
    }

    private Matcher matcher(String text) {
        return regex.matcher(fromFile == null ? text : new StepBudget(text));
    }

    private FormatException overBudget(String text, StepBudget.Exhausted e) {
        return fromFile.error("Regex", "matching this regex against a text of " + text.length() + " characters took"
                + " more than " + e.steps() + " steps (catastrophic backtracking); it cannot be used on such text");
    }
}
