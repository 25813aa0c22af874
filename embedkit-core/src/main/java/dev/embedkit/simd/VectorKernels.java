package dev.embedkit.simd;

/**
 * The numeric kernels every hot loop of embedkit goes through. {@link ScalarKernels} is the specification;
 * the Vector API implementation must agree with it within the tolerance the parity tests state.
 * Implementations are stateless and thread-safe; threading belongs to the callers, never in here.
 * All matrices are row-major {@code float[]} with an explicit shape.
 */
public interface VectorKernels {

    /** A short name for logs and benchmarks ("scalar", "panama-256", ...). */
    String name();

    /** Σ a[aOffset+i]·b[bOffset+i] for i in [0, length). */
    float dot(float[] a, int aOffset, float[] b, int bOffset, int length);

    /** y[yOffset+i] += alpha·x[xOffset+i] for i in [0, length). */
    void axpy(float alpha, float[] x, int xOffset, float[] y, int yOffset, int length);

    /** x[offset+i] *= alpha for i in [0, length). */
    void scale(float alpha, float[] x, int offset, int length);

    /**
     * y = A·x: y[r] = Σ_c a[r·cols + c]·x[c].
     *
     * @param a (rows, cols)
     * @param x (cols)
     * @param y (rows), overwritten
     */
    void gemv(float[] a, int rows, int cols, float[] x, float[] y);

    /**
     * C = A·B, the shape of applying a small coefficient matrix to a block of rows (a minibatch's gradients to the
     * rows it read): c[i·m + j] = Σ_t a[i·k + t]·b[t·m + j], summed over t in increasing order.
     *
     * @param a (n, k)
     * @param b (k, m)
     * @param c (n, m), overwritten
     */
    void gemm(float[] a, int n, int k, float[] b, int m, float[] c);

    /**
     * C = A·Bᵀ, the shape of every "score against every row" step (unembedding, similarity):
     * c[i·m + j] = Σ_t a[i·k + t]·b[j·k + t].
     *
     * @param a (n, k)
     * @param b (m, k)
     * @param c (n, m), overwritten
     */
    default void gemmTransB(float[] a, int n, float[] b, int m, int k, float[] c) {
        gemmTransB(a, n, b, m, k, c, 0, m);
    }

    /**
     * Columns {@code [from, to)} of C = A·Bᵀ (rows from..to of B); the other columns of c are left as they are, so
     * callers can give disjoint column ranges to different threads.
     */
    void gemmTransB(float[] a, int n, float[] b, int m, int k, float[] c, int from, int to);
}
