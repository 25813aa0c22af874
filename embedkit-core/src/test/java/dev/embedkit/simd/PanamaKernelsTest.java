package dev.embedkit.simd;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Parity of the Vector API kernels with the scalar specification, over the odd sizes Lucene uses (so every
 * main-loop / unrolled-loop / tail combination is hit) and odd matrix shapes (so every gemm edge is hit).
 * Surefire starts the JVM with {@code --add-modules jdk.incubator.vector}, so Panama is available here.
 */
class PanamaKernelsTest {
    private static final int[] SIZES = {1, 6, 13, 207, 702, 4098};
    private static final int[] SHAPES = {1, 3, 7, 17, 33, 100};

    private final VectorKernels scalar = new ScalarKernels();
    private final VectorKernels panama = new PanamaKernels();

    /**
     * Two float sums of the same n products, in any order, each differ from the exact sum by at most about
     * n·u·Σ|a_i·b_i| (u = 2⁻²⁴), so they differ from each other by at most 2n·u·Σ|a_i·b_i| = n·ulp(1)·Σ|a_i·b_i|.
     */
    private static float tolerance(float[] a, int aOffset, float[] b, int bOffset, int length) {
        double absSum = 0;
        for (int i = 0; i < length; i++) {
            absSum += Math.abs((double) a[aOffset + i] * b[bOffset + i]);
        }
        return (float) ((length + 2) * Math.ulp(1f) * absSum) + Float.MIN_NORMAL;
    }

    private static float[] random(SplittableRandom random, int length) {
        float[] values = new float[length];
        for (int i = 0; i < length; i++) {
            values[i] = (float) (random.nextDouble() * 2 - 1);
        }
        return values;
    }

    @Test
    void kernelsPicksPanamaWhenTheVectorModuleIsPresent() {
        assertThat(ModuleLayer.boot().findModule("jdk.incubator.vector")).isPresent();
        assertThat(Kernels.get()).isInstanceOf(PanamaKernels.class);
        assertThat(Kernels.select(null)).isInstanceOf(PanamaKernels.class);
        assertThat(Kernels.get().name()).matches("panama-(64|128|256|512)");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 6, 13, 207, 702, 4098})
    void dotAgreesAtOffsets(int length) {
        SplittableRandom random = new SplittableRandom(length);
        float[] a = random(random, length + 5);
        float[] b = random(random, length + 3);
        for (int[] offsets : new int[][] {{0, 0}, {5, 3}, {2, 1}}) {
            float expected = scalar.dot(a, offsets[0], b, offsets[1], length);
            float actual = panama.dot(a, offsets[0], b, offsets[1], length);
            assertThat(actual).as("dot, length %d, offsets %d/%d", length, offsets[0], offsets[1])
                    .isCloseTo(expected, within(tolerance(a, offsets[0], b, offsets[1], length)));
        }
    }

    @Test
    void dotOfEveryLengthUpToFourVectorsAgrees() {
        // Walks across every boundary of the 4-accumulator loop, the 1-vector loop and the tail for any lane count.
        SplittableRandom random = new SplittableRandom(7);
        float[] a = random(random, 300);
        float[] b = random(random, 300);
        for (int length = 0; length <= 300; length++) {
            assertThat(panama.dot(a, 0, b, 0, length)).as("length %d", length)
                    .isCloseTo(scalar.dot(a, 0, b, 0, length), within(tolerance(a, 0, b, 0, length)));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 6, 13, 207, 702, 4098})
    void axpyAgreesAndStaysInItsRange(int length) {
        SplittableRandom random = new SplittableRandom(length);
        float[] x = random(random, length + 2);
        float[] y = random(random, length + 4);
        float[] expected = y.clone();
        float[] actual = y.clone();
        scalar.axpy(0.37f, x, 2, expected, 1, length);
        panama.axpy(0.37f, x, 2, actual, 1, length);
        assertThat(actual[0]).isEqualTo(y[0]);
        for (int i = length + 1; i < y.length; i++) {
            assertThat(actual[i]).as("outside the range at %d", i).isEqualTo(y[i]);
        }
        for (int i = 1; i <= length; i++) {
            // one FMA versus a rounded product plus a sum: at most one rounding of each apart
            float bound = 2 * Math.ulp(Math.abs(y[i]) + Math.abs(0.37f * x[i + 1]));
            assertThat(actual[i]).as("element %d", i).isCloseTo(expected[i], within(bound));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 6, 13, 207, 702, 4098})
    void scaleIsExactlyTheScalarResult(int length) {
        SplittableRandom random = new SplittableRandom(length);
        float[] x = random(random, length + 3);
        float[] expected = x.clone();
        float[] actual = x.clone();
        scalar.scale(-1.7f, expected, 3, length);
        panama.scale(-1.7f, actual, 3, length);
        assertThat(actual).containsExactly(expected); // one multiplication per element: no reordering possible
    }

    static Stream<Arguments> gemvShapes() {
        List<Arguments> shapes = new ArrayList<>();
        for (int rows : SHAPES) {
            for (int cols : SIZES) {
                shapes.add(Arguments.of(rows, cols));
            }
        }
        return shapes.stream();
    }

    @ParameterizedTest
    @MethodSource("gemvShapes")
    void gemvAgrees(int rows, int cols) {
        SplittableRandom random = new SplittableRandom(31L * rows + cols);
        float[] a = random(random, rows * cols);
        float[] x = random(random, cols);
        float[] expected = new float[rows];
        float[] actual = new float[rows];
        java.util.Arrays.fill(actual, Float.NaN); // every element must be overwritten
        scalar.gemv(a, rows, cols, x, expected);
        panama.gemv(a, rows, cols, x, actual);
        for (int r = 0; r < rows; r++) {
            assertThat(actual[r]).as("row %d of %d×%d", r, rows, cols)
                    .isCloseTo(expected[r], within(tolerance(a, r * cols, x, 0, cols)));
        }
    }

    static Stream<Arguments> gemmShapes() {
        List<Arguments> shapes = new ArrayList<>();
        for (int n : SHAPES) {
            for (int m : SHAPES) {
                for (int k : SHAPES) {
                    shapes.add(Arguments.of(n, m, k));
                }
            }
        }
        shapes.add(Arguments.of(30, 5, 4098)); // long rows: 12-row A panels, the last one ragged
        shapes.add(Arguments.of(70, 6, 1024)); // several A panels of whole tiles plus a ragged one
        return shapes.stream();
    }

    @Test
    void emptyInnerDimensionGivesZeros() {
        float[] c = {Float.NaN, Float.NaN, Float.NaN, Float.NaN, Float.NaN, Float.NaN, Float.NaN, Float.NaN,
                Float.NaN, Float.NaN, Float.NaN, Float.NaN, Float.NaN, Float.NaN, Float.NaN, Float.NaN, Float.NaN,
                Float.NaN, Float.NaN, Float.NaN};
        panama.gemmTransB(new float[0], 4, new float[0], 5, 0, c); // (4, 0)·(5, 0)ᵀ = (4, 5) of zeros
        assertThat(c).containsOnly(0f);
        float[] y = {Float.NaN, Float.NaN, Float.NaN, Float.NaN, Float.NaN};
        panama.gemv(new float[0], 5, 0, new float[0], y);
        assertThat(y).containsOnly(0f);
    }

    @ParameterizedTest
    @MethodSource("gemmShapes")
    void gemmTransBAgrees(int n, int m, int k) {
        SplittableRandom random = new SplittableRandom(1009L * n + 31L * m + k);
        float[] a = random(random, n * k);
        float[] b = random(random, m * k);
        float[] expected = new float[n * m];
        float[] actual = new float[n * m];
        java.util.Arrays.fill(actual, Float.NaN);
        scalar.gemmTransB(a, n, b, m, k, expected);
        panama.gemmTransB(a, n, b, m, k, actual);
        assertColumnsAgree(a, b, n, m, k, 0, m, expected, actual);
    }

    @ParameterizedTest
    @MethodSource("gemmShapes")
    void aColumnRangeOfGemmTransBAgreesAndLeavesTheOtherColumnsAlone(int n, int m, int k) {
        SplittableRandom random = new SplittableRandom(7L * n + 13L * m + k);
        float[] a = random(random, n * k);
        float[] b = random(random, m * k);
        int from = m / 3;
        int to = m - m / 4; // an odd range: neither end need fall on a 4-row tile
        float[] expected = new float[n * m];
        float[] actual = new float[n * m];
        java.util.Arrays.fill(actual, -7f);
        scalar.gemmTransB(a, n, b, m, k, expected, from, to);
        panama.gemmTransB(a, n, b, m, k, actual, from, to);
        assertColumnsAgree(a, b, n, m, k, from, to, expected, actual);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                if (j < from || j >= to) {
                    assertThat(actual[i * m + j]).as("c[%d][%d] outside [%d, %d)", i, j, from, to).isEqualTo(-7f);
                }
            }
        }
    }

    static Stream<Arguments> smallGemmShapes() {
        List<Arguments> shapes = new ArrayList<>();
        for (int n : new int[] {1, 3, 4, 6, 10, 13}) { // 1 row, fewer than a tile, whole tiles, tiles plus leftovers
            for (int k : new int[] {1, 2, 6, 11}) { // the window's contexts and the target plus negatives
                for (int m : SIZES) { // d: shorter than a vector, whole vectors plus tails
                    shapes.add(Arguments.of(n, k, m));
                }
            }
        }
        shapes.add(Arguments.of(10, 6, 100));
        shapes.add(Arguments.of(6, 10, 300));
        shapes.add(Arguments.of(0, 5, 16));
        return shapes.stream();
    }

    @ParameterizedTest
    @MethodSource("smallGemmShapes")
    void gemmAgreesOnEveryElement(int n, int k, int m) {
        SplittableRandom random = new SplittableRandom(1009L * n + 31L * k + m);
        float[] a = random(random, n * k);
        float[] b = random(random, k * m);
        float[] actual = nans(n * m); // every element must be overwritten
        panama.gemm(a, n, k, b, m, actual);
        float[] expected = new float[n * m];
        scalar.gemm(a, n, k, b, m, expected);
        float[] bColumn = new float[k];
        for (int j = 0; j < m; j++) {
            for (int t = 0; t < k; t++) {
                bColumn[t] = b[t * m + j];
            }
            for (int i = 0; i < n; i++) {
                assertThat(actual[i * m + j]).as("c[%d][%d] of (%d×%d)·(%d×%d)", i, j, n, k, k, m)
                        .isCloseTo(expected[i * m + j], within(tolerance(a, i * k, bColumn, 0, k)));
            }
        }
    }

    @Test
    void gemmWithAnEmptyInnerDimensionGivesZeros() {
        float[] c = nans(3 * 20);
        panama.gemm(new float[0], 3, 0, new float[0], 20, c); // (3, 0)·(0, 20) = (3, 20) of zeros
        assertThat(c).containsOnly(0f);
    }

    private static float[] nans(int length) {
        float[] values = new float[length];
        java.util.Arrays.fill(values, Float.NaN);
        return values;
    }

    /** Columns [from, to) of the Vector API's C = A·Bᵀ within the dot-product tolerance of the scalar one. */
    private static void assertColumnsAgree(float[] a, float[] b, int n, int m, int k, int from, int to,
                                           float[] expected, float[] actual) {
        for (int i = 0; i < n; i++) {
            for (int j = from; j < to; j++) {
                assertThat(actual[i * m + j]).as("c[%d][%d] of %d×%d·(%d×%d)ᵀ", i, j, n, k, m, k)
                        .isCloseTo(expected[i * m + j], within(tolerance(a, i * k, b, j * k, k)));
            }
        }
    }
}
