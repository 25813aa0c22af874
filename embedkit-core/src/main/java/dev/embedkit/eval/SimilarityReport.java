package dev.embedkit.eval;

/**
 * The outcome of {@link SimilarityEvaluation}: how well the model's cosines follow the human scores, over the
 * pairs whose two words are in the searched vocabulary; the others are skipped and counted.
 * Correlations are NaN when fewer than two pairs were used or either side is constant.
 */
public record SimilarityReport(int pairs, int used, int oov, double pearson, double spearman, int restrictVocab) {

    /** gensim's "Pairs with unknown words ratio", in percent of all pairs. */
    public double oovPercent() {
        return pairs == 0 ? 0 : 100.0 * oov / pairs;
    }
}
