package dev.embedkit.cli;

import dev.embedkit.BadInputException;
import dev.embedkit.embed.EmbeddingTable;
import dev.embedkit.embed.ExtraRows;
import dev.embedkit.embed.WordVector;
import dev.embedkit.embed.WordVectors;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The words a command was given that are not in the vocabulary but have a vector from their character n-grams
 * (fastText models). Appended to the table as extra rows, they take part in word arithmetic like any other row;
 * since they are always query words, the searches exclude them from the answers.
 */
record OovWords(List<WordVector> vectors) {

    /** The out-of-vocabulary words among {@code asked} that {@code words} can build a vector for. */
    static OovWords of(WordVectors words, Collection<String> asked) {
        List<WordVector> found = new ArrayList<>();
        for (String word : new LinkedHashSet<>(asked)) {
            if (words.table().vocabulary().find(word) < 0 && words.find(word) != null) {
                found.add(queryVector(words, word));
            }
        }
        return new OovWords(found);
    }

    /**
     * The vector of a query word: its row, or for a subword model the mean of its n-gram rows. A word without any
     * (fastText gives it the zero vector) has no direction to search, which is an error here.
     */
    static WordVector queryVector(WordVectors words, String word) {
        WordVector vector = words.lookup(word);
        if (vector.oov() && vector.ngrams() == 0) {
            throw new BadInputException("'" + word + "' is not in the vocabulary and has no n-grams in the model;"
                    + " its vector is zero (as in fastText), which has no direction to compare");
        }
        return vector;
    }

    boolean isEmpty() {
        return vectors.isEmpty();
    }

    /** {@code table} with one more row per word, after the vocabulary's rows (whose IDs stay the same). */
    EmbeddingTable appendTo(EmbeddingTable table) {
        return ExtraRows.append(table, vectors);
    }

    void printNotes(PrintWriter out) {
        for (WordVector vector : vectors) {
            out.printf("'%s' is not in the vocabulary %s%n", vector.word(), vector.note());
        }
    }

    /** Word → n-gram count, for JSON output. */
    java.util.Map<String, Integer> ngramCounts() {
        java.util.Map<String, Integer> counts = new java.util.LinkedHashMap<>();
        vectors.forEach(v -> counts.put(v.word(), v.ngrams()));
        return counts;
    }
}
