package dev.embedkit.train.word2vec;

import dev.embedkit.simd.VectorKernels;

/**
 * Negative sampling for a batch of input vectors that share their output rows, as three small matrix products
 * (HogBatch, Ji et al., arXiv 1604.04661): the heart of both {@link SharedNegativesStep} (skip-gram) and
 * {@link CbowBatchStep}. The caller fills the input rows, the words they predict and the output words; this class
 * trains every (input, output) pair and leaves ΔIn for the caller to add to wherever the inputs came from.
 * <pre>
 *   In   = the caller's input vectors                  (n, d)
 *   Out  = output rows of the output words, gathered   (m, d)
 *   S    = In·Outᵀ                                     (n, m)
 *   G    = (label − σ(S))·alpha                        label 1 in the first `positives` columns, 0 in the noise
 *                                                      columns; 0 gradient where a noise word is the row's own word
 *   ΔIn  = G·Out   → inputDelta(), for the caller      both from the gathered (old) rows
 *   ΔOut = Gᵀ·In   → added to the live output rows     (Hogwild: no locks, as the plain step)
 * </pre>
 * A noise word equal to the word a row predicts gets no gradient from that row, as the plain step skips such a
 * draw; it is masked rather than dropped because the other rows of the batch may predict other words. Buffers are
 * allocated once per thread; a step allocates nothing.
 */
final class BatchedNegativeSampling {
    private final VectorKernels kernels;
    private final int dim;
    private final float[] outputVectors; // (V, d) shared
    private final float[] inputRows;     // (maxInputs, d) In, filled by the caller
    private final int[] rowWords;        // (maxInputs) the word each input row predicts, filled by the caller
    private final int[] outputWords;     // (maxOutputs) rows of Out, filled by the caller
    private final float[] outputRows;    // (maxOutputs, d) Out
    private final float[] gradients;     // (maxInputs, maxOutputs) S, then G in place
    private final float[] gradientsT;    // (maxOutputs, maxInputs) Gᵀ
    private final float[] inputDelta;    // (maxInputs, d) ΔIn
    private final float[] outputDelta;   // (maxOutputs, d) ΔOut
    private double loss;
    private int pairs;

    BatchedNegativeSampling(VectorKernels kernels, int dim, int maxInputs, int maxOutputs, float[] outputVectors) {
        this.kernels = kernels;
        this.dim = dim;
        this.outputVectors = outputVectors;
        inputRows = new float[maxInputs * dim];
        rowWords = new int[maxInputs];
        outputWords = new int[maxOutputs];
        outputRows = new float[maxOutputs * dim];
        gradients = new float[maxInputs * maxOutputs];
        gradientsT = new float[maxOutputs * maxInputs];
        inputDelta = new float[maxInputs * dim];
        outputDelta = new float[maxOutputs * dim];
    }

    /** (maxInputs, d): In, for the caller to fill before {@link #train}. */
    float[] inputRows() {
        return inputRows;
    }

    /** (maxInputs): the word each input row predicts; a noise column of that word is masked for the row. */
    int[] rowWords() {
        return rowWords;
    }

    /** (maxOutputs): the output words, the positive ones first, then the noise words. */
    int[] outputWords() {
        return outputWords;
    }

    /** (maxInputs, d): ΔIn of the last {@link #train}, from the output rows as they were before it. */
    float[] inputDelta() {
        return inputDelta;
    }

    /** Draws {@code negative} noise words into {@code outputWords()[from..from+negative)}. */
    void drawNoise(NoiseTable noise, int from, int negative, Word2VecRandom random) {
        for (int d = 0; d < negative; d++) {
            outputWords[from + d] = noise.sample(random);
        }
    }

    /** Σ −log σ(±score) over the pairs of the last step. */
    double loss() {
        return loss;
    }

    /** The (input, output) pairs of the last step that were trained, masked ones not counted. */
    int pairs() {
        return pairs;
    }

    /**
     * Trains input rows {@code [0, inputCount)} against output words {@code [0, outputCount)}, of which the first
     * {@code positives} are labelled 1 for every row and the rest are noise (label 0); leaves ΔIn in
     * {@link #inputDelta()} (zero when there are no outputs) and adds ΔOut to the output rows.
     */
    void train(int inputCount, int outputCount, int positives, float alpha) {
        loss = 0;
        pairs = 0;
        if (inputCount == 0) {
            return;
        }
        for (int j = 0; j < outputCount; j++) {
            System.arraycopy(outputVectors, outputWords[j] * dim, outputRows, j * dim, dim);
        }
        kernels.gemmTransB(inputRows, inputCount, outputRows, outputCount, dim, gradients);
        for (int i = 0; i < inputCount; i++) {
            for (int j = 0; j < outputCount; j++) {
                boolean positive = j < positives;
                float gradient = 0f;
                if (positive || outputWords[j] != rowWords[i]) {
                    float score = gradients[i * outputCount + j];
                    // As in the plain step: (label − σ(s)) is the derivative of log σ(s) (word) or log σ(−s) (noise).
                    gradient = ((positive ? 1f : 0f) - Sigmoid.sigmoid(score)) * alpha;
                    loss -= Sigmoid.logSigmoid(positive ? score : -score);
                    pairs++;
                }
                gradients[i * outputCount + j] = gradient;
                gradientsT[j * inputCount + i] = gradient;
            }
        }
        kernels.gemm(gradients, inputCount, outputCount, outputRows, dim, inputDelta);
        kernels.gemm(gradientsT, outputCount, inputCount, inputRows, dim, outputDelta);
        for (int j = 0; j < outputCount; j++) {
            kernels.axpy(1f, outputDelta, j * dim, outputVectors, outputWords[j] * dim, dim);
        }
    }
}
