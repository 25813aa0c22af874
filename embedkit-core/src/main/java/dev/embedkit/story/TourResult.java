package dev.embedkit.story;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.embedkit.embed.TokenScore;
import dev.embedkit.story.Distribution.Summary;
import dev.embedkit.story.NearestNeighbourSpread.TokenPair;
import dev.embedkit.story.OffsetDirections.Projection;
import dev.embedkit.story.OffsetDirections.WordPair;

import java.util.List;

/**
 * What one tour step found, as plain numbers: the CLI prints and plots these, the server sends them as JSON
 * (snake_case field names in both), so the two show the same values.
 */
public sealed interface TourResult {

    /** Claim 1: cosines of adjacent-ID rows beside random pairs, in this table and in a random one of its shape. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Ids(Summary adjacent, Summary random, Summary untrainedAdjacent, Summary untrainedRandom, double ksDistance,
               double untrainedKsDistance, double meanGap, double untrainedMeanGap) implements TourResult {
    }

    /** Claim 2: the looked-up row against the matrix row and the one-hot product, with the cost of each. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Lookup(int id, String token, float[] row, boolean lookupBitIdentical, int oneHotDifferingBits, double lookupNs,
                  double oneHotNs, long oneHotMultiplyAdds) implements TourResult {
    }

    /**
     * Claim 3: how parallel the offsets of like pairs are, and words projected on the first pair's direction. With
     * fewer than two known pairs only {@code pairs} and {@code skipped} are set.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Directions(List<WordPair> pairs, List<String> skipped, double[][] offsetCosines, Double meanOffsetCosine,
                      Summary randomOffsetCosines, WordPair projectionAxis, List<Projection> projections)
            implements TourResult {
    }

    /** Claim 4: text → tokens → IDs → rows, stacked into a (tokens, dim) matrix. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Tensor(String text, List<String> tokens, int[] ids, int[] shape, float[][] rows) implements TourResult {
    }

    /** Claim 6: an output vector scored against every row, top tokens at several temperatures. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Lineup(String expression, List<AtTemperature> temperatures) implements TourResult {
    }

    /** The lineup's top tokens at one softmax temperature. */
    record AtTemperature(double temperature, List<TokenScore> top) {
    }

    /**
     * Claim 7: every queried token's cosine to its nearest other token, and the closest pairs; {@code tie} is the
     * tie-two-tokens experiment when the tour has a corpus to train on, else null.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Duplicates(int queried, Summary nearest, List<TokenPair> closestPairs, Tie tie) implements TourResult {
    }

    /**
     * Two distinct tokens forced to share one vector for the first {@code tieSteps} steps of a short training run,
     * then released, beside the same run (same seed, same batches) without the tie.
     *
     * @param untied    held-out loss and the pair's cosine along the untied run
     * @param tied      the same along the tied run: cosine 1 while tied, falling after the release
     * @param lossRise  tied minus untied held-out loss at the release: what sharing the vector costs
     * @param corpus    what the runs trained on, e.g. "bundled: first 102,400 positions"
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Tie(String a, String b, String corpus, long tieSteps, long totalSteps, List<TiePoint> untied,
               List<TiePoint> tied, double lossRise) {
    }

    /** One measurement of a tie run: after {@code step} optimizer steps. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record TiePoint(long step, double heldOutLoss, double cosine) {
    }

    /** Claim 8: cosines of random directions in several dimensions, beside this table's random pairs. */
    record Space(List<SpaceRow> rows) implements TourResult {
    }

    /** One row of the space step: whose vectors, their dimension, and the cosines of random pairs of them. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record SpaceRow(String vectors, int dim, double oneOverSqrtD, double maxAbs, Summary cosines) {
    }
}
