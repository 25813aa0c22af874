package dev.embedkit.story;

import dev.embedkit.BadInputException;
import dev.embedkit.search.NeighborIndex;

import java.util.SplittableRandom;

/**
 * Claim 1, IDs carry no meaning: the cosine similarity of the rows of neighbouring IDs (i, i+1) beside that of
 * random pairs. If the number were meaningful, adjacent IDs would be more alike than random ones.
 *
 * @param adjacent cosines of (i, i+1), at most {@code pairs} of them spread evenly over the vocabulary
 * @param random   cosines of {@code pairs} random pairs of distinct IDs
 */
public record IdAdjacency(Distribution adjacent, Distribution random) {

    public static IdAdjacency of(NeighborIndex index, int pairs, long seed) {
        int size = index.table().vocabularySize();
        if (size < 3) {
            throw new BadInputException("comparing adjacent and random IDs needs at least 3 tokens, the table has " + size);
        }
        if (pairs < 1) {
            throw new BadInputException("pairs must be at least 1, got " + pairs);
        }
        int adjacentCount = Math.min(pairs, size - 1);
        double[] adjacent = new double[adjacentCount];
        for (int p = 0; p < adjacentCount; p++) {
            int i = (int) ((long) p * (size - 1) / adjacentCount); // evenly spread over 0 .. V−2
            adjacent[p] = index.cosine(i, i + 1);
        }
        SplittableRandom random = new SplittableRandom(seed);
        double[] randomPairs = new double[pairs];
        for (int p = 0; p < pairs; p++) {
            int a = random.nextInt(size);
            int b = random.nextInt(size - 1);
            randomPairs[p] = index.cosine(a, b >= a ? b + 1 : b); // b ≠ a, uniform over the others
        }
        return new IdAdjacency(new Distribution(adjacent), new Distribution(randomPairs));
    }

    /** Mean adjacent cosine minus mean random cosine: about 0 when IDs carry no meaning. */
    public double meanGap() {
        return adjacent.mean() - random.mean();
    }
}
