package dev.embedkit.train.nexttoken;

/**
 * Which softmax the training loss uses. Evaluation (held-out loss, perplexity) always uses the full softmax,
 * so numbers from both modes are comparable.
 */
public enum SoftmaxMode {
    /** Exact: every row of E is a candidate, every row receives an unembedding gradient. Costs O(V·d) per position. */
    FULL,
    /** The target plus K sampled negatives, with the logQ correction; costs O(K·d) per position. */
    SAMPLED,
    /** FULL up to {@link #AUTO_FULL_MAX_VOCAB} tokens, SAMPLED above. */
    AUTO;

    /**
     * Where AUTO switches: at V = 2048 and d = 64 a full-softmax position costs about 3·V·d ≈ 0.4M multiply-adds
     * (forward logits, dE and dh), already 30× a sampled one with K = 64; beyond that the exact loss is not worth it.
     */
    public static final int AUTO_FULL_MAX_VOCAB = 2048;

    /** The concrete mode for a vocabulary of {@code vocabSize} tokens: FULL or SAMPLED, never AUTO. */
    public SoftmaxMode resolve(int vocabSize) {
        if (this != AUTO) {
            return this;
        }
        return vocabSize <= AUTO_FULL_MAX_VOCAB ? FULL : SAMPLED;
    }
}
