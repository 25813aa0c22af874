package dev.embedkit.story;

import dev.embedkit.BadInputException;
import dev.embedkit.story.OffsetDirections.WordPair;

import java.util.ArrayList;
import java.util.List;

/**
 * The choices a tour depends on, shared by {@code embedkit tour} and the server's tour endpoint so that both compute
 * the same numbers from the same model.
 *
 * @param samples   random pairs sampled per distribution (≥ 2)
 * @param seed      seed of every random choice
 * @param maxTokens tokens whose nearest neighbour the duplicates step finds (the most frequent ones)
 * @param top       tokens listed in the lineup
 * @param pairs     word pairs of the directions step, a → b
 * @param id        the lookup step's ID, or null for 104 (the last ID of a smaller table)
 * @param text      the text-to-tensor step's sentence
 * @param expr      the lineup's output vector as an expression ("king - man + woman"), or null for the default
 * @param tie       the duplicates step's pair to tie (when the tour has a {@link TieExperiment}), or null for its default
 * @param tieSteps  steps the pair stays tied, then as many released
 */
public record TourSettings(int samples, long seed, int maxTokens, int top, List<WordPair> pairs, Integer id,
                           String text, String expr, WordPair tie, int tieSteps) {
    public static final int DEFAULT_TIE_STEPS = 200;
    public static final String DEFAULT_PAIRS = "man:woman,king:queen,he:she,father:mother,brother:sister,son:daughter,boy:girl";
    public static final String DEFAULT_TEXT = "the king said unto the queen";

    public TourSettings {
        if (samples < 2) {
            throw new BadInputException("samples must be at least 2, got " + samples);
        }
        if (maxTokens < 1) {
            throw new BadInputException("max tokens must be at least 1, got " + maxTokens);
        }
        if (tieSteps < 1) {
            throw new BadInputException("tie steps must be at least 1, got " + tieSteps);
        }
        if (top < 1) {
            throw new BadInputException("top must be at least 1, got " + top);
        }
        pairs = List.copyOf(pairs);
    }

    public static TourSettings defaults() {
        return new TourSettings(5000, 1, 10_000, 5, parsePairs(List.of(DEFAULT_PAIRS.split(","))), null, DEFAULT_TEXT, null,
                null, DEFAULT_TIE_STEPS);
    }

    public TourSettings withSamples(int n) {
        return new TourSettings(n, seed, maxTokens, top, pairs, id, text, expr, tie, tieSteps);
    }

    public TourSettings withPairs(List<WordPair> p) {
        return new TourSettings(samples, seed, maxTokens, top, p, id, text, expr, tie, tieSteps);
    }

    public TourSettings withId(Integer i) {
        return new TourSettings(samples, seed, maxTokens, top, pairs, i, text, expr, tie, tieSteps);
    }

    public TourSettings withText(String t) {
        return new TourSettings(samples, seed, maxTokens, top, pairs, id, t, expr, tie, tieSteps);
    }

    /** "A:B" entries as pairs; an entry not of that form is refused by name. */
    public static List<WordPair> parsePairs(List<String> entries) {
        List<WordPair> parsed = new ArrayList<>();
        for (String entry : entries) {
            String[] words = entry.split(":", -1);
            if (words.length != 2 || words[0].isEmpty() || words[1].isEmpty()) {
                throw new BadInputException("pairs entry '" + entry + "' is not of the form A:B");
            }
            parsed.add(new WordPair(words[0], words[1]));
        }
        return parsed;
    }
}
