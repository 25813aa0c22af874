package dev.embedkit.simd;

/**
 * The reference kernels: plain loops in the order a reader expects, accumulating in float like the fast path.
 * Every other implementation is tested against these.
 */
public final class ScalarKernels implements VectorKernels {

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public float dot(float[] a, int aOffset, float[] b, int bOffset, int length) {
        float sum = 0f;
        for (int i = 0; i < length; i++) {
            sum += a[aOffset + i] * b[bOffset + i];
        }
        return sum;
    }

    @Override
    public void axpy(float alpha, float[] x, int xOffset, float[] y, int yOffset, int length) {
        for (int i = 0; i < length; i++) {
            y[yOffset + i] += alpha * x[xOffset + i];
        }
    }

    @Override
    public void scale(float alpha, float[] x, int offset, int length) {
        for (int i = 0; i < length; i++) {
            x[offset + i] *= alpha;
        }
    }

    @Override
    public void gemv(float[] a, int rows, int cols, float[] x, float[] y) {
        for (int r = 0; r < rows; r++) {
            y[r] = dot(a, r * cols, x, 0, cols);
        }
    }

    @Override
    public void gemm(float[] a, int n, int k, float[] b, int m, float[] c) {
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                float sum = 0f;
                for (int t = 0; t < k; t++) {
                    sum += a[i * k + t] * b[t * m + j];
                }
                c[i * m + j] = sum;
            }
        }
    }

    @Override
    public void gemmTransB(float[] a, int n, float[] b, int m, int k, float[] c, int from, int to) {
        for (int i = 0; i < n; i++) {
            for (int j = from; j < to; j++) {
                c[i * m + j] = dot(a, i * k, b, j * k, k);
            }
        }
    }
}
