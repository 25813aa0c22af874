package dev.embedkit.search;

/**
 * How an analogy "a is to b as c is to ?" (or any sum of positive and negative words) scores a candidate x,
 * after Levy &amp; Goldberg (2014), "Linguistic Regularities in Sparse and Explicit Word Representations".
 */
public enum AnalogyMethod {
    /** 3CosAdd: cos(x, b − a + c) over unit vectors, i.e. word2vec's and gensim's most_similar. */
    ADD,
    /**
     * 3CosMul: Π cos′(x, positive) / (Π cos′(x, negative) + ε) with cos′ = (cos + 1) / 2 shifted into [0, 1],
     * i.e. gensim's most_similar_cosmul. Less dominated by one large similarity than the sum.
     */
    MUL
}
