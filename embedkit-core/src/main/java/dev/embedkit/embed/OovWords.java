package dev.embedkit.embed;

import dev.embedkit.BadInputException;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The query words that are not in the vocabulary but have a vector from their character n-grams (a subword model:
 * fastText's .bin, or one trained with {@code --subwords}). Word arithmetic takes them as given vectors
 * ({@link #vectorsByWord()}); they are no rows, so they never come back as answers. The CLI and the server ask the
 * same questions through here.
 */
public record OovWords(List<WordVector> vectors) {

    public OovWords {
        vectors = List.copyOf(vectors);
    }

    /** The out-of-vocabulary words among {@code asked} that {@code words} can build a vector for. */
    public static OovWords of(WordVectors words, Collection<String> asked) {
        List<WordVector> found = new ArrayList<>();
        for (String word : new LinkedHashSet<>(asked)) {
            if (words.table().vocabulary().find(word) < 0 && words.find(word) != null) {
                found.add(queryVector(words, word));
            }
        }
        return new OovWords(found);
    }

    /**
     * The vector of a query word: its row, or for a subword model the mean of its n-gram rows; an unknown word
     * otherwise follows the vocabulary's unknown-token policy.
     */
    public static WordVector queryVector(WordVectors words, String word) {
        return withDirection(words.lookup(word));
    }

    /**
     * {@code vector}, unless it is an out-of-vocabulary word without any n-gram: fastText gives it the zero vector,
     * which has no direction to search, so that is an error here.
     */
    public static WordVector withDirection(WordVector vector) {
        if (vector.oov() && vector.ngrams() == 0) {
            throw new BadInputException("'" + vector.word() + "' is not in the vocabulary and has no n-grams in the"
                    + " model; its vector is zero (as in fastText), which has no direction to compare");
        }
        return vector;
    }

    public boolean isEmpty() {
        return vectors.isEmpty();
    }

    /** Word → its vector, (dim) each, as word arithmetic takes them. */
    public Map<String, float[]> vectorsByWord() {
        Map<String, float[]> byWord = new LinkedHashMap<>();
        vectors.forEach(v -> byWord.put(v.word(), v.values()));
        return byWord;
    }

    /** Word → how many n-gram rows its vector averages, for JSON answers ("oov"). */
    public Map<String, Integer> ngramCounts() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        vectors.forEach(v -> counts.put(v.word(), v.ngrams()));
        return counts;
    }

    /** One line per word: "'kingly' is not in the vocabulary (OOV: from 12 n-grams)". */
    public List<String> notes() {
        return vectors.stream().map(v -> "'" + v.word() + "' is not in the vocabulary " + v.note()).toList();
    }

    /** " (OOV: kingly, farmed, from their n-grams)" after an expression that has such words, else "". */
    public String expressionNote() {
        return isEmpty() ? "" : " (OOV: " + String.join(", ", ngramCounts().keySet()) + ", from their n-grams)";
    }
}
