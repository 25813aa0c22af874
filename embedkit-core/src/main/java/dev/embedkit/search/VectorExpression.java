package dev.embedkit.search;

import dev.embedkit.BadInputException;
import dev.embedkit.UnknownTokenException;
import dev.embedkit.embed.EmbeddingTable;
import dev.embedkit.simd.Kernels;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Word arithmetic such as {@code king - man + woman}: the tokens to add and the tokens to subtract, in order.
 * Analogies solve it over unit vectors (gensim's most_similar(positive, negative)); {@link #sum} gives the raw
 * vector for unembedding it.
 */
public record VectorExpression(List<String> positive, List<String> negative) {

    public VectorExpression {
        positive = List.copyOf(positive);
        negative = List.copyOf(negative);
        if (positive.isEmpty() && negative.isEmpty()) {
            throw new BadInputException("a vector expression needs at least one token");
        }
    }

    /**
     * Parses tokens joined by {@code +} and {@code -}, with an optional sign before the first token. A bare token
     * runs until whitespace, {@code +} or {@code -}; a token that contains those (or is one of them) is written in
     * double or single quotes, inside which a backslash escapes the next character: {@code "new-york" - 'x\'s'}.
     * Errors name the 1-based position in {@code text}.
     */
    public static VectorExpression parse(String text) {
        List<String> positive = new ArrayList<>();
        List<String> negative = new ArrayList<>();
        int i = skipSpaces(text, 0);
        if (i == text.length()) {
            throw new BadInputException("empty expression: write tokens joined by + and -, e.g. \"king - man + woman\"");
        }
        char sign = '+';
        if (isOperator(text.charAt(i))) {
            sign = text.charAt(i);
            i = skipSpaces(text, i + 1);
        }
        while (true) {
            if (i == text.length()) {
                throw error(text, i, "expected a token after '" + sign + "'");
            }
            char c = text.charAt(i);
            if (isOperator(c)) {
                throw error(text, i, "expected a token, found '" + c + "'");
            }
            StringBuilder token = new StringBuilder();
            i = c == '"' || c == '\'' ? readQuoted(text, i, token) : readBare(text, i, token);
            (sign == '+' ? positive : negative).add(token.toString());
            i = skipSpaces(text, i);
            if (i == text.length()) {
                return new VectorExpression(positive, negative);
            }
            if (!isOperator(text.charAt(i))) {
                throw error(text, i, "expected '+' or '-', found '" + text.charAt(i) + "'");
            }
            sign = text.charAt(i);
            i = skipSpaces(text, i + 1);
        }
    }

    /** Every token, those added first, then those subtracted. */
    public List<String> tokens() {
        List<String> tokens = new ArrayList<>(positive);
        tokens.addAll(negative);
        return tokens;
    }

    /**
     * Σ E[positive] − Σ E[negative] over the raw rows (not normalized), e.g. to unembed {@code king - man + woman}.
     *
     * @return (dim)
     */
    public float[] sum(EmbeddingTable table) {
        return sum(table, Map.of());
    }

    /**
     * {@link #sum(EmbeddingTable)}, where the tokens of {@code given} count with their given vector, (dim) each:
     * words out of the vocabulary whose vectors come from their n-grams ({@code OovWords}).
     */
    public float[] sum(EmbeddingTable table, Map<String, float[]> given) {
        float[] sum = new float[table.dim()];
        for (String token : positive) {
            Kernels.get().axpy(1f, vector(table, given, token), 0, sum, 0, sum.length);
        }
        for (String token : negative) {
            Kernels.get().axpy(-1f, vector(table, given, token), 0, sum, 0, sum.length);
        }
        return sum;
    }

    private static float[] vector(EmbeddingTable table, Map<String, float[]> given, String token) {
        float[] vector = given.get(token);
        return vector != null ? vector : row(table, token);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        for (String token : positive) {
            text.append(text.isEmpty() ? "" : " + ").append(token);
        }
        for (String token : negative) {
            text.append(text.isEmpty() ? "- " : " - ").append(token);
        }
        return text.toString();
    }

    /** Strict lookup: an expression with a typo should fail, not silently use {@code <unk>}. */
    private static float[] row(EmbeddingTable table, String token) {
        int id = table.vocabulary().find(token);
        if (id < 0) {
            throw new UnknownTokenException(token);
        }
        return table.weights().row(id);
    }

    private static int readQuoted(String text, int open, StringBuilder token) {
        char quote = text.charAt(open);
        int i = open + 1;
        while (i < text.length() && text.charAt(i) != quote) {
            if (text.charAt(i) == '\\' && i + 1 < text.length()) {
                i++;
            }
            token.append(text.charAt(i++));
        }
        if (i == text.length()) {
            throw error(text, open, "unterminated quote " + quote);
        }
        if (token.isEmpty()) {
            throw error(text, open, "empty quoted token");
        }
        return i + 1;
    }

    private static int readBare(String text, int start, StringBuilder token) {
        int i = start;
        while (i < text.length() && !Character.isWhitespace(text.charAt(i)) && !isOperator(text.charAt(i))) {
            i++;
        }
        token.append(text, start, i);
        return i;
    }

    private static boolean isOperator(char c) {
        return c == '+' || c == '-';
    }

    private static int skipSpaces(String text, int i) {
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }

    private static BadInputException error(String text, int index, String problem) {
        return new BadInputException("expression \"" + text + "\": " + problem + " at position " + (index + 1));
    }
}
