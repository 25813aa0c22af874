package dev.embedkit.eval;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/** The correlations scipy reports, in double precision: Pearson's r, and Spearman's ρ (Pearson's r of the ranks). */
public final class Correlation {
    private Correlation() {
    }

    /** Pearson's r of x and y (same length ≥ 2); NaN when either is constant, as scipy's pearsonr. */
    public static double pearson(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("x has " + x.length + " values but y has " + y.length);
        }
        if (x.length < 2) {
            return Double.NaN;
        }
        double meanX = mean(x);
        double meanY = mean(y);
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < x.length; i++) { // two passes (centred sums): stable where the one-pass formula is not
            double dx = x[i] - meanX;
            double dy = y[i] - meanY;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }
        if (sxx == 0 || syy == 0) {
            return Double.NaN;
        }
        double r = sxy / Math.sqrt(sxx * syy);
        return Math.max(-1, Math.min(1, r)); // rounding can step just outside; scipy clips too
    }

    /** Spearman's ρ: Pearson's r of the ranks, tied values sharing their average rank (scipy's spearmanr). */
    public static double spearman(double[] x, double[] y) {
        return pearson(ranks(x), ranks(y));
    }

    /** 1-based ranks, ties given the mean of the ranks they span (scipy.stats.rankdata, method="average"). */
    static double[] ranks(double[] values) {
        Integer[] order = IntStream.range(0, values.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> values[i]));
        double[] ranks = new double[values.length];
        for (int start = 0; start < order.length; ) {
            int end = start + 1;
            while (end < order.length && values[order[end]] == values[order[start]]) {
                end++;
            }
            double rank = (start + 1 + end) / 2.0; // mean of start+1 .. end
            for (int i = start; i < end; i++) {
                ranks[order[i]] = rank;
            }
            start = end;
        }
        return ranks;
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }
}
