package dev.embedkit.server.projection;

import dev.embedkit.BadInputException;

import java.util.SplittableRandom;

/**
 * Principal components of n points in d dimensions, by power iteration on the d×d covariance matrix: each
 * component is the dominant eigenvector of C restricted to the complement of the ones found before (deflation by
 * re-orthogonalising every iterate, which keeps rounding from leaking earlier components back in). All sums are in
 * double. The sign of a component is fixed so that its largest-magnitude entry is positive (the first such on
 * ties), which makes the result reproducible and comparable with other solvers.
 */
public final class Pca {
    static final int MAX_ITERATIONS = 5_000;
    // Converged when the direction moves less than this between iterates: 1 − |cos| below ~1e-13 is about 4e-7 rad.
    private static final double TOLERANCE = 1e-13;
    private static final long SEED = 42; // the start vectors; random so no component is orthogonal to them by design

    private Pca() {
    }

    /**
     * @param mean       (d) the mean that was subtracted
     * @param components (k, d) unit vectors, most variance first
     * @param variances  (k) the variance along each component (eigenvalue of the covariance, divisor n − 1)
     * @param total      the total variance, trace of the covariance
     */
    public record Result(double[] mean, double[][] components, double[] variances, double total) {

        /** variances[i] / total: the share of the spread each component shows (0 when all points coincide). */
        public double[] explainedVarianceRatio() {
            double[] ratio = new double[variances.length];
            for (int i = 0; i < ratio.length; i++) {
                ratio[i] = total > 0 ? variances[i] / total : 0;
            }
            return ratio;
        }

        /** The coordinates of point {@code row} of {@code points} (n, d) along each component: (x − mean)·component. */
        public double[] project(float[] points, int row) {
            int d = mean.length;
            double[] coordinates = new double[components.length];
            for (int c = 0; c < components.length; c++) {
                double sum = 0;
                for (int j = 0; j < d; j++) {
                    sum += (points[row * d + j] - mean[j]) * components[c][j];
                }
                coordinates[c] = sum;
            }
            return coordinates;
        }
    }

    /**
     * @param points     (n, d) row-major, finite
     * @param components how many to find, 1..d
     */
    public static Result fit(float[] points, int n, int d, int components) {
        if (n < 2 || d < 1 || points.length != n * d) {
            throw new BadInputException("PCA needs at least 2 points of dimension >= 1 in an n×d array; got n=" + n
                    + ", d=" + d + ", " + points.length + " values");
        }
        if (components < 1 || components > d) {
            throw new BadInputException("PCA can find 1.." + d + " components here, not " + components);
        }
        double[] mean = mean(points, n, d);
        double[][] covariance = covariance(points, n, d, mean);
        double total = 0;
        for (int j = 0; j < d; j++) {
            total += covariance[j][j];
        }
        double[][] found = new double[components][];
        double[] variances = new double[components];
        SplittableRandom random = new SplittableRandom(SEED);
        for (int c = 0; c < components; c++) {
            found[c] = dominant(covariance, found, c, random);
            variances[c] = rayleigh(covariance, found[c]);
            fixSign(found[c]);
        }
        return new Result(mean, found, variances, total);
    }

    private static double[] mean(float[] points, int n, int d) {
        double[] mean = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                mean[j] += points[i * d + j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= n;
        }
        return mean;
    }

    /** (d, d): Σ (x − mean)(x − mean)ᵀ / (n − 1), the upper triangle summed and mirrored. */
    private static double[][] covariance(float[] points, int n, int d, double[] mean) {
        double[][] covariance = new double[d][d];
        double[] centered = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                centered[j] = points[i * d + j] - mean[j];
            }
            for (int a = 0; a < d; a++) {
                double ca = centered[a];
                double[] row = covariance[a];
                for (int b = a; b < d; b++) {
                    row[b] += ca * centered[b];
                }
            }
        }
        for (int a = 0; a < d; a++) {
            for (int b = a; b < d; b++) {
                covariance[a][b] /= n - 1;
                covariance[b][a] = covariance[a][b];
            }
        }
        return covariance;
    }

    /** The unit eigenvector of the largest eigenvalue of C on the complement of found[0..count). */
    private static double[] dominant(double[][] covariance, double[][] found, int count, SplittableRandom random) {
        int d = covariance.length;
        double[] v = new double[d];
        for (int j = 0; j < d; j++) {
            v[j] = random.nextDouble() - 0.5;
        }
        orthogonalize(v, found, count);
        if (!normalize(v)) {
            v[count] = 1; // cannot happen with a random start unless d == count; keep a unit vector anyway
        }
        double[] next = new double[d];
        for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
            multiply(covariance, v, next);
            orthogonalize(next, found, count);
            if (!normalize(next)) {
                return v; // C is zero on the complement: every direction there has variance 0
            }
            double cos = Math.abs(dot(v, next));
            double[] swap = v;
            v = next;
            next = swap;
            if (1 - cos < TOLERANCE) {
                break;
            }
        }
        return v;
    }

    private static void multiply(double[][] matrix, double[] v, double[] out) {
        for (int a = 0; a < matrix.length; a++) {
            out[a] = dot(matrix[a], v);
        }
    }

    /** Removes the components along found[0..count) (modified Gram–Schmidt). */
    private static void orthogonalize(double[] v, double[][] found, int count) {
        for (int c = 0; c < count; c++) {
            double along = dot(v, found[c]);
            for (int j = 0; j < v.length; j++) {
                v[j] -= along * found[c][j];
            }
        }
    }

    private static boolean normalize(double[] v) {
        double norm = Math.sqrt(dot(v, v));
        if (norm == 0) {
            return false;
        }
        for (int j = 0; j < v.length; j++) {
            v[j] /= norm;
        }
        return true;
    }

    private static double rayleigh(double[][] covariance, double[] v) {
        double[] cv = new double[v.length];
        multiply(covariance, v, cv);
        return dot(v, cv);
    }

    private static void fixSign(double[] v) {
        int largest = 0;
        for (int j = 1; j < v.length; j++) {
            if (Math.abs(v[j]) > Math.abs(v[largest])) {
                largest = j;
            }
        }
        if (v[largest] < 0) {
            for (int j = 0; j < v.length; j++) {
                v[j] = -v[j];
            }
        }
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int j = 0; j < a.length; j++) {
            sum += a[j] * b[j];
        }
        return sum;
    }
}
