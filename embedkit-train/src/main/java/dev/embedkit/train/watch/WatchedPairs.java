package dev.embedkit.train.watch;

import dev.embedkit.BadInputException;
import dev.embedkit.embed.Cosine;
import dev.embedkit.embed.TokenComposedVectors;
import dev.embedkit.tensor.FloatMatrix;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Word pairs whose cosine similarity the training log records at every report, so a run shows meaning being
 * learned: near 0 in the random initial table, then rising for related words. A word's vector is its row, or for
 * a subword model that does not have it as one token the mean of its tokens' rows (as queries compose it). The
 * pairs are resolved once the vocabulary is known; the defaults (cat:dog, king:queen) only where both words are
 * in it, while a pair the user named must resolve or the run is refused before training.
 */
public final class WatchedPairs {
    /** Watched when the user names none and both words are in the vocabulary. */
    public static final List<Pair> DEFAULTS = List.of(new Pair("cat", "dog"), new Pair("king", "queen"));
    /** The training log's field holding {"a:b": cosine, …}. */
    public static final String LOG_FIELD = "watch";

    private final List<Pair> asked;
    private final boolean defaults;
    private final List<Pair> watched = new ArrayList<>();
    private final List<int[][]> ids = new ArrayList<>(); // per watched pair: the IDs of each word
    private volatile FloatMatrix rows;                   // (V, dim) the live input table

    /** A pair "A:B" as given on the command line. */
    public record Pair(String first, String second) {
        public static Pair parse(String spec) {
            int colon = spec.indexOf(':');
            if (colon <= 0 || colon == spec.length() - 1 || spec.indexOf(':', colon + 1) >= 0) {
                throw new BadInputException("--watch " + spec + ": give two words as A:B, e.g. cat:dog");
            }
            return new Pair(spec.substring(0, colon), spec.substring(colon + 1));
        }

        /** The pair's key in the log, "A:B". */
        public String key() {
            return first + ":" + second;
        }
    }

    private WatchedPairs(List<Pair> asked, boolean defaults) {
        this.asked = List.copyOf(asked);
        this.defaults = defaults;
    }

    /** The pairs given as "A:B"; none given means the defaults. */
    public static WatchedPairs of(List<String> specs) {
        return specs.isEmpty() ? new WatchedPairs(DEFAULTS, true)
                : new WatchedPairs(specs.stream().map(Pair::parse).toList(), false);
    }

    /**
     * Resolves the words with {@code wordIds} (a word's IDs: one for a token of the vocabulary, several for a word
     * composed of subword tokens, none if it has no vector) and watches rows of {@code table} from now on.
     */
    public void attach(Function<String, int[]> wordIds, FloatMatrix table) {
        watched.clear();
        ids.clear();
        for (Pair pair : asked) {
            int[] first = wordIds.apply(pair.first());
            int[] second = wordIds.apply(pair.second());
            boolean resolved = defaults ? first.length == 1 && second.length == 1 : first.length > 0 && second.length > 0;
            if (resolved) {
                watched.add(pair);
                ids.add(new int[][] {first, second});
            } else if (!defaults) {
                throw new BadInputException("--watch " + pair.key() + ": '" + (first.length == 0 ? pair.first()
                        : pair.second()) + "' is not in the vocabulary");
            }
        }
        rows = table;
    }

    /** The pairs being watched (after {@link #attach}: those whose words are in the vocabulary). */
    public List<Pair> watched() {
        return List.copyOf(watched);
    }

    /** {"watch": {"a:b": cosine, …}} of the table now; empty before attaching or with nothing to watch. */
    public Map<String, Object> logFields() {
        FloatMatrix table = rows;
        if (table == null || watched.isEmpty()) {
            return Map.of();
        }
        Map<String, Double> cosines = new LinkedHashMap<>();
        for (int p = 0; p < watched.size(); p++) {
            int[][] pairIds = ids.get(p);
            cosines.put(watched.get(p).key(), Cosine.between(TokenComposedVectors.mean(table, pairIds[0]),
                    TokenComposedVectors.mean(table, pairIds[1])));
        }
        return Map.of(LOG_FIELD, cosines);
    }

}
