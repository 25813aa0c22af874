package dev.embedkit.story;

import dev.embedkit.BadInputException;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.util.Arrays;

/**
 * A sample of numbers summarised the way the tour shows them: count, mean, standard deviation, quartiles and a
 * fixed-range histogram (so two distributions over the same range can be drawn side by side).
 */
public final class Distribution {
    private final double[] values; // sorted ascending

    public Distribution(double[] sample) {
        if (sample.length == 0) {
            throw new BadInputException("a distribution needs at least one value");
        }
        values = sample.clone();
        Arrays.sort(values);
    }

    /** The sample, sorted ascending (a copy). */
    public double[] values() {
        return values.clone();
    }

    public int count() {
        return values.length;
    }

    public double mean() {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    /** Sample standard deviation (n − 1); 0 for one value. */
    public double standardDeviation() {
        if (values.length < 2) {
            return 0;
        }
        double mean = mean();
        double sum = 0;
        for (double v : values) {
            sum += (v - mean) * (v - mean);
        }
        return Math.sqrt(sum / (values.length - 1));
    }

    /** The q-quantile, 0 ≤ q ≤ 1, by linear interpolation between order statistics (NumPy's default). */
    public double quantile(double q) {
        if (!(q >= 0 && q <= 1)) {
            throw new BadInputException("quantile must be in [0, 1], got " + q);
        }
        double position = q * (values.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(values.length - 1, below + 1);
        return values[below] + (position - below) * (values[above] - values[below]);
    }

    public double min() {
        return values[0];
    }

    public double max() {
        return values[values.length - 1];
    }

    /**
     * Counts in {@code bins} equal bins over [low, high]; values outside are clamped into the first or last bin,
     * so the counts always sum to {@link #count()}.
     */
    public long[] histogram(double low, double high, int bins) {
        if (bins < 1 || !(high > low)) {
            throw new BadInputException("a histogram needs bins ≥ 1 and high > low, got " + bins + " bins over ["
                    + low + ", " + high + "]");
        }
        long[] counts = new long[bins];
        for (double v : values) {
            int bin = (int) Math.floor((v - low) / (high - low) * bins);
            counts[Math.clamp(bin, 0, bins - 1)]++;
        }
        return counts;
    }

    /**
     * The two-sample Kolmogorov–Smirnov statistic: the largest gap between the two empirical distribution
     * functions, 0 for identical samples, 1 for samples that do not overlap.
     */
    public double ksDistance(Distribution other) {
        double[] a = values;
        double[] b = other.values;
        int i = 0;
        int j = 0;
        double gap = 0;
        while (i < a.length && j < b.length) {
            double x = Math.min(a[i], b[j]);
            while (i < a.length && a[i] <= x) {
                i++;
            }
            while (j < b.length && b[j] <= x) {
                j++;
            }
            gap = Math.max(gap, Math.abs((double) i / a.length - (double) j / b.length));
        }
        return gap;
    }

    /** The tour's bins: 40 over the cosine range [−1, 1]. */
    public static final int COSINE_BINS = 40;

    /** What the tour shows of a distribution of cosines: its statistics and a 40-bin histogram over [−1, 1]. */
    public Summary summary() {
        return new Summary(count(), mean(), standardDeviation(), min(), quantile(0.25), quantile(0.5), quantile(0.75),
                max(), new double[] {-1, 1}, histogram(-1, 1, COSINE_BINS));
    }

    /** A distribution as plain numbers, for JSON and plots; {@code histogram} counts bins over {@code histogramRange}. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Summary(int count, double mean, double sd, double min, double q25, double median, double q75,
                          double max, double[] histogramRange, long[] histogram) {
    }
}
