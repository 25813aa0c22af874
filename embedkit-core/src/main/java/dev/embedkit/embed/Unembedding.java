package dev.embedkit.embed;

import dev.embedkit.BadInputException;
import dev.embedkit.search.TopK;
import dev.embedkit.simd.Kernels;
import dev.embedkit.tensor.FloatMatrix;
import dev.embedkit.tensor.HeapMatrix;
import dev.embedkit.vocab.Vocabulary;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The way back from a hidden state to tokens: logits = h·Eᵀ, one score per vocabulary row. With weight tying
 * (GPT-2, the tied next-token model) E is the input embedding table itself; otherwise a separate output matrix
 * of the same shape (word2vec's context vectors, a model's lm_head). An optional bias b adds one number per
 * token: logits = h·Eᵀ + b.
 */
public final class Unembedding {
    private final HeapMatrix output; // (vocab_size, dim)
    private final Vocabulary vocabulary;
    private final float[] bias;      // (vocab_size) or null
    /** Below this many vocabulary rows per core, splitting a batch's scoring costs more than it saves. */
    private static final int MIN_ROWS_PER_PART = 4096;

    /**
     * @param output (vocab_size, dim); copied to the heap once if it is memory-mapped, because the kernels read
     *               a {@code float[]}
     */
    public Unembedding(FloatMatrix output, Vocabulary vocabulary) {
        if (output.rows() != vocabulary.size()) {
            throw new BadInputException("output matrix has " + output.rows() + " rows but the vocabulary has V="
                    + vocabulary.size() + " tokens");
        }
        this.output = output.toHeap();
        this.vocabulary = vocabulary;
        this.bias = null;
    }

    private Unembedding(HeapMatrix output, Vocabulary vocabulary, float[] bias) {
        this.output = output;
        this.vocabulary = vocabulary;
        this.bias = bias;
    }

    /** The same unembedding with a per-token bias added to every logit. */
    public Unembedding withBias(float[] bias) {
        if (bias.length != vocabularySize()) {
            throw new BadInputException("the output bias has " + bias.length + " values but the vocabulary has V="
                    + vocabularySize() + " tokens");
        }
        for (int v = 0; v < bias.length; v++) {
            if (!Float.isFinite(bias[v])) {
                throw new BadInputException("output bias[" + v + "] is " + bias[v] + "; it must be finite");
            }
        }
        return new Unembedding(output, vocabulary, bias.clone());
    }

    /** Weight tying: unembed with the same table that embedded the tokens. */
    public static Unembedding tied(EmbeddingTable table) {
        return new Unembedding(table.weights(), table.vocabulary());
    }

    public Vocabulary vocabulary() {
        return vocabulary;
    }

    public int vocabularySize() {
        return output.rows();
    }

    public int dim() {
        return output.cols();
    }

    /**
     * @param h (dim), finite
     * @return (vocab_size): logits[v] = h·E[v] (+ b[v])
     */
    public float[] logits(float[] h) {
        checkHidden(h);
        float[] logits = new float[vocabularySize()];
        Kernels.get().gemv(output.data(), vocabularySize(), dim(), h, logits);
        addBias(logits, 0);
        return logits;
    }

    /**
     * All positions of a sequence at once, as one GEMM.
     *
     * @param h (n, dim), finite
     * @return (n, vocab_size)
     */
    public HeapMatrix logits(HeapMatrix h) {
        if (h.cols() != dim()) {
            throw new BadInputException("h is " + h.shape() + " but the output matrix has dim=" + dim()
                    + " (vocab_size=" + vocabularySize() + ", dim=" + dim() + ")");
        }
        float[] values = h.data(); // (n, dim)
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                throw new BadInputException("h[" + i / dim() + "][" + i % dim() + "] is " + values[i]
                        + "; the hidden state must be finite");
            }
        }
        HeapMatrix logits = HeapMatrix.zeros(h.rows(), vocabularySize()); // (n, vocab_size)
        // Each core scores its own range of vocabulary rows: the ranges write disjoint columns of the logits, and
        // whole 4-row tiles keep every range on the kernel's fast path.
        int vocab = vocabularySize();
        int parts = (int) Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), vocab / MIN_ROWS_PER_PART));
        IntStream.range(0, parts).parallel().forEach(part -> {
            int from = part == 0 ? 0 : (int) ((long) vocab * part / parts) & ~3;
            int to = part == parts - 1 ? vocab : (int) ((long) vocab * (part + 1) / parts) & ~3;
            Kernels.get().gemmTransB(values, h.rows(), output.data(), vocab, dim(), logits.data(), from, to);
        });
        for (int row = 0; row < h.rows(); row++) {
            addBias(logits.data(), row * vocabularySize());
        }
        return logits;
    }

    /**
     * The k most likely next tokens, best first, each with its probability under softmax over the whole
     * vocabulary at {@code temperature}. k above V is clamped to V; equal logits rank the lower ID first.
     */
    public List<TokenScore> topK(float[] h, int k, double temperature) {
        if (k < 1) {
            throw new BadInputException("k must be at least 1, got " + k);
        }
        float[] logits = logits(h);
        double[] probabilities = Softmax.probabilities(logits, temperature);
        TopK top = new TopK(Math.min(k, logits.length));
        for (int id = 0; id < logits.length; id++) {
            top.offer(id, logits[id]);
        }
        int[] ids = new int[top.capacity()];
        float[] best = new float[top.capacity()];
        int n = top.drainTo(ids, best);
        List<TokenScore> result = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            result.add(new TokenScore(ids[i], vocabulary.token(ids[i]), best[i], probabilities[ids[i]]));
        }
        return result;
    }

    /** Greedy decoding: the ID of the largest logit (the first on ties). */
    public int argmax(float[] h) {
        return Softmax.argmax(logits(h));
    }

    private void addBias(float[] logits, int offset) {
        if (bias != null) {
            for (int v = 0; v < bias.length; v++) {
                logits[offset + v] += bias[v];
            }
        }
    }

    private void checkHidden(float[] h) {
        if (h.length != dim()) {
            throw new BadInputException("h has " + h.length + " values but the output matrix has dim=" + dim()
                    + " (vocab_size=" + vocabularySize() + ", dim=" + dim() + ")");
        }
        for (int i = 0; i < h.length; i++) {
            if (!Float.isFinite(h[i])) {
                throw new BadInputException("h[" + i + "] is " + h[i] + "; the hidden state must be finite");
            }
        }
    }
}
