package dev.embedkit.fasttext;

import dev.embedkit.BadInputException;
import dev.embedkit.embed.EmbeddingTable;
import dev.embedkit.embed.WordVector;
import dev.embedkit.embed.WordVectors;
import dev.embedkit.subword.CharNgrams;
import dev.embedkit.subword.SubwordVectors;
import dev.embedkit.tensor.FloatMatrix;
import dev.embedkit.tensor.HeapMatrix;
import dev.embedkit.vocab.Vocabulary;

/**
 * A fastText model as embedkit keeps it: the settings, the words (labels of a classifier are skipped), the input
 * matrix split into the words' rows and the n-gram buckets' rows, and the output matrix, kept only to be written
 * back. Any word has a vector ({@link #wordVector}); {@link #table()} holds the vocabulary's, as fastText
 * computes them for {@code print-word-vectors} and {@code nn}.
 */
public final class FastTextModel implements WordVectors {
    private final FastTextArgs args;
    private final SubwordVectors vectors;
    private final long tokens;          // ntokens: words read in training
    private final FloatMatrix output;   // (rows, dim): a word's context vector (skip-gram, CBOW) or a label's row
    private final int skippedLabels;

    public FastTextModel(FastTextArgs args, SubwordVectors vectors, long tokens, FloatMatrix output, int skippedLabels) {
        CharNgrams ngrams = vectors.ngrams();
        if (args.dim() != vectors.dim() || args.bucket() != ngrams.buckets() || args.minn() != ngrams.minn()
                || args.maxn() != ngrams.maxn()) {
            throw new BadInputException("fastText settings (dim=" + args.dim() + ", bucket=" + args.bucket() + ", minn="
                    + args.minn() + ", maxn=" + args.maxn() + ") do not match the vectors (dim=" + vectors.dim() + ", "
                    + ngrams + ")");
        }
        if (output.cols() != vectors.dim()) {
            throw new BadInputException("the output matrix is " + output.shape() + ", its rows must have dim="
                    + vectors.dim());
        }
        this.args = args;
        this.vectors = vectors;
        this.tokens = tokens;
        this.output = output;
        this.skippedLabels = skippedLabels;
    }

    /**
     * A table as a fastText model without subwords (minn = maxn = bucket = 0): every word is its own row, as in a
     * fastText model trained with {@code -maxn 0}. The output matrix is zero: the model answers queries but has
     * nothing to continue training from.
     */
    public static FastTextModel ofTable(EmbeddingTable table) {
        int dim = table.dim();
        return ofSubwords(new SubwordVectors(table.vocabulary(), table.weights(), HeapMatrix.zeros(0, dim),
                CharNgrams.none()));
    }

    /**
     * Subword vectors (e.g. a model embedkit trained with n-grams) as a fastText model with fastText's skip-gram
     * settings and these n-grams; written, every bucket gets a row (zero where no word used it, streamed row by
     * row), and the output matrix is zero, as in {@link #ofTable}.
     */
    public static FastTextModel ofSubwords(SubwordVectors vectors) {
        Vocabulary words = vectors.vocabulary();
        long tokens = 0;
        for (int id = 0; id < words.size(); id++) {
            tokens += words.count(id);
        }
        CharNgrams ngrams = vectors.ngrams();
        return new FastTextModel(FastTextArgs.forSubwords(vectors.dim(), ngrams.minn(), ngrams.maxn(),
                ngrams.buckets()), vectors, tokens, HeapMatrix.zeros(words.size(), vectors.dim()), 0);
    }

    public FastTextArgs args() {
        return args;
    }

    public SubwordVectors subwords() {
        return vectors;
    }

    /** The words, in the file's order, with their training counts. */
    public Vocabulary vocabulary() {
        return vectors.vocabulary();
    }

    /** The words' own rows of the input matrix, (V, dim). */
    public FloatMatrix wordMatrix() {
        return vectors.wordRows();
    }

    /** The n-gram buckets' rows of the input matrix, (bucket, dim). */
    public FloatMatrix bucketMatrix() {
        return vectors.bucketRows();
    }

    public int minn() {
        return args.minn();
    }

    public int maxn() {
        return args.maxn();
    }

    public int buckets() {
        return args.bucket();
    }

    public int dim() {
        return args.dim();
    }

    public long tokens() {
        return tokens;
    }

    public FloatMatrix output() {
        return output;
    }

    /** How many labels (a classifier's {@code __label__…} entries) the file had; they are not kept. */
    public int skippedLabels() {
        return skippedLabels;
    }

    /** The vector fastText gives {@code word}, known or not: {@code print-word-vectors}' numbers. */
    public float[] wordVector(String word) {
        return vectors.vector(word);
    }

    @Override
    public WordVector find(String word) {
        return vectors.find(word);
    }

    @Override
    public EmbeddingTable table() {
        return vectors.table();
    }

    @Override
    public String toString() {
        return "FastTextModel[" + args.modelName() + ", V=" + vocabulary().size() + ", d=" + dim() + ", buckets="
                + buckets() + ", minn=" + minn() + ", maxn=" + maxn() + "]";
    }
}
