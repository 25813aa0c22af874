package dev.embedkit.train.word2vec;

import dev.embedkit.simd.VectorKernels;

/**
 * Skip-gram's step for one target word in the HogBatch style (Ji et al., "Parallelizing Word2Vec in Shared and
 * Distributed Memory", arXiv 1604.04661): all the context words of the window share ONE draw of noise words, so
 * the c×(1+negative) pairs become three small matrix products ({@link BatchedNegativeSampling}) instead of
 * c·(1+negative) dot/axpy pairs, and each row is read and written once per window instead of once per pair.
 * <pre>
 *   In  = input rows of the c context words       (c, d)      gathered into a per-thread buffer
 *   Out = output rows of the word and its noise    (1+neg, d)  likewise; the word is the one positive column
 *   then ΔIn is added to the live context rows     (Hogwild: no locks, as the plain step)
 * </pre>
 * The plain step updates the output rows after every context word, so later context words see them moved; here
 * every context word of the window sees the same rows, which is the paper's approximation (a minibatch of c).
 * Like the plain step, a noise word equal to the word trains nothing. A step allocates nothing.
 */
final class SharedNegativesStep {
    private final VectorKernels kernels;
    private final int dim;
    private final float[] inputVectors; // (V, d) shared
    private final BatchedNegativeSampling batch;
    private final int[] contexts;       // (2·window) the context words, rows of In

    SharedNegativesStep(VectorKernels kernels, int dim, int window, int negative, float[] inputVectors,
                        float[] outputVectors) {
        this.kernels = kernels;
        this.dim = dim;
        this.inputVectors = inputVectors;
        this.batch = new BatchedNegativeSampling(kernels, dim, 2 * window, 1 + negative, outputVectors);
        this.contexts = new int[2 * window];
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
        batch.drawNoise(noise, 1, negative, random);
        apply(sentence[position], contextCount, 1 + negative, alpha);
    }

    /** The step with given context words and noise words, for tests. */
    void train(int word, int[] contextWords, int[] noiseWords, float alpha) {
        System.arraycopy(contextWords, 0, contexts, 0, contextWords.length);
        System.arraycopy(noiseWords, 0, batch.outputWords(), 1, noiseWords.length);
        apply(word, contextWords.length, 1 + noiseWords.length, alpha);
    }

    /** Σ −log σ(±score) over the pairs of the last step. */
    double loss() {
        return batch.loss();
    }

    /** The (context, target) pairs of the last step: contexts × (1 + noise words other than the word). */
    int pairs() {
        return batch.pairs();
    }

    private void apply(int word, int contextCount, int targetCount, float alpha) {
        float[] inputRows = batch.inputRows();
        for (int i = 0; i < contextCount; i++) {
            System.arraycopy(inputVectors, contexts[i] * dim, inputRows, i * dim, dim);
            batch.rowWords()[i] = word;
        }
        batch.outputWords()[0] = word;
        batch.train(contextCount, targetCount, 1, alpha);
        for (int i = 0; i < contextCount; i++) {
            kernels.axpy(1f, batch.inputDelta(), i * dim, inputVectors, contexts[i] * dim, dim);
        }
    }
}
