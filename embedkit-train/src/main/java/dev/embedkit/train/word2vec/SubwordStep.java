package dev.embedkit.train.word2vec;

import dev.embedkit.simd.VectorKernels;
import dev.embedkit.subword.SubwordIndex;

import java.util.Arrays;

/**
 * The training steps with character n-grams (fastText's orientation): a word's input vector is the mean of its own
 * row and its n-gram buckets' rows, and the gradient for that vector is added, whole, to each of those rows (as
 * fastText does for skip-gram and CBOW: no 1/n on the way back).
 * <ul>
 * <li>skip-gram: the centre word's composed vector predicts each context word in turn, with fastText's arithmetic
 *     (Model::update per (centre, context) pair): fastText recomposes the centre after each pair has added its
 *     gradient to the centre's rows. Every row got the same gradient, so their mean moved by exactly that gradient:
 *     we move the composed vector instead of re-reading the rows, and add the window's summed gradient to the rows
 *     once. Same updates (up to float rounding and other threads' writes), but a window costs one pass over the
 *     centre's rows each way instead of one per context word;</li>
 * <li>CBOW: the mean of the context words' composed vectors predicts the centre word; each context word's rows
 *     receive the gradient.</li>
 * </ul>
 * Rows below V are the words' (in {@code wordVectors}), rows V + s the used buckets' (in {@code bucketVectors}),
 * both shared by all threads without locks (Hogwild). Buffers are per thread; a step allocates nothing.
 */
final class SubwordStep {
    /** One negative-sampling update of an input vector; leaves the input's gradient in the shared buffer. */
    interface NegativeSampling {
        void train(float[] input, int inputOffset, int word, Word2VecRandom random, float alpha);
    }

    private final VectorKernels kernels;
    private final int dim;
    private final int words;              // V
    private final float[] wordVectors;    // (V, d) the words' own rows
    private final float[] bucketVectors;  // (U, d) the used buckets' rows
    private final int[] rows;             // SubwordIndex.rowArray(): each word's rows, its own first
    private final SubwordIndex index;
    private final NegativeSampling negativeSampling;
    private final float[] inputGradient;  // (d) where negativeSampling leaves the input's gradient
    private final float[] hidden;         // (d) the composed input vector (skip-gram: as updated so far)
    private final float[] composed;       // (d) CBOW: one context word's composed vector
    private final float[] gradientSum;    // (d) skip-gram: the centre's gradient summed over its context words

    SubwordStep(VectorKernels kernels, int dim, float[] wordVectors, SubwordTables tables,
                NegativeSampling negativeSampling, float[] inputGradient) {
        this.kernels = kernels;
        this.dim = dim;
        this.index = tables.index();
        this.words = index.words();
        this.wordVectors = wordVectors;
        this.bucketVectors = tables.bucketVectors();
        this.rows = index.rowArray();
        this.negativeSampling = negativeSampling;
        this.inputGradient = inputGradient;
        this.hidden = new float[dim];
        this.composed = new float[dim];
        this.gradientSum = new float[dim];
    }

    /** Skip-gram: {@code sentence[position]}'s composed vector against each of {@code sentence[from..to]}. */
    void skipGram(int[] sentence, int position, int from, int to, Word2VecRandom random, float alpha) {
        int word = sentence[position];
        compose(word, hidden);
        Arrays.fill(gradientSum, 0f);
        for (int c = from; c <= to; c++) {
            if (c != position) {
                negativeSampling.train(hidden, 0, sentence[c], random, alpha);
                kernels.axpy(1f, inputGradient, 0, gradientSum, 0, dim);
                kernels.axpy(1f, inputGradient, 0, hidden, 0, dim); // the centre as fastText recomposes it
            }
        }
        addToRows(word, gradientSum);
    }

    /** CBOW: the mean of {@code sentence[from..to]}'s composed vectors (the position excluded) predicts the word. */
    void cbow(int[] sentence, int position, int from, int to, Word2VecRandom random, float alpha) {
        int contextWords = to - from;
        if (contextWords == 0) {
            return;
        }
        Arrays.fill(hidden, 0f);
        for (int c = from; c <= to; c++) {
            if (c != position) {
                compose(sentence[c], composed);
                kernels.axpy(1f, composed, 0, hidden, 0, dim);
            }
        }
        kernels.scale(1f / contextWords, hidden, 0, dim);
        negativeSampling.train(hidden, 0, sentence[position], random, alpha);
        for (int c = from; c <= to; c++) {
            if (c != position) {
                addToRows(sentence[c], inputGradient);
            }
        }
    }

    /** The mean of word {@code word}'s rows into {@code dst}. */
    private void compose(int word, float[] dst) {
        Arrays.fill(dst, 0f);
        int start = index.rowsStart(word);
        int end = index.rowsEnd(word);
        for (int i = start; i < end; i++) {
            int row = rows[i];
            if (row < words) {
                kernels.axpy(1f, wordVectors, row * dim, dst, 0, dim);
            } else {
                kernels.axpy(1f, bucketVectors, (row - words) * dim, dst, 0, dim);
            }
        }
        kernels.scale(1f / (end - start), dst, 0, dim);
    }

    /** Adds {@code gradient} to each of word {@code word}'s rows. */
    private void addToRows(int word, float[] gradient) {
        for (int i = index.rowsStart(word); i < index.rowsEnd(word); i++) {
            int row = rows[i];
            if (row < words) {
                kernels.axpy(1f, gradient, 0, wordVectors, row * dim, dim);
            } else {
                kernels.axpy(1f, gradient, 0, bucketVectors, (row - words) * dim, dim);
            }
        }
    }
}
