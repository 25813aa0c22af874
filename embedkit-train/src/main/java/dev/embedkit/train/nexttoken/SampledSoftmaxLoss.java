package dev.embedkit.train.nexttoken;

import dev.embedkit.simd.VectorKernels;

/**
 * The output side with a sampled softmax (Jean et al. 2015; TensorFlow's {@code sampled_softmax_loss}): the
 * candidates are the target and K negatives drawn from a proposal Q, with replacement. Each candidate's logit
 * is corrected by −log(K·Q(c)), its expected count, so the sampled loss estimates the full one; a negative equal
 * to the target (an "accidental hit") is removed. Only the K+1 candidate rows receive an unembedding gradient.
 */
final class SampledSoftmaxLoss {

    private SampledSoftmaxLoss() {
    }

    /**
     * z[0] = h·E[target] + b[target] − logExpected[target]; z[i] = h·E[neg_i] + b[neg_i] − logExpected[neg_i]
     * (−∞ for a hit); returns −log softmax(z)[0].
     *
     * @param table       E, (vocab_size, dim)
     * @param bias        b, (vocab_size)
     * @param h           (dim)
     * @param negatives   K IDs at {@code negatives[offset .. offset+K)}
     * @param logExpected (vocab_size): log(K·Q(v))
     * @param probs       (K+1), overwritten with softmax(z)
     */
    static double forward(VectorKernels kernels, float[] table, float[] bias, int dim, float[] h, int target,
                          int[] negatives, int offset, int count, float[] logExpected, float[] probs) {
        probs[0] = kernels.dot(h, 0, table, target * dim, dim) + bias[target] - logExpected[target];
        float max = probs[0];
        for (int i = 1; i <= count; i++) {
            int id = negatives[offset + i - 1];
            probs[i] = id == target ? Float.NEGATIVE_INFINITY
                    : kernels.dot(h, 0, table, id * dim, dim) + bias[id] - logExpected[id];
            max = Math.max(max, probs[i]);
        }
        double sum = 0;
        for (int i = 0; i <= count; i++) {
            sum += Math.exp(probs[i] - max);
        }
        double logSum = Math.log(sum);
        double loss = logSum - (probs[0] - max);
        for (int i = 0; i <= count; i++) {
            probs[i] = (float) Math.exp(probs[i] - max - logSum); // a removed hit gets exp(−∞) = 0
        }
        return loss;
    }

    /**
     * dz = (probs − onehot(0))·scale; dE[c_i] += dz[i]·h (a negative drawn twice gets both); db[c_i] += dz[i];
     * dh += dz[i]·E[c_i].
     *
     * @param dTable dE, (vocab_size, dim), accumulated
     * @param dBias  db, (vocab_size), accumulated
     * @param dh     (dim), accumulated
     * @param probs  (K+1), from the forward pass
     */
    static void backward(VectorKernels kernels, float[] dTable, float[] dBias, float[] dh, float[] table, int dim,
                         float[] h, int target, int[] negatives, int offset, int count, float[] probs, float scale) {
        for (int i = 0; i <= count; i++) {
            int id = i == 0 ? target : negatives[offset + i - 1];
            float dz = (probs[i] - (i == 0 ? 1f : 0f)) * scale;
            if (dz != 0f) {
                dBias[id] += dz;
                kernels.axpy(dz, h, 0, dTable, id * dim, dim);
                kernels.axpy(dz, table, id * dim, dh, 0, dim);
            }
        }
    }
}
