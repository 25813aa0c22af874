package dev.embedkit.story;

import dev.embedkit.BadInputException;

import java.util.SplittableRandom;

/**
 * Claim 8, high-dimensional space is vast: the cosine of two random Gaussian directions in d dimensions has mean 0
 * and standard deviation 1/√d, so in 768 dimensions almost every pair is nearly orthogonal and there is room for
 * a very large number of distinct, almost unrelated directions.
 */
public final class RandomCosines {

    private RandomCosines() {
    }

    /** Cosines of {@code pairs} pairs of independent standard Gaussian vectors in {@code dim} dimensions. */
    public static Distribution of(int dim, int pairs, long seed) {
        if (dim < 1 || pairs < 1) {
            throw new BadInputException("dim and pairs must be at least 1, got dim=" + dim + ", pairs=" + pairs);
        }
        SplittableRandom random = new SplittableRandom(seed);
        double[] cosines = new double[pairs];
        for (int p = 0; p < pairs; p++) {
            double xy = 0;
            double xx = 0;
            double yy = 0;
            for (int c = 0; c < dim; c++) {
                double x = random.nextGaussian();
                double y = random.nextGaussian();
                xy += x * y;
                xx += x * x;
                yy += y * y;
            }
            cosines[p] = xy / Math.sqrt(xx * yy);
        }
        return new Distribution(cosines);
    }
}
