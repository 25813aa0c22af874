package dev.embedkit.train.nexttoken;

import dev.embedkit.simd.VectorKernels;

import java.util.Arrays;

/**
 * One minibatch of the tied next-token model, forward and backward, then the optimizer step. The gradient of
 * the tied table dE is one buffer that both ends write into, as llm.c does with wte: the unembedding gradient
 * (from the softmax) and the lookup gradient (from the context combination). The output bias b has its own.
 * Buffers are allocated once; a step allocates nothing.
 */
final class TrainingStep {
    private final VectorKernels kernels;
    private final float[] table;   // E, (vocab_size, dim)
    private final float[] weights; // w, (context)
    private final float[] bias;    // b, (vocab_size)
    private final int vocabSize;
    private final int dim;
    private final int context;
    private final boolean learnWeights;
    private final boolean sampled;
    private final int negatives;
    private final float[] logExpected; // (vocab_size), sampled softmax only

    final float[] dTable;   // dE, (vocab_size, dim)
    final float[] dWeights; // dw, (context)
    final float[] dBias;    // db, (vocab_size)
    private final boolean[] touched;  // (vocab_size): rows of dE that are not all zero
    private final int[] touchedRows;
    private int touchedCount;

    private final float[] h;     // (dim)
    private final float[] dh;    // (dim)
    private final float[] probs; // (vocab_size) for the full softmax, (K+1) for the sampled one

    TrainingStep(NextTokenModel model, SoftmaxMode softmax, int negatives, float[] logExpected, VectorKernels kernels) {
        this.kernels = kernels;
        this.table = model.tableData();
        this.weights = model.weightsData();
        this.bias = model.biasData();
        this.vocabSize = model.vocabulary().size();
        this.dim = model.dim();
        this.context = model.context();
        this.learnWeights = model.combine() == Combine.POSITIONAL;
        this.sampled = softmax == SoftmaxMode.SAMPLED;
        this.negatives = negatives;
        this.logExpected = logExpected;
        this.dTable = new float[vocabSize * dim];
        this.dWeights = new float[context];
        this.dBias = new float[vocabSize];
        this.touched = new boolean[vocabSize];
        this.touchedRows = new int[vocabSize];
        this.h = new float[dim];
        this.dh = new float[dim];
        this.probs = new float[sampled ? negatives + 1 : vocabSize];
    }

    /**
     * Forward and backward over the positions {@code batch[from .. to)}, accumulating the gradients of the mean
     * loss into dE and dw. Returns that mean loss (nats).
     *
     * @param tokens        padded stream (see {@link Positions}): context tokens[p−k .. p), target tokens[p]
     * @param negativeIds   (to−from, K) negatives for the sampled softmax, row i for position batch[from+i]; ignored
     *                      for the full softmax
     */
    double forwardBackward(int[] tokens, int[] batch, int from, int to, int[] negativeIds) {
        float scale = 1f / (to - from);
        double lossSum = 0;
        for (int i = from; i < to; i++) {
            int p = batch[i];
            int target = tokens[p];
            int contextStart = p - context;
            // forward
            ContextCombination.forward(kernels, table, dim, tokens, contextStart, weights, h);
            double loss = sampled
                    ? SampledSoftmaxLoss.forward(kernels, table, bias, dim, h, target, negativeIds, (i - from) * negatives,
                            negatives, logExpected, probs)
                    : FullSoftmaxLoss.forward(kernels, table, bias, vocabSize, dim, h, target, probs);
            lossSum += loss;
            // backward: the softmax writes the unembedding gradient into dE and gives dh ...
            Arrays.fill(dh, 0f);
            if (sampled) {
                SampledSoftmaxLoss.backward(kernels, dTable, dBias, dh, table, dim, h, target, negativeIds,
                        (i - from) * negatives, negatives, probs, scale);
                touch(target);
                for (int n = 0; n < negatives; n++) {
                    touch(negativeIds[(i - from) * negatives + n]);
                }
            } else {
                FullSoftmaxLoss.backward(kernels, dTable, dBias, dh, table, vocabSize, dim, h, probs, target, scale);
            }
            // ... which the context combination turns into the lookup gradient, into the same dE.
            ContextCombination.backward(kernels, dTable, learnWeights ? dWeights : null, table, dim, tokens,
                    contextStart, weights, dh);
            for (int j = 0; j < context; j++) {
                touch(tokens[contextStart + j]);
            }
        }
        return lossSum / (to - from);
    }

    /** Moves E, b and (for POSITIONAL) w against their gradients, then zeroes the gradients. */
    void update(Optimizer tableOptimizer, Optimizer biasOptimizer, Optimizer weightsOptimizer, long step) {
        if (sampled) {
            for (int r = 0; r < touchedCount; r++) {
                int row = touchedRows[r];
                tableOptimizer.update(table, dTable, row * dim, dim, step);
                biasOptimizer.update(bias, dBias, row, 1, step);
            }
        } else {
            // full softmax: every row has an unembedding gradient
            tableOptimizer.update(table, dTable, 0, dTable.length, step);
            biasOptimizer.update(bias, dBias, 0, vocabSize, step);
        }
        if (learnWeights) {
            weightsOptimizer.update(weights, dWeights, 0, context, step);
        }
        zeroGradients();
    }

    void zeroGradients() {
        if (sampled) {
            for (int r = 0; r < touchedCount; r++) {
                Arrays.fill(dTable, touchedRows[r] * dim, (touchedRows[r] + 1) * dim, 0f);
                dBias[touchedRows[r]] = 0f;
                touched[touchedRows[r]] = false;
            }
        } else {
            Arrays.fill(dTable, 0f);
            Arrays.fill(dBias, 0f);
            Arrays.fill(touched, false);
        }
        touchedCount = 0;
        Arrays.fill(dWeights, 0f);
    }

    private void touch(int row) {
        if (!touched[row]) {
            touched[row] = true;
            touchedRows[touchedCount++] = row;
        }
    }
}
