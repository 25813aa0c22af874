package dev.embedkit.train.nexttoken;

import dev.embedkit.simd.VectorKernels;

/**
 * The output side with the exact softmax: logits = h·Eᵀ + b over every row of the tied table, cross-entropy
 * against the target. Every row is a candidate, so every row (and every bias) receives an unembedding gradient.
 */
final class FullSoftmaxLoss {

    private FullSoftmaxLoss() {
    }

    /**
     * logits = E·h + b, probs = softmax(logits); returns −log probs[target] in nats.
     *
     * @param table  E, (vocab_size, dim)
     * @param bias   b, (vocab_size)
     * @param h      (dim)
     * @param probs  (vocab_size), overwritten with the probabilities (the backward pass reads them)
     */
    static double forward(VectorKernels kernels, float[] table, float[] bias, int vocabSize, int dim, float[] h,
                          int target, float[] probs) {
        kernels.gemv(table, vocabSize, dim, h, probs); // probs holds the logits for now, (vocab_size)
        float max = Float.NEGATIVE_INFINITY;
        for (int v = 0; v < vocabSize; v++) {
            probs[v] += bias[v];
            max = Math.max(max, probs[v]);
        }
        // Subtracting the max keeps exp() from overflowing; the sum runs in double so a large V keeps its tail.
        double sum = 0;
        for (int v = 0; v < vocabSize; v++) {
            sum += Math.exp(probs[v] - max);
        }
        double logSum = Math.log(sum);
        double loss = logSum - (probs[target] - max);
        for (int v = 0; v < vocabSize; v++) {
            probs[v] = (float) Math.exp(probs[v] - max - logSum);
        }
        return loss;
    }

    /**
     * dlogits = (probs − onehot(target))·scale; dE[v] += dlogits[v]·h for every row v (unembedding gradient);
     * db += dlogits; dh += dlogits·E.
     *
     * @param dTable dE, (vocab_size, dim), accumulated
     * @param dBias  db, (vocab_size), accumulated
     * @param dh     (dim), accumulated
     * @param table  E, (vocab_size, dim)
     * @param h      (dim), from the forward pass
     * @param probs  (vocab_size), from the forward pass
     * @param scale  1/B for a minibatch mean
     */
    static void backward(VectorKernels kernels, float[] dTable, float[] dBias, float[] dh, float[] table,
                         int vocabSize, int dim, float[] h, float[] probs, int target, float scale) {
        for (int v = 0; v < vocabSize; v++) {
            float dlogit = (probs[v] - (v == target ? 1f : 0f)) * scale;
            dBias[v] += dlogit;
            kernels.axpy(dlogit, h, 0, dTable, v * dim, dim);
            kernels.axpy(dlogit, table, v * dim, dh, 0, dim);
        }
    }
}
