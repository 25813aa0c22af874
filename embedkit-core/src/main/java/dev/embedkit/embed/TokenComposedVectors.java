package dev.embedkit.embed;

import dev.embedkit.tensor.FloatMatrix;
import dev.embedkit.tokenize.TokenText;
import dev.embedkit.tokenize.Tokenizer;
import dev.embedkit.vocab.Vocabulary;

import java.util.ArrayList;
import java.util.List;

/**
 * Word vectors of a model trained over a subword tokenizer's tokens (row i is token ID i): a word that is one token
 * has that token's row; any other word the mean of the rows of its tokens, marked as composed. So every word gets
 * a vector, as the tokenizer can encode any text.
 *
 * <p>A word is looked up with a leading space first (the form a word takes inside a sentence for a GPT-2-style
 * byte-level BPE, "Ġking", by far its most frequent and best-trained form), then as written (a line's first
 * word), then as a raw token string ("Ġking" typed as is). A word that is none of these is composed from the tokens
 * of its in-sentence form (" unbelievable" → " un" "bel" "ievable").
 */
public final class TokenComposedVectors implements WordVectors {
    private final EmbeddingTable table;
    private final Tokenizer tokenizer;

    public TokenComposedVectors(EmbeddingTable table, Tokenizer tokenizer) {
        this.table = table;
        this.tokenizer = tokenizer;
    }

    @Override
    public EmbeddingTable table() {
        return table;
    }

    /** Never null for a word the tokenizer encodes to at least one token. */
    @Override
    public WordVector find(String word) {
        int[] ids = ids(tokenizer, table.vocabulary(), word);
        if (ids.length == 0) {
            return null;
        }
        if (ids.length == 1) {
            return new WordVector(word, ids[0], table.weights().row(ids[0]), 0);
        }
        List<String> pieces = new ArrayList<>();
        for (int id : ids) {
            pieces.add(TokenText.readable(tokenizer, id));
        }
        return new WordVector(word, -1, mean(table.weights(), ids), ids.length, pieces);
    }

    /**
     * The token IDs whose rows make {@code word}'s vector: one ID if the word is a token (with a leading space, as
     * written, or as a raw token string), else the tokens of " " + word (empty only for empty text).
     */
    public static int[] ids(Tokenizer tokenizer, Vocabulary tokens, String word) {
        int[] inSentence = tokenizer.encode(" " + word);
        if (inSentence.length == 1) {
            return inSentence;
        }
        int[] asWritten = tokenizer.encode(word);
        if (asWritten.length == 1) {
            return asWritten;
        }
        int raw = tokens.find(word);
        if (raw >= 0) {
            return new int[] {raw};
        }
        return inSentence.length > 0 ? inSentence : asWritten;
    }

    /** The mean of rows {@code ids} of {@code rows}: summed in float in the given order, then divided by the count. */
    public static float[] mean(FloatMatrix rows /* (V, dim) */, int[] ids) {
        float[] sum = new float[rows.cols()];
        float[] row = new float[rows.cols()];
        for (int id : ids) {
            rows.copyRow(id, row, 0);
            for (int c = 0; c < sum.length; c++) {
                sum[c] += row[c];
            }
        }
        for (int c = 0; c < sum.length; c++) {
            sum[c] /= ids.length;
        }
        return sum;
    }
}
