package dev.embedkit.tokenize.hf;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.PatternSyntaxException;

/**
 * A Split/Replace pattern of tokenizer.json: {"String": literal} or {"Regex": pattern}. Hugging Face compiles
 * regexes with Oniguruma; java.util.regex in Unicode mode agrees on the syntax these files use (\p{L}, \s as
 * White_Space, lookahead, (?i:…)); a pattern Java cannot compile is refused with the field named.
 */
final class HfPattern {
    /** The Whitespace pre-tokenizer's pattern: word-character runs and runs of other non-space characters. */
    static final HfPattern WORDS = new HfPattern(java.util.regex.Pattern.compile("\\w+|[^\\w\\s]+",
            java.util.regex.Pattern.UNICODE_CHARACTER_CLASS));

    private final java.util.regex.Pattern regex;

    private HfPattern(java.util.regex.Pattern regex) {
        this.regex = regex;
    }

    static HfPattern parse(JsonFields owner, String field) {
        JsonFields pattern = owner.object(field);
        if (pattern.has("String")) {
            return new HfPattern(java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(pattern.string("String"))));
        }
        if (pattern.has("Regex")) {
            try {
                return new HfPattern(java.util.regex.Pattern.compile(pattern.string("Regex"),
                        java.util.regex.Pattern.UNICODE_CHARACTER_CLASS));
            } catch (PatternSyntaxException e) {
                throw pattern.error("Regex", "this regex does not compile in Java: " + e.getDescription());
            }
        }
        throw pattern.error("expected {\"String\": …} or {\"Regex\": …}");
    }

    /** Start and end offsets of the matches, in order (empty ones too: they still separate pieces). */
    List<int[]> matches(String text) {
        List<int[]> found = new ArrayList<>();
        Matcher m = regex.matcher(text);
        while (m.find()) {
            found.add(new int[] {m.start(), m.end()});
        }
        return found;
    }

    String replaceAll(String text, String replacement) {
        return regex.matcher(text).replaceAll(Matcher.quoteReplacement(replacement));
    }
}
