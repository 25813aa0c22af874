package dev.embedkit.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API kernels: the only class of embedkit that imports {@code jdk.incubator.vector}. {@link Kernels}
 * loads it by name when the JVM has the module, so nothing else links against the incubator.
 * Each method computes what {@link ScalarKernels} specifies, in a different summation order (wide lanes, several
 * accumulators, fused multiply-add), so results agree within the rounding bound the parity tests state.
 * Tails shorter than one vector run as scalar loops; no method allocates.
 */
final class PanamaKernels implements VectorKernels {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();
    /**
     * Bytes of A one gemmTransB panel may hold. The panel is re-read once per 4 rows of B, so it should stay in L2
     * while B streams from memory exactly once per panel.
     */
    private static final int GEMM_PANEL_BYTES = 256 * 1024;

    PanamaKernels() {
    }

    @Override
    public String name() {
        return "panama-" + SPECIES.vectorBitSize();
    }

    @Override
    public float dot(float[] a, int aOffset, float[] b, int bOffset, int length) {
        int i = 0;
        float sum = 0f;
        if (length >= LANES) {
            // Four independent accumulators: one FMA chain would wait ~4 cycles of latency per step.
            FloatVector acc0 = FloatVector.zero(SPECIES);
            FloatVector acc1 = FloatVector.zero(SPECIES);
            FloatVector acc2 = FloatVector.zero(SPECIES);
            FloatVector acc3 = FloatVector.zero(SPECIES);
            int unrolledBound = length - length % (4 * LANES);
            for (; i < unrolledBound; i += 4 * LANES) {
                acc0 = load(a, aOffset + i).fma(load(b, bOffset + i), acc0);
                acc1 = load(a, aOffset + i + LANES).fma(load(b, bOffset + i + LANES), acc1);
                acc2 = load(a, aOffset + i + 2 * LANES).fma(load(b, bOffset + i + 2 * LANES), acc2);
                acc3 = load(a, aOffset + i + 3 * LANES).fma(load(b, bOffset + i + 3 * LANES), acc3);
            }
            int vectorBound = SPECIES.loopBound(length);
            for (; i < vectorBound; i += LANES) {
                acc0 = load(a, aOffset + i).fma(load(b, bOffset + i), acc0);
            }
            sum = sum(acc0.add(acc1).add(acc2.add(acc3)));
        }
        for (; i < length; i++) {
            sum += a[aOffset + i] * b[bOffset + i];
        }
        return sum;
    }

    @Override
    public void axpy(float alpha, float[] x, int xOffset, float[] y, int yOffset, int length) {
        FloatVector alphas = FloatVector.broadcast(SPECIES, alpha);
        int i = 0;
        int vectorBound = SPECIES.loopBound(length);
        for (; i < vectorBound; i += LANES) {
            load(x, xOffset + i).fma(alphas, load(y, yOffset + i)).intoArray(y, yOffset + i);
        }
        for (; i < length; i++) {
            y[yOffset + i] += alpha * x[xOffset + i];
        }
    }

    @Override
    public void scale(float alpha, float[] x, int offset, int length) {
        FloatVector alphas = FloatVector.broadcast(SPECIES, alpha);
        int i = 0;
        int vectorBound = SPECIES.loopBound(length);
        for (; i < vectorBound; i += LANES) {
            load(x, offset + i).mul(alphas).intoArray(x, offset + i);
        }
        for (; i < length; i++) {
            x[offset + i] *= alpha;
        }
    }

    @Override
    public void gemv(float[] a, int rows, int cols, float[] x, float[] y) {
        int r = 0;
        // Four rows per pass: each load of x feeds four FMAs, and the four chains hide each other's latency.
        for (; r + 4 <= rows; r += 4) {
            dot4(x, 0, a, r * cols, cols, cols, y, r, 1);
        }
        for (; r < rows; r++) {
            y[r] = dot(a, r * cols, x, 0, cols);
        }
    }

    @Override
    public void gemm(float[] a, int n, int k, float[] b, int m, float[] c) {
        int vectorBound = SPECIES.loopBound(m);
        int i = 0;
        for (; i + 4 <= n; i += 4) {
            for (int j = 0; j < vectorBound; j += LANES) {
                tile4xLanes(a, i, k, b, j, m, c);
            }
        }
        for (; i < n; i++) { // the rows left over from whole 4-row tiles, one vector of columns at a time
            for (int j = 0; j < vectorBound; j += LANES) {
                FloatVector acc = FloatVector.zero(SPECIES);
                for (int t = 0; t < k; t++) {
                    acc = load(b, t * m + j).fma(FloatVector.broadcast(SPECIES, a[i * k + t]), acc);
                }
                acc.intoArray(c, i * m + j);
            }
        }
        for (int row = 0; row < n; row++) { // the columns past the last whole vector, as the scalar loop does
            for (int j = vectorBound; j < m; j++) {
                float sum = 0f;
                for (int t = 0; t < k; t++) {
                    sum += a[row * k + t] * b[t * m + j];
                }
                c[row * m + j] = sum;
            }
        }
    }

    /**
     * The register tile of C = A·B: rows i..i+3 of C, columns j..j+LANES-1. Each step loads one vector of row t
     * of B and uses it for four FMAs against broadcast elements of A, so B is read once per four rows of C and
     * the four accumulator chains hide each other's latency. No reduction: each lane is its own element of C.
     *
     * @param a (n, k)
     * @param b (k, m)
     * @param c (n, m)
     */
    private static void tile4xLanes(float[] a, int i, int k, float[] b, int j, int m, float[] c) {
        int a0 = i * k, a1 = a0 + k, a2 = a1 + k, a3 = a2 + k;
        FloatVector c0 = FloatVector.zero(SPECIES), c1 = c0, c2 = c0, c3 = c0;
        for (int t = 0; t < k; t++) {
            FloatVector y = load(b, t * m + j);
            c0 = y.fma(FloatVector.broadcast(SPECIES, a[a0 + t]), c0);
            c1 = y.fma(FloatVector.broadcast(SPECIES, a[a1 + t]), c1);
            c2 = y.fma(FloatVector.broadcast(SPECIES, a[a2 + t]), c2);
            c3 = y.fma(FloatVector.broadcast(SPECIES, a[a3 + t]), c3);
        }
        int row = i * m + j;
        c0.intoArray(c, row);
        c1.intoArray(c, row + m);
        c2.intoArray(c, row + 2 * m);
        c3.intoArray(c, row + 3 * m);
    }

    @Override
    public void gemmTransB(float[] a, int n, float[] b, int m, int k, float[] c, int from, int to) {
        // Panels of A small enough to stay cached; B streams through once per panel, 4 rows at a time.
        int panelRows = Math.max(4, (GEMM_PANEL_BYTES / Math.max(1, k * Float.BYTES)) & ~3);
        for (int i0 = 0; i0 < n; i0 += panelRows) {
            int i1 = Math.min(n, i0 + panelRows);
            int i4 = i0 + ((i1 - i0) & ~3); // end of the rows that form whole 4-row tiles
            int j = from;
            for (; j + 4 <= to; j += 4) {
                int i = i0;
                for (; i < i4; i += 4) {
                    tile4x4(a, i, b, j, m, k, c);
                }
                for (; i < i1; i++) { // one row of A against four rows of B
                    dot4(a, i * k, b, j * k, k, k, c, i * m + j, 1);
                }
            }
            for (; j < to; j++) { // a leftover row of B against four rows of A
                int i = i0;
                for (; i < i4; i += 4) {
                    dot4(b, j * k, a, i * k, k, k, c, i * m + j, m);
                }
                for (; i < i1; i++) {
                    c[i * m + j] = dot1(a, i * k, b, j * k, k);
                }
            }
        }
    }

    /**
     * The 4×4 register tile of C = A·Bᵀ: rows i..i+3 of A against rows j..j+3 of B. Each step loads 4+4 vectors
     * and does 16 FMAs into 16 accumulators, so every load is used four times. 16 accumulators plus 5 live operands
     * (4 rows of A, one of B) fit the 32 registers of AVX-512; with 16 registers (AVX2) some spill (measured with
     * -XX:MaxVectorSize=32 it was still ~28× scalar, see embedkit-bench/README.md).
     *
     * @param a (n, k)
     * @param b (m, k)
     * @param c (n, m)
     */
    private static void tile4x4(float[] a, int i, float[] b, int j, int m, int k, float[] c) {
        int a0 = i * k, a1 = a0 + k, a2 = a1 + k, a3 = a2 + k;
        int b0 = j * k, b1 = b0 + k, b2 = b1 + k, b3 = b2 + k;
        FloatVector c00 = FloatVector.zero(SPECIES), c01 = c00, c02 = c00, c03 = c00;
        FloatVector c10 = c00, c11 = c00, c12 = c00, c13 = c00;
        FloatVector c20 = c00, c21 = c00, c22 = c00, c23 = c00;
        FloatVector c30 = c00, c31 = c00, c32 = c00, c33 = c00;
        int t = 0;
        int vectorBound = SPECIES.loopBound(k);
        for (; t < vectorBound; t += LANES) {
            FloatVector x0 = load(a, a0 + t), x1 = load(a, a1 + t), x2 = load(a, a2 + t), x3 = load(a, a3 + t);
            FloatVector y = load(b, b0 + t);
            c00 = x0.fma(y, c00);
            c10 = x1.fma(y, c10);
            c20 = x2.fma(y, c20);
            c30 = x3.fma(y, c30);
            y = load(b, b1 + t);
            c01 = x0.fma(y, c01);
            c11 = x1.fma(y, c11);
            c21 = x2.fma(y, c21);
            c31 = x3.fma(y, c31);
            y = load(b, b2 + t);
            c02 = x0.fma(y, c02);
            c12 = x1.fma(y, c12);
            c22 = x2.fma(y, c22);
            c32 = x3.fma(y, c32);
            y = load(b, b3 + t);
            c03 = x0.fma(y, c03);
            c13 = x1.fma(y, c13);
            c23 = x2.fma(y, c23);
            c33 = x3.fma(y, c33);
        }
        int c0 = i * m + j, c1 = c0 + m, c2 = c1 + m, c3 = c2 + m;
        c[c0] = sum(c00);
        c[c0 + 1] = sum(c01);
        c[c0 + 2] = sum(c02);
        c[c0 + 3] = sum(c03);
        c[c1] = sum(c10);
        c[c1 + 1] = sum(c11);
        c[c1 + 2] = sum(c12);
        c[c1 + 3] = sum(c13);
        c[c2] = sum(c20);
        c[c2 + 1] = sum(c21);
        c[c2 + 2] = sum(c22);
        c[c2 + 3] = sum(c23);
        c[c3] = sum(c30);
        c[c3 + 1] = sum(c31);
        c[c3 + 2] = sum(c32);
        c[c3 + 3] = sum(c33);
        if (t < k) { // the scalar tail, term by term onto the reduced sums, in the same order as dot1 and dot4
            for (int r = 0; r < 4; r++) {
                int aRow = a0 + r * k;
                int cRow = c0 + r * m;
                for (int q = 0; q < 4; q++) {
                    int bRow = b0 + q * k;
                    float sum = c[cRow + q];
                    for (int u = t; u < k; u++) {
                        sum += a[aRow + u] * b[bRow + u];
                    }
                    c[cRow + q] = sum;
                }
            }
        }
    }

    /**
     * One dot product in the order every gemmTransB element uses (one vector accumulator, reduce, then the
     * scalar tail term by term), so an element of C does not depend on where it falls in the tiling.
     */
    private static float dot1(float[] x, int xOffset, float[] y, int yOffset, int length) {
        FloatVector acc = FloatVector.zero(SPECIES);
        int t = 0;
        int vectorBound = SPECIES.loopBound(length);
        for (; t < vectorBound; t += LANES) {
            acc = load(x, xOffset + t).fma(load(y, yOffset + t), acc);
        }
        float sum = sum(acc);
        for (; t < length; t++) {
            sum += x[xOffset + t] * y[yOffset + t];
        }
        return sum;
    }

    /**
     * Four dot products sharing one operand: out[outOffset + q·outStride] = x · rows[q] for q in 0..3, where row q
     * starts at rowsOffset + q·rowStride. Used by gemv (x shared by four rows of A) and by the gemm edges.
     */
    private static void dot4(float[] x, int xOffset, float[] rows, int rowsOffset, int rowStride, int length,
                             float[] out, int outOffset, int outStride) {
        int r0 = rowsOffset, r1 = r0 + rowStride, r2 = r1 + rowStride, r3 = r2 + rowStride;
        FloatVector acc0 = FloatVector.zero(SPECIES), acc1 = acc0, acc2 = acc0, acc3 = acc0;
        int t = 0;
        int vectorBound = SPECIES.loopBound(length);
        for (; t < vectorBound; t += LANES) {
            FloatVector v = load(x, xOffset + t);
            acc0 = v.fma(load(rows, r0 + t), acc0);
            acc1 = v.fma(load(rows, r1 + t), acc1);
            acc2 = v.fma(load(rows, r2 + t), acc2);
            acc3 = v.fma(load(rows, r3 + t), acc3);
        }
        float s0 = sum(acc0);
        float s1 = sum(acc1);
        float s2 = sum(acc2);
        float s3 = sum(acc3);
        for (; t < length; t++) {
            float xt = x[xOffset + t];
            s0 += xt * rows[r0 + t];
            s1 += xt * rows[r1 + t];
            s2 += xt * rows[r2 + t];
            s3 += xt * rows[r3 + t];
        }
        out[outOffset] = s0;
        out[outOffset + outStride] = s1;
        out[outOffset + 2 * outStride] = s2;
        out[outOffset + 3 * outStride] = s3;
    }

    /**
     * The sum of the lanes. The Vector API leaves the order of a float reduction unspecified, and compiled code
     * sums in another order than the interpreter, so a result can change in its last bit as the JIT warms up.
     * A fixed-order fold (rotate and add) costs 1.7× on gemmTransB here (embedkit-bench LogitsBench), so callers
     * that need bit-identical repeats use {@link ScalarKernels}.
     */
    private static float sum(FloatVector v) {
        return v.reduceLanes(VectorOperators.ADD);
    }

    private static FloatVector load(float[] array, int offset) {
        return FloatVector.fromArray(SPECIES, array, offset);
    }
}
