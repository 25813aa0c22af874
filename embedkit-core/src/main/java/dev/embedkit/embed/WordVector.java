package dev.embedkit.embed;

import java.util.List;

/**
 * A word's vector as a {@link WordVectors} found it.
 *
 * @param word the word asked for
 * @param id its row in the table, or -1 when the word is out of the vocabulary and the vector was built from its
 *           character n-grams
 * @param values (dim); a zero vector for an out-of-vocabulary word without n-grams, as fastText gives it
 * @param ngrams how many n-gram rows went into the vector (0 for a plain table's row); for a word composed of
 *               subword tokens, how many tokens
 * @param composedOf for a word that is not one token of a subword model: its tokens as readable text, whose rows'
 *                   mean is the vector; null otherwise
 */
public record WordVector(String word, int id, float[] values, int ngrams, List<String> composedOf) {

    public WordVector(String word, int id, float[] values, int ngrams) {
        this(word, id, values, ngrams, null);
    }

    /** Out of the vocabulary: the vector is the mean of the word's n-gram rows. */
    public boolean oov() {
        return id < 0;
    }

    /** "(OOV: from 12 n-grams)" for an out-of-vocabulary word, "" for a known one. */
    public String note() {
        if (!oov()) {
            return "";
        }
        if (composedOf != null) {
            return "(not one token: composed, the mean of the rows of its " + ngrams + " subword tokens "
                    + String.join(" ", composedOf) + ")";
        }
        if (ngrams == 0) {
            return "(OOV: no n-grams, zero vector)";
        }
        return "(OOV: from " + ngrams + " n-gram" + (ngrams == 1 ? "" : "s") + ")";
    }
}
