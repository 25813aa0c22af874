package dev.embedkit.train.word2vec;

import dev.embedkit.simd.VectorKernels;

/**
 * CBOW for up to {@value #TARGETS} words at once, in the HogBatch style of {@link SharedNegativesStep}: the words of
 * the batch share ONE draw of noise words, so their B·negative noise pairs become three small matrix products
 * ({@link BatchedNegativeSampling}) and each noise row is read and written once per batch, not once per word.
 * <pre>
 *   H   = one row per word: the mean of its context rows       (B, d)   as the plain step's neu1 (cbow_mean=1)
 *   Out = output rows of the shared noise words                (neg, d) label 0; masked where noise = the row's word
 *   Tgt = output row of each row's own word                    (B, d)   label 1, one per row: B dot/axpy pairs
 *   ΔH_i = G_i·Out + g_i·Tgt_i is added to each context row of word i, as the plain step adds neu1e
 * </pre>
 * The words of a batch lie {@link #stretch} words apart, one from each stretch of the sentence, so their windows
 * are disjoint: no word of a batch is another's context, and no context position feeds two rows of H. Consecutive
 * words would share most of their context rows, and every such row would take up to B deltas computed from the same
 * old rows, all pushing it away from the same few noise rows (the plain step moves rows after every word, so the
 * next word sees them moved); on the benchmark corpus that cost 8 points of analogy accuracy.
 * The words are not columns of the product: each row's label is 1 on its own word only, so putting all B words in
 * Out would compute B·(B+neg) scores to use B·(1+neg). Every score and delta comes from the rows as they were before
 * the batch, output rows read before any is written; with disjoint windows that differs from B plain steps only
 * where a word occurs twice in a batch (as context, word or noise word), and in the shared noise draw. With one
 * word and distinct noise words a batch is exactly the plain step. A batch allocates nothing.
 */
final class CbowBatchStep {
    /** B, at most this many words per batch: two 4-row register tiles of the products. */
    static final int TARGETS = 8;

    private final VectorKernels kernels;
    private final int dim;
    private final int maxContexts;       // 2·window
    private final float[] inputVectors;  // (V, d) shared
    private final float[] outputVectors; // (V, d) shared
    private final BatchedNegativeSampling batch; // H is its input rows, the batch's words its row words
    private final int[] contexts;        // (B, 2·window) the context words of each word of the batch
    private final int[] contextCounts;   // (B)
    private final float[] targetRows;    // (B, d) Tgt: each word's output row as it was before the batch
    private int size;
    private double loss;
    private int pairs;

    CbowBatchStep(VectorKernels kernels, int dim, int window, int negative, int batchSize, float[] inputVectors,
                  float[] outputVectors) {
        this.kernels = kernels;
        this.dim = dim;
        this.maxContexts = 2 * window;
        this.inputVectors = inputVectors;
        this.outputVectors = outputVectors;
        this.batch = new BatchedNegativeSampling(kernels, dim, batchSize, negative, outputVectors);
        this.contexts = new int[batchSize * maxContexts];
        this.contextCounts = new int[batchSize];
        this.targetRows = new float[batchSize * dim];
    }

    /**
     * The distance between the words of one batch in a sentence of {@code length} words: the sentence is cut into
     * up to {@code batchSize} stretches walked in step, batch k taking word k of each. A stretch is at least
     * 2·window + 1 words long, so the windows of a batch's words are disjoint; a sentence too short for two such
     * stretches is one stretch, trained a word at a time.
     */
    static int stretch(int length, int window, int batchSize) {
        int stretches = Math.max(1, Math.min(batchSize, length / (2 * window + 1)));
        return (length + stretches - 1) / stretches;
    }

    /**
     * Adds the word at {@code sentence[position]} with its context words {@code sentence[from..to]} (the position
     * excluded) to the batch; a word without context words is not added, as the plain step trains nothing for it.
     * At most {@code batchSize} words between two calls to {@link #train}.
     */
    void add(int[] sentence, int position, int from, int to) {
        int contextWords = ContextMean.write(kernels, inputVectors, dim, sentence, position, from, to,
                batch.inputRows(), size * dim);
        if (contextWords == 0) {
            return;
        }
        int first = size * maxContexts;
        for (int c = from; c <= to; c++) {
            if (c != position) {
                contexts[first++] = sentence[c];
            }
        }
        contextCounts[size] = contextWords;
        batch.rowWords()[size] = sentence[position];
        size++;
    }

    /**
     * Trains the words added since the last call against {@code negative} noise words drawn once for all of them,
     * and empties the batch. An empty batch draws nothing.
     */
    void train(NoiseTable noise, int negative, Word2VecRandom random, float alpha) {
        if (size > 0) {
            batch.drawNoise(noise, 0, negative, random);
        }
        apply(negative, alpha);
    }

    /** The step with given noise words, for tests. */
    void train(int[] noiseWords, float alpha) {
        System.arraycopy(noiseWords, 0, batch.outputWords(), 0, noiseWords.length);
        apply(noiseWords.length, alpha);
    }

    /** Σ −log σ(±score) over the pairs of the last batch. */
    double loss() {
        return loss;
    }

    /** The (word, output) pairs of the last batch: each word with itself and with the noise words other than it. */
    int pairs() {
        return pairs;
    }

    private void apply(int noiseCount, float alpha) {
        int[] words = batch.rowWords();
        for (int i = 0; i < size; i++) {
            System.arraycopy(outputVectors, words[i] * dim, targetRows, i * dim, dim);
        }
        batch.train(size, noiseCount, 0, alpha);
        loss = batch.loss();
        pairs = batch.pairs();
        float[] hidden = batch.inputRows();
        float[] hiddenDelta = batch.inputDelta();
        for (int i = 0; i < size; i++) {
            int row = i * dim;
            float score = kernels.dot(hidden, row, targetRows, row, dim);
            float gradient = (1f - Sigmoid.sigmoid(score)) * alpha;
            loss -= Sigmoid.logSigmoid(score);
            pairs++;
            kernels.axpy(gradient, targetRows, row, hiddenDelta, row, dim);
            kernels.axpy(gradient, hidden, row, outputVectors, words[i] * dim, dim);
            for (int c = i * maxContexts, end = c + contextCounts[i]; c < end; c++) {
                kernels.axpy(1f, hiddenDelta, row, inputVectors, contexts[c] * dim, dim);
            }
        }
        size = 0;
    }
}
