package dev.embedkit.simd;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The specification itself, checked exactly on inputs small enough to compute by hand (all sums are exact in float). */
class ScalarKernelsTest {
    private final VectorKernels kernels = new ScalarKernels();

    @Test
    void dotIsTheSumOfProductsWithinTheGivenRanges() {
        float[] a = {9, 1, 2, 3};
        float[] b = {4, 5, 6, 9, 9};
        assertThat(kernels.dot(a, 1, b, 0, 3)).isEqualTo(1 * 4 + 2 * 5 + 3 * 6);
        assertThat(kernels.dot(a, 0, b, 3, 2)).isEqualTo(9 * 9 + 1 * 9);
        assertThat(kernels.dot(a, 0, b, 0, 0)).isZero();
    }

    @Test
    void axpyAddsAScaledRangeAndLeavesTheRestAlone() {
        float[] x = {1, 2, 3};
        float[] y = {10, 20, 30, 40};
        kernels.axpy(0.5f, x, 1, y, 2, 2);
        assertThat(y).containsExactly(10, 20, 31, 41.5f);
    }

    @Test
    void scaleMultipliesOnlyTheRange() {
        float[] x = {1, 2, 3, 4};
        kernels.scale(-2f, x, 1, 2);
        assertThat(x).containsExactly(1, -4, -6, 4);
    }

    @Test
    void gemvIsOneDotPerRow() {
        float[] a = { // (3, 2)
                1, 2,
                3, 4,
                -1, 0.5f};
        float[] x = {10, 100};
        float[] y = {7, 7, 7};
        kernels.gemv(a, 3, 2, x, y);
        assertThat(y).containsExactly(210, 430, 40);
    }

    @Test
    void gemmCombinesTheRowsOfBWithTheCoefficientsInEachRowOfA() {
        float[] a = { // (2, 3)
                1, 2, 0,
                -1, 0.5f, 3};
        float[] b = { // (3, 2)
                1, 2,
                3, 4,
                5, 6};
        float[] c = {9, 9, 9, 9}; // (2, 2), overwritten
        kernels.gemm(a, 2, 3, b, 2, c);
        assertThat(c).containsExactly(
                1 * 1 + 2 * 3, 1 * 2 + 2 * 4,
                -1 * 1 + 0.5f * 3 + 3 * 5, -1 * 2 + 0.5f * 4 + 3 * 6);
    }

    @Test
    void gemmTransBScoresEveryRowOfAAgainstEveryRowOfB() {
        float[] a = { // (2, 3)
                1, 0, 2,
                0, 1, -1};
        float[] b = { // (3, 3)
                1, 1, 1,
                2, 0, 0,
                0, 3, 4};
        float[] c = new float[2 * 3]; // (2, 3)
        kernels.gemmTransB(a, 2, b, 3, 3, c);
        assertThat(c).containsExactly(
                3, 2, 8,
                0, 0, -1);
    }

    @Test
    void selectionHonoursTheScalarRequest() {
        // What -Dembedkit.kernels=scalar makes Kernels.get() return, checked without starting another JVM.
        assertThat(Kernels.select("scalar")).isInstanceOf(ScalarKernels.class);
        assertThat(Kernels.select("scalar").name()).isEqualTo(new ScalarKernels().name());
        assertThat(Kernels.scalar()).isInstanceOf(ScalarKernels.class);
    }
}
