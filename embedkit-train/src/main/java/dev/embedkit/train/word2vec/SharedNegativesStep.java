package dev.embedkit.train.word2vec;

import dev.embedkit.simd.VectorKernels;

/**
 * Skip-gram's step for one target word in the HogBatch style (Ji et al., "Parallelizing Word2Vec in Shared and
 * Distributed Memory", arXiv 1604.04661): all the context words of the window share ONE draw of noise words, so
 * the c×(1+negative) pairs become three small matrix products instead of c·(1+negative) dot/axpy pairs, and each
 * row is read and written once per window instead of once per pair.
 * <pre>
 *   In  = input rows of the c context words       (c, d)      gathered into a per-thread buffer
 *   Out = output rows of the word and its noise    (1+neg, d)  likewise
 *   S   = In·Outᵀ                                  (c, 1+neg)
 *   G   = (label − σ(S))·alpha                     label 1 in column 0 (the word), 0 for the noise columns
 *   ΔIn = G·Out,  ΔOut = Gᵀ·In                     both from the gathered (old) rows
 *   then ΔIn and ΔOut are added to the live rows   (Hogwild: no locks, as the plain step)
 * </pre>
 * The plain step updates the output rows after every context word, so later context words see them moved; here
 * every context word of the window sees the same rows, which is the paper's approximation (a minibatch of c).
 * Like the plain step, a noise word equal to the word is skipped. Buffers are allocated once per thread; a step
 * allocates nothing.
 */
final class SharedNegativesStep {
    private final VectorKernels kernels;
    private final int dim;
    private final float[] inputVectors;  // (V, d) shared
    private final float[] outputVectors; // (V, d) shared
    private final int[] contexts;        // (2·window) the context words, rows of In
    private final int[] targets;         // (1+negative) the word, then its noise words: rows of Out
    private final float[] inputRows;     // (2·window, d) In
    private final float[] outputRows;    // (1+negative, d) Out
    private final float[] gradients;     // (2·window, 1+negative) S, then G in place
    private final float[] gradientsT;    // (1+negative, 2·window) Gᵀ
    private final float[] inputDelta;    // (2·window, d) ΔIn
    private final float[] outputDelta;   // (1+negative, d) ΔOut
    private double loss;
    private int pairs;

    SharedNegativesStep(VectorKernels kernels, int dim, int window, int negative, float[] inputVectors,
                        float[] outputVectors) {
        this.kernels = kernels;
        this.dim = dim;
        this.inputVectors = inputVectors;
        this.outputVectors = outputVectors;
        int maxContexts = 2 * window;
        int maxTargets = 1 + negative;
        contexts = new int[maxContexts];
        targets = new int[maxTargets];
        inputRows = new float[maxContexts * dim];
        outputRows = new float[maxTargets * dim];
        gradients = new float[maxContexts * maxTargets];
        gradientsT = new float[maxTargets * maxContexts];
        inputDelta = new float[maxContexts * dim];
        outputDelta = new float[maxTargets * dim];
    }

    /**
     * Trains the word at {@code sentence[position]} against its context words {@code sentence[from..to]} (the
     * position itself excluded) and {@code negative} noise words drawn once from {@code noise}.
     */
    void train(int[] sentence, int position, int from, int to, NoiseTable noise, int negative,
               Word2VecRandom random, float alpha) {
        int contextCount = 0;
        for (int c = from; c <= to; c++) {
            if (c != position) {
                contexts[contextCount++] = sentence[c];
            }
        }
        int word = sentence[position];
        targets[0] = word;
        int targetCount = 1;
        for (int d = 0; d < negative; d++) {
            int noiseWord = noise.sample(random);
            if (noiseWord != word) {
                targets[targetCount++] = noiseWord;
            }
        }
        apply(contextCount, targetCount, alpha);
    }

    /** The step with given context words and noise words (which must not include {@code word}), for tests. */
    void train(int word, int[] contextWords, int[] noiseWords, float alpha) {
        System.arraycopy(contextWords, 0, contexts, 0, contextWords.length);
        targets[0] = word;
        System.arraycopy(noiseWords, 0, targets, 1, noiseWords.length);
        apply(contextWords.length, 1 + noiseWords.length, alpha);
    }

    /** Σ −log σ(±score) over the pairs of the last step. */
    double loss() {
        return loss;
    }

    /** The (context, target) pairs of the last step: contexts × (1 + noise words kept). */
    int pairs() {
        return pairs;
    }

    private void apply(int contextCount, int targetCount, float alpha) {
        loss = 0;
        pairs = contextCount * targetCount;
        if (contextCount == 0) {
            return;
        }
        for (int i = 0; i < contextCount; i++) {
            System.arraycopy(inputVectors, contexts[i] * dim, inputRows, i * dim, dim);
        }
        for (int j = 0; j < targetCount; j++) {
            System.arraycopy(outputVectors, targets[j] * dim, outputRows, j * dim, dim);
        }
        kernels.gemmTransB(inputRows, contextCount, outputRows, targetCount, dim, gradients);
        for (int i = 0; i < contextCount; i++) {
            for (int j = 0; j < targetCount; j++) {
                float score = gradients[i * targetCount + j];
                // As in the plain step: (label − σ(s)) is the derivative of log σ(s) (word) or log σ(−s) (noise).
                float gradient = ((j == 0 ? 1f : 0f) - Sigmoid.sigmoid(score)) * alpha;
                loss -= Sigmoid.logSigmoid(j == 0 ? score : -score);
                gradients[i * targetCount + j] = gradient;
                gradientsT[j * contextCount + i] = gradient;
            }
        }
        kernels.gemm(gradients, contextCount, targetCount, outputRows, dim, inputDelta);
        kernels.gemm(gradientsT, targetCount, contextCount, inputRows, dim, outputDelta);
        for (int i = 0; i < contextCount; i++) {
            kernels.axpy(1f, inputDelta, i * dim, inputVectors, contexts[i] * dim, dim);
        }
        for (int j = 0; j < targetCount; j++) {
            kernels.axpy(1f, outputDelta, j * dim, outputVectors, targets[j] * dim, dim);
        }
    }
}
