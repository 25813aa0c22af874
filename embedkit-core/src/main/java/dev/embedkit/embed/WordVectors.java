package dev.embedkit.embed;

import dev.embedkit.UnknownTokenException;

/**
 * Words to vectors. A plain table knows only its rows; a subword model (fastText) also builds a vector for any
 * other word from its character n-grams. Commands that turn words into vectors ask this instead of the table, so
 * an out-of-vocabulary word works where the model can give it a vector, and is marked as such.
 */
public interface WordVectors {

    /** The vectors of the vocabulary's words, the rows that searches and unembedding score against. */
    EmbeddingTable table();

    /** The vector of {@code word}: its row if known, else one built from its n-grams, else null. */
    WordVector find(String word);

    /**
     * {@link #find}, falling back on the vocabulary's unknown-token policy (its {@code <unk>} row, or an
     * {@link UnknownTokenException}) when the model cannot build a vector.
     */
    default WordVector lookup(String word) {
        WordVector found = find(word);
        if (found != null) {
            return found;
        }
        int id = table().vocabulary().id(word);
        return new WordVector(word, id, table().weights().row(id), 0);
    }

    /**
     * {@link #find}, strictly: a word without a vector is an {@link UnknownTokenException} even where the vocabulary
     * maps unknown words to {@code <unk>}, whose row would silently answer another question.
     */
    default WordVector require(String word) {
        WordVector found = find(word);
        if (found == null) {
            throw new UnknownTokenException(word);
        }
        return found;
    }

    /** A table's rows, nothing more: an unknown word has no vector. */
    static WordVectors of(EmbeddingTable table) {
        return new WordVectors() {
            @Override
            public EmbeddingTable table() {
                return table;
            }

            @Override
            public WordVector find(String word) {
                int id = table.vocabulary().find(word);
                return id < 0 ? null : new WordVector(word, id, table.weights().row(id), 0);
            }
        };
    }
}
