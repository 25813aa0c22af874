package dev.embedkit.embed;

import dev.embedkit.BadInputException;
import dev.embedkit.tensor.HeapMatrix;

import java.util.SplittableRandom;

/**
 * How a fresh table is filled before training: with noise, from a seed, so the same seed gives the same table.
 * Training will push these rows around; at the start they mean nothing.
 */
public sealed interface Initializer {

    /** word2vec's initialization: every value uniform in [-0.5/d, 0.5/d). */
    record Word2VecUniform() implements Initializer {
        @Override
        public void fill(HeapMatrix matrix, long seed) {
            fillUniform(matrix, seed, 1.0f / matrix.cols());
        }
    }

    /** fastText's initialization of its input rows (words and n-gram buckets): uniform in [-1/d, 1/d), twice word2vec's. */
    record FastTextUniform() implements Initializer {
        @Override
        public void fill(HeapMatrix matrix, long seed) {
            fillUniform(matrix, seed, 2.0f / matrix.cols());
        }
    }

    /** Gaussian N(0, stddev²), as GPT-2 initializes its token embedding (stddev 0.02). */
    record Normal(double stddev) implements Initializer {
        public Normal {
            if (!(stddev > 0) || Double.isInfinite(stddev)) {
                throw new BadInputException("normal initializer needs a finite stddev > 0, got " + stddev);
            }
        }

        @Override
        public void fill(HeapMatrix matrix, long seed) {
            SplittableRandom random = new SplittableRandom(seed);
            float[] data = matrix.data();
            for (int i = 0; i < data.length; i++) {
                data[i] = (float) (random.nextGaussian() * stddev);
            }
        }
    }

    /** Every value (u − 0.5)·width, u uniform in [0, 1) from {@code seed}: uniform in [−width/2, width/2). */
    private static void fillUniform(HeapMatrix matrix, long seed, float width) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] data = matrix.data();
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) ((random.nextDouble() - 0.5) * width);
        }
    }

    /** Overwrites every value of {@code matrix} with noise drawn from {@code seed}. */
    void fill(HeapMatrix matrix, long seed);

    /** A new rows × cols matrix filled by this initializer. */
    default HeapMatrix create(int rows, int cols, long seed) {
        HeapMatrix matrix = HeapMatrix.zeros(rows, cols);
        fill(matrix, seed);
        return matrix;
    }

    /** Parses "uniform" (word2vec) or "normal" / "normal:STDDEV". */
    static Initializer parse(String spec) {
        if (spec.equals("uniform") || spec.equals("word2vec")) {
            return new Word2VecUniform();
        }
        if (spec.equals("normal")) {
            return new Normal(0.02);
        }
        if (spec.startsWith("normal:")) {
            try {
                return new Normal(Double.parseDouble(spec.substring("normal:".length())));
            } catch (NumberFormatException e) {
                throw new BadInputException("initializer '" + spec + "': the stddev is not a number");
            }
        }
        throw new BadInputException("unknown initializer '" + spec + "' (use uniform, normal or normal:STDDEV)");
    }
}
