package dev.embedkit.train.word2vec;

import dev.embedkit.simd.VectorKernels;

import java.util.Arrays;

/** CBOW's hidden layer (word2vec's neu1 with cbow_mean=1): the mean of the input rows of a window's context words. */
final class ContextMean {
    private ContextMean() {
    }

    /**
     * Writes the mean of the input rows of {@code sentence[from..to]}, the position itself excluded, to
     * {@code mean[offset..offset+d)}; returns how many words it averaged (0: none, and the mean is left zero).
     *
     * @param inputVectors (V, d)
     */
    static int write(VectorKernels kernels, float[] inputVectors, int dim, int[] sentence, int position, int from,
                     int to, float[] mean, int offset) {
        Arrays.fill(mean, offset, offset + dim, 0f);
        int contextWords = to - from;
        if (contextWords == 0) {
            return 0;
        }
        for (int c = from; c <= to; c++) {
            if (c != position) {
                kernels.axpy(1f, inputVectors, sentence[c] * dim, mean, offset, dim);
            }
        }
        kernels.scale(1f / contextWords, mean, offset, dim);
        return contextWords;
    }
}
