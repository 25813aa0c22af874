package dev.embedkit.train.nexttoken;

import dev.embedkit.simd.VectorKernels;

import java.util.Arrays;

/**
 * The input side of the tied model: the lookup of the k context rows and their weighted sum,
 * h = Σ_j w[j]·E[ids[j]], as a forward/backward pair. Slot j = k−1 is the token just before the target,
 * slot 0 the oldest.
 */
final class ContextCombination {

    private ContextCombination() {
    }

    /**
     * @param table   E, (vocab_size, dim), row-major
     * @param ids     context IDs at {@code ids[offset .. offset+k)}
     * @param weights w, (k)
     * @param h       (dim), overwritten
     */
    static void forward(VectorKernels kernels, float[] table, int dim, int[] ids, int offset, float[] weights, float[] h) {
        Arrays.fill(h, 0, dim, 0f);
        for (int j = 0; j < weights.length; j++) {
            kernels.axpy(weights[j], table, ids[offset + j] * dim, h, 0, dim); // h += w[j]·E[id_j]
        }
    }

    /**
     * Lookup gradient: dE[id_j] += w[j]·dh, into the same dE the unembedding gradient went to (weight tying);
     * a token that occurs twice in the context gets both contributions. dw[j] += dh·E[id_j] when {@code dWeights}
     * is not null (POSITIONAL); MEAN keeps w fixed and passes null.
     *
     * @param dTable   dE, (vocab_size, dim), accumulated
     * @param dWeights dw, (k), accumulated, or null
     * @param table    E, (vocab_size, dim): the parameters the forward pass read
     * @param dh       (dim), the gradient of the loss with respect to h
     */
    static void backward(VectorKernels kernels, float[] dTable, float[] dWeights, float[] table, int dim,
                         int[] ids, int offset, float[] weights, float[] dh) {
        for (int j = 0; j < weights.length; j++) {
            int row = ids[offset + j] * dim;
            if (dWeights != null) {
                dWeights[j] += kernels.dot(dh, 0, table, row, dim);
            }
            kernels.axpy(weights[j], dh, 0, dTable, row, dim);
        }
    }
}
