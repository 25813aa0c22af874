package dev.embedkit.io;

import dev.embedkit.BadInputException;
import dev.embedkit.embed.EmbeddingTable;
import dev.embedkit.vocab.Vocabulary;

/**
 * What the space-delimited formats (word2vec text and binary, GloVe, fastText .vec) cannot hold, checked by
 * their writers so that every file we write reads back identically, in embedkit and in gensim.
 */
final class WriterChecks {
    private WriterChecks() {
    }

    /** Every token must be non-empty and free of whitespace, which these formats use as the delimiter. */
    static void checkTokens(EmbeddingTable table, VectorFormat format) {
        Vocabulary vocabulary = table.vocabulary();
        for (int id = 0; id < vocabulary.size(); id++) {
            String token = vocabulary.token(id);
            if (token.isEmpty()) {
                throw new BadInputException("token " + id + " is empty; " + format.cliName()
                        + " cannot hold an empty token");
            }
            if (whitespaceAt(token) >= 0) {
                throw new BadInputException("token " + id + " '" + escaped(token) + "' contains whitespace, which "
                        + format.cliName() + " uses as a delimiter; save it as a model directory instead");
            }
        }
    }

    /**
     * Where {@code token} holds a space, tab, CR or LF, or -1: the characters the word2vec formats delimit with, so
     * the readers refuse them inside a token too (what one reads, the other must be able to write back).
     */
    static int whitespaceAt(String token) {
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                return i;
            }
        }
        return -1;
    }

    /** The token with its control whitespace spelled out, for a message. */
    static String escaped(String token) {
        return token.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t");
    }

    /** A NaN or infinity would be written, but no reader (ours included) accepts one back. */
    static void checkFinite(float[] row, int id, Vocabulary vocabulary) {
        for (int c = 0; c < row.length; c++) {
            if (!Float.isFinite(row[c])) {
                throw new BadInputException("row " + id + " (token '" + vocabulary.token(id) + "') has " + row[c]
                        + " at column " + c + "; only finite values can be written");
            }
        }
    }
}
