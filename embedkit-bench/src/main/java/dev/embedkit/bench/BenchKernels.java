package dev.embedkit.bench;

import dev.embedkit.simd.Kernels;
import dev.embedkit.simd.VectorKernels;

import java.util.SplittableRandom;

/** The kernel implementation a benchmark's {@code impl} parameter names, and the seeded data every benchmark uses. */
final class BenchKernels {
    private BenchKernels() {
    }

    /**
     * "scalar" is the reference; "panama" is what {@link Kernels#get()} picks, which must then really be the
     * Vector API one (the forks get {@code --add-modules jdk.incubator.vector}; without it we would silently
     * measure scalar twice).
     */
    static VectorKernels named(String impl) {
        return switch (impl) {
            case "scalar" -> Kernels.scalar();
            case "panama" -> {
                VectorKernels selected = Kernels.get();
                if (!selected.name().startsWith("panama")) {
                    throw new IllegalStateException("asked for panama but Kernels.get() is " + selected.name()
                            + ": start the JVM with --add-modules jdk.incubator.vector");
                }
                yield selected;
            }
            default -> throw new IllegalArgumentException("unknown kernel impl '" + impl + "' (scalar or panama)");
        };
    }

    /** rows × cols values uniform in [-1, 1), from {@code seed}. */
    static float[] randomMatrix(int rows, int cols, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] values = new float[Math.multiplyExact(rows, cols)];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (random.nextDouble() * 2 - 1);
        }
        return values;
    }

    /**
     * Fails unless {@code actual} matches {@code expected} (the scalar result) element by element within
     * n·ulp(1)·Σ|terms|, the bound the core parity tests use; {@code absSums[i]} is Σ|a·b| of element i.
     */
    static void checkAgree(String what, float[] expected, float[] actual, float[] absSums, int terms) {
        for (int i = 0; i < expected.length; i++) {
            double bound = (terms + 2) * (double) Math.ulp(1f) * absSums[i] + Float.MIN_NORMAL;
            if (!(Math.abs(expected[i] - actual[i]) <= bound)) {
                throw new AssertionError(what + ": element " + i + " is " + actual[i] + ", scalar says " + expected[i]
                        + " (allowed difference " + bound + ")");
            }
        }
    }

    /** Σ_t |a[aOff+t]·b[bOff+t]|, for the agreement bound. */
    static float absDot(float[] a, int aOffset, float[] b, int bOffset, int length) {
        double sum = 0;
        for (int t = 0; t < length; t++) {
            sum += Math.abs((double) a[aOffset + t] * b[bOffset + t]);
        }
        return (float) sum;
    }
}
