package dev.embedkit.tokenize.hf;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The "added_tokens" of tokenizer.json ([CLS], &lt;s&gt;, &lt;|endoftext|&gt;, user additions): found in the text
 * before the model runs and never split. Tokens with normalized=false are matched in the raw text, the others
 * in the normalized text of what is left, as Hugging Face's AddedVocabulary does: leftmost match first, the
 * longest at a position; single_word refuses a match inside a word; lstrip/rstrip take the spaces beside it along.
 */
final class AddedTokens {

    record AddedToken(int id, String content, boolean singleWord, boolean lstrip, boolean rstrip, boolean normalized,
                      boolean special) {
    }

    /** A stretch of text: either an added token (id >= 0) or text still to tokenize (id = -1). */
    record Span(String text, int id) {
    }

    private static final java.util.regex.Pattern WORD_AT_START = java.util.regex.Pattern.compile("^\\w",
            java.util.regex.Pattern.UNICODE_CHARACTER_CLASS);
    private static final java.util.regex.Pattern WORD_AT_END = java.util.regex.Pattern.compile("\\w$",
            java.util.regex.Pattern.UNICODE_CHARACTER_CLASS);

    private final Map<Integer, AddedToken> byId = new HashMap<>();
    private final Trie raw;
    private final Trie normalized;

    AddedTokens(List<AddedToken> tokens, UnaryOperator<String> normalizer) {
        tokens.forEach(t -> byId.put(t.id(), t));
        List<AddedToken> rawTokens = tokens.stream().filter(t -> !t.normalized()).toList();
        List<AddedToken> normalizedTokens = tokens.stream().filter(AddedToken::normalized).toList();
        this.raw = new Trie(rawTokens, rawTokens.stream().map(AddedToken::content).toList());
        this.normalized = new Trie(normalizedTokens, normalizedTokens.stream().map(t -> normalizer.apply(t.content())).toList());
    }

    AddedToken byId(int id) {
        return byId.get(id);
    }

    /** Splits raw text around the tokens matched before normalization. */
    List<Span> splitRaw(String text) {
        return raw.split(text);
    }

    /** Splits normalized text around the tokens matched after normalization. */
    List<Span> splitNormalized(String text) {
        return normalized.split(text);
    }

    /** Leftmost-longest matching of one set of token strings. */
    private static final class Trie {
        private final Map<Integer, List<Integer>> byFirstChar = new HashMap<>(); // first char -> indices, longest first
        private final List<AddedToken> tokens;
        private final List<String> patterns;

        Trie(List<AddedToken> tokens, List<String> patterns) {
            this.tokens = tokens;
            this.patterns = patterns;
            for (int i = 0; i < patterns.size(); i++) {
                if (!patterns.get(i).isEmpty()) {
                    byFirstChar.computeIfAbsent((int) patterns.get(i).charAt(0), c -> new ArrayList<>()).add(i);
                }
            }
            byFirstChar.values().forEach(list -> list.sort(Comparator.comparingInt((Integer i) -> -patterns.get(i).length())));
        }

        List<Span> split(String text) {
            List<Span> spans = new ArrayList<>();
            int done = 0; // end of the last emitted span
            int from = 0; // where the search goes on (after a discarded match too)
            while (from < text.length() && !byFirstChar.isEmpty()) {
                int start = -1;
                int which = -1;
                for (int i = from; i < text.length() && which < 0; i++) {
                    for (int candidate : byFirstChar.getOrDefault((int) text.charAt(i), List.of())) {
                        if (text.startsWith(patterns.get(candidate), i)) {
                            start = i;
                            which = candidate;
                            break;
                        }
                    }
                }
                if (which < 0) {
                    break;
                }
                AddedToken token = tokens.get(which);
                int stop = start + patterns.get(which).length();
                from = stop;
                if (token.singleWord() && ((start > 0 && WORD_AT_END.matcher(text.substring(0, start)).find())
                        || (stop < text.length() && WORD_AT_START.matcher(text.substring(stop)).find()))) {
                    continue; // inside a word: not this token
                }
                if (token.lstrip()) {
                    int s = start;
                    while (s > done && UnicodeClasses.isWhitespace(text.codePointBefore(s))) {
                        s -= Character.charCount(text.codePointBefore(s));
                    }
                    start = s;
                }
                if (token.rstrip()) {
                    while (stop < text.length() && UnicodeClasses.isWhitespace(text.codePointAt(stop))) {
                        stop += Character.charCount(text.codePointAt(stop));
                    }
                    from = stop;
                }
                if (done < start) {
                    spans.add(new Span(text.substring(done, start), -1));
                }
                spans.add(new Span(text.substring(start, stop), token.id()));
                done = stop;
            }
            if (done < text.length() || spans.isEmpty()) {
                spans.add(new Span(text.substring(done), -1));
            }
            return spans;
        }
    }
}
