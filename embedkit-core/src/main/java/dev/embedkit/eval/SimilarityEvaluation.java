package dev.embedkit.eval;

import dev.embedkit.BadInputException;
import dev.embedkit.embed.Cosine;
import dev.embedkit.embed.EmbeddingTable;
import dev.embedkit.embed.WordVector;
import dev.embedkit.embed.WordVectors;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * Correlation of cosine similarity with human judgements, as gensim 4.2's {@code KeyedVectors.evaluate_word_pairs(
 * pairs, restrict_vocab=300000, case_insensitive=True, dummy4unknown=False)}: a pair with a word outside the first
 * {@code restrictVocab} tokens is skipped and counted; words are matched uppercased, the first token spelling a
 * word in any case standing for it; Pearson's r and Spearman's ρ of (human score, cosine) over the pairs used.
 * Cosines are computed in double precision from the stored rows (gensim: float32 unit vectors), a difference far
 * below what the correlations show; a zero row has cosine 0 with everything, as in gensim.
 */
public final class SimilarityEvaluation {
    /** gensim's default for word pairs. */
    public static final int DEFAULT_RESTRICT = 300_000;

    private SimilarityEvaluation() {
    }

    public static SimilarityReport evaluate(EmbeddingTable table, Path pairs, int restrictVocab) {
        return evaluate(table, WordPairs.read(pairs), restrictVocab);
    }

    public static SimilarityReport evaluate(EmbeddingTable table, WordPairs pairs, int restrictVocab) {
        return evaluate(table, pairs, restrictVocab, null);
    }

    /**
     * As above, but a word outside the first {@code restrictVocab} tokens uses the vector {@code oovVectors} (a
     * subword model; null: none) gives it, as the file spells it, unless that is fastText's zero vector.
     */
    public static SimilarityReport evaluate(EmbeddingTable table, WordPairs pairs, int restrictVocab,
                                            WordVectors oovVectors) {
        if (restrictVocab < 1) {
            throw new BadInputException("restrict_vocab must be at least 1, got " + restrictVocab);
        }
        RestrictedVocabulary vocabulary = new RestrictedVocabulary(table.vocabulary(), restrictVocab);
        int total = pairs.pairs().size();
        double[] human = new double[total];
        double[] model = new double[total];
        int used = 0;
        for (WordPairs.Pair pair : pairs.pairs()) {
            float[] a = vector(pair.a(), vocabulary, table, oovVectors);
            float[] b = vector(pair.b(), vocabulary, table, oovVectors);
            if (a != null && b != null) {
                human[used] = pair.score();
                model[used] = Cosine.between(a, b);
                used++;
            }
        }
        if (used == 0) {
            throw new BadInputException(pairs.source() + ": none of the " + total + " pairs has both words among the first "
                    + vocabulary.size() + " tokens of the model; nothing to correlate");
        }
        double[] h = Arrays.copyOf(human, used);
        double[] m = Arrays.copyOf(model, used);
        return new SimilarityReport(total, used, total - used, Correlation.pearson(h, m), Correlation.spearman(h, m),
                restrictVocab);
    }

    /** The row standing for {@code word}, else its OOV vector if non-zero, else null (the pair is skipped). */
    private static float[] vector(String word, RestrictedVocabulary vocabulary, EmbeddingTable table,
                                  WordVectors oovVectors) {
        int id = vocabulary.find(word);
        if (id >= 0) {
            return table.weights().row(id);
        }
        WordVector vector = oovVectors == null ? null : oovVectors.find(word);
        return vector == null || (vector.oov() && vector.ngrams() == 0) ? null : vector.values();
    }

}
