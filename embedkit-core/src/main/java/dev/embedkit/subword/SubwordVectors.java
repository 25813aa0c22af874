package dev.embedkit.subword;

import dev.embedkit.BadInputException;
import dev.embedkit.embed.EmbeddingTable;
import dev.embedkit.embed.WordVector;
import dev.embedkit.embed.WordVectors;
import dev.embedkit.tensor.FloatMatrix;
import dev.embedkit.tensor.HeapMatrix;
import dev.embedkit.vocab.Vocabulary;

/**
 * Word vectors from a word's own row and the rows of its character n-grams, as fastText's
 * {@code FastText::getWordVector} computes them: a known word is the mean of its row and its n-gram rows, an
 * unknown word the mean of its n-gram rows, and an unknown word without n-grams the zero vector. Rows are indexed
 * as in fastText's input matrix: 0..V-1 are the words, V + b is bucket b. The sum is taken in float, row by row in
 * {@link CharNgrams}' order, then scaled by the float nearest 1/count, so the results equal fastText's bit for bit
 * (but for the sign of a zero, see {@link #mean}).
 */
public final class SubwordVectors implements WordVectors {
    /** fastText's end-of-line token: it is in the vocabulary of every model trained on text, and gets no n-grams. */
    public static final String END_OF_SENTENCE = "</s>";

    private final Vocabulary words;
    private final FloatMatrix wordRows;   // (V, dim)
    private final FloatMatrix bucketRows; // (buckets, dim)
    private final CharNgrams ngrams;
    private EmbeddingTable table;         // the vocabulary's vectors, computed on first use

    public SubwordVectors(Vocabulary words, FloatMatrix wordRows, FloatMatrix bucketRows, CharNgrams ngrams) {
        if (words.size() != wordRows.rows()) {
            throw new BadInputException("the vocabulary has " + words.size() + " words but the word matrix has "
                    + wordRows.rows() + " rows");
        }
        if (bucketRows.rows() != ngrams.buckets() || bucketRows.cols() != wordRows.cols()) {
            throw new BadInputException("the bucket matrix is " + bucketRows.shape() + ", expected " + ngrams.buckets()
                    + "×" + wordRows.cols() + " (one row per bucket, the word matrix's dimension)");
        }
        this.words = words;
        this.wordRows = wordRows;
        this.bucketRows = bucketRows;
        this.ngrams = ngrams;
    }

    public Vocabulary vocabulary() {
        return words;
    }

    /** The words' own rows, (V, dim): not their vectors, which also average the n-gram rows. */
    public FloatMatrix wordRows() {
        return wordRows;
    }

    /** One row per hash bucket, (buckets, dim). */
    public FloatMatrix bucketRows() {
        return bucketRows;
    }

    public CharNgrams ngrams() {
        return ngrams;
    }

    public int dim() {
        return wordRows.cols();
    }

    /**
     * The input-matrix rows whose mean is the vector of vocabulary word {@code id}: the word's own row first, then
     * V + bucket for each n-gram (none for {@link #END_OF_SENTENCE}). A trainer adds the gradient to each of them.
     */
    public int[] rows(int id) {
        String word = words.token(id);
        int[] buckets = word.equals(END_OF_SENTENCE) ? new int[0] : ngrams.buckets(word);
        int[] rows = new int[buckets.length + 1];
        rows[0] = id;
        for (int i = 0; i < buckets.length; i++) {
            rows[i + 1] = words.size() + buckets[i];
        }
        return rows;
    }

    /** The rows of any word: {@link #rows(int)} if it is known, else V + bucket of each of its n-grams. */
    public int[] rows(String word) {
        int id = words.find(word);
        if (id >= 0) {
            return rows(id);
        }
        int[] rows = ngrams.buckets(word);
        for (int i = 0; i < rows.length; i++) {
            rows[i] += words.size();
        }
        return rows;
    }

    /**
     * The mean of the given input-matrix rows (fastText's order and rounding); the zero vector if there are none.
     * The sum starts from the first row rather than from zero, which differs from fastText only in keeping a −0.
     */
    public float[] mean(int[] rows) {
        float[] sum = new float[dim()];
        if (rows.length == 0) {
            return sum;
        }
        copyRow(rows[0], sum);
        float[] row = new float[dim()];
        for (int i = 1; i < rows.length; i++) {
            copyRow(rows[i], row);
            for (int c = 0; c < sum.length; c++) {
                sum[c] += row[c];
            }
        }
        float scale = (float) (1.0 / rows.length); // fastText: vec.mul(1.0 / ngrams.size()) with real = float
        for (int c = 0; c < sum.length; c++) {
            sum[c] *= scale;
        }
        return sum;
    }

    private void copyRow(int row, float[] dst) {
        if (row < words.size()) {
            wordRows.copyRow(row, dst, 0);
        } else {
            bucketRows.copyRow(row - words.size(), dst, 0);
        }
    }

    /** Any word's vector: known words from their row and n-grams, unknown ones from their n-grams alone. */
    public float[] vector(String word) {
        return mean(rows(word));
    }

    /** Never null: every word has a vector here, if only the zero vector. */
    @Override
    public WordVector find(String word) {
        int id = words.find(word);
        if (id >= 0) {
            return new WordVector(word, id, table().weights().row(id), rows(id).length - 1);
        }
        int[] rows = rows(word);
        return new WordVector(word, -1, mean(rows), rows.length);
    }

    /** The vectors of all V words (computed once, on the heap), as fastText's print-word-vectors and nn use them. */
    @Override
    public synchronized EmbeddingTable table() {
        if (table == null) {
            HeapMatrix vectors = HeapMatrix.zeros(words.size(), dim()); // (V, dim)
            for (int id = 0; id < words.size(); id++) {
                System.arraycopy(mean(rows(id)), 0, vectors.data(), id * dim(), dim());
            }
            table = new EmbeddingTable(words, vectors);
        }
        return table;
    }
}
