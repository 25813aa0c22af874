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
 * (but for the sign of a zero, see {@link #mean}). The bucket rows are either all of them (a fastText model) or
 * only those the vocabulary's words use ({@link SubwordIndex}: a model embedkit trained), the others reading as zero.
 */
public final class SubwordVectors implements WordVectors {
    /** fastText's end-of-line token: it is in the vocabulary of every model trained on text, and gets no n-grams. */
    public static final String END_OF_SENTENCE = "</s>";

    private final Vocabulary words;
    private final FloatMatrix wordRows;   // (V, dim)
    private final FloatMatrix bucketRows; // (buckets, dim), or (U, dim) when storedBuckets is set
    private final int[] storedBuckets;    // (U) ascending: the bucket of each stored row; null when all are stored
    private final CharNgrams ngrams;
    private EmbeddingTable table;         // the vocabulary's vectors, computed on first use

    /** A row for every bucket, as a fastText model has: {@code bucketRows} is (buckets, dim). */
    public SubwordVectors(Vocabulary words, FloatMatrix wordRows, FloatMatrix bucketRows, CharNgrams ngrams) {
        this(words, wordRows, bucketRows, null, ngrams, null);
    }

    private SubwordVectors(Vocabulary words, FloatMatrix wordRows, FloatMatrix bucketRows, int[] storedBuckets,
                           CharNgrams ngrams, EmbeddingTable table) {
        if (words.size() != wordRows.rows()) {
            throw new BadInputException("the vocabulary has " + words.size() + " words but the word matrix has "
                    + wordRows.rows() + " rows");
        }
        int expected = storedBuckets == null ? ngrams.buckets() : storedBuckets.length;
        if (bucketRows.rows() != expected || bucketRows.cols() != wordRows.cols()) {
            throw new BadInputException("the bucket matrix is " + bucketRows.shape() + ", expected " + expected + "×"
                    + wordRows.cols() + (storedBuckets == null ? " (one row per bucket" : " (one row per bucket the"
                    + " vocabulary's words use") + ", the word matrix's dimension)");
        }
        if (table != null && (table.vocabularySize() != words.size() || table.dim() != wordRows.cols())) {
            throw new BadInputException("the words' vectors are " + table.weights().shape() + ", expected "
                    + words.size() + "×" + wordRows.cols());
        }
        this.words = words;
        this.wordRows = wordRows;
        this.bucketRows = bucketRows;
        this.storedBuckets = storedBuckets;
        this.ngrams = ngrams;
        this.table = table;
    }

    /**
     * Only the rows of the buckets the vocabulary's words use ({@link SubwordIndex#usedBuckets()}, in that order),
     * as embedkit trains them; the other buckets read as zero. {@code table} holds the words' vectors if they were
     * already computed ({@link #table()} of the same rows, e.g. as saved), or null to compute them on first use.
     */
    public static SubwordVectors compact(Vocabulary words, FloatMatrix wordRows, FloatMatrix usedBucketRows,
                                         CharNgrams ngrams, EmbeddingTable table) {
        return new SubwordVectors(words, wordRows, usedBucketRows, SubwordIndex.of(words, ngrams).usedBuckets(),
                ngrams, table);
    }

    public Vocabulary vocabulary() {
        return words;
    }

    /** The words' own rows, (V, dim): not their vectors, which also average the n-gram rows. */
    public FloatMatrix wordRows() {
        return wordRows;
    }

    /**
     * One row per hash bucket, (buckets, dim). For a compact model this builds the full matrix on the heap (the
     * unused buckets zero), e.g. to write a fastText .bin: buckets × dim floats.
     */
    public FloatMatrix bucketRows() {
        if (storedBuckets == null) {
            return bucketRows;
        }
        HeapMatrix all = HeapMatrix.zeros(ngrams.buckets(), dim()); // (buckets, dim)
        for (int slot = 0; slot < storedBuckets.length; slot++) {
            bucketRows.copyRow(slot, all.data(), storedBuckets[slot] * dim());
        }
        return all;
    }

    /** Copies bucket {@code bucket}'s row into {@code dst} (zeros for an unused bucket of a compact model). */
    public void copyBucketRow(int bucket, float[] dst) {
        if (bucket < 0 || bucket >= ngrams.buckets()) {
            throw new BadInputException("bucket " + bucket + " is out of range: there are " + ngrams.buckets());
        }
        copyRow(words.size() + bucket, dst);
    }

    /** Whether only the used buckets have rows ({@link #compact}), as in a model embedkit trained. */
    public boolean isCompact() {
        return storedBuckets != null;
    }

    /** The bucket rows as stored: (buckets, dim), or for a compact model (U, dim) in used-bucket order. */
    public FloatMatrix storedBucketRows() {
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
        } else if (storedBuckets == null) {
            bucketRows.copyRow(row - words.size(), dst, 0);
        } else {
            int slot = java.util.Arrays.binarySearch(storedBuckets, row - words.size());
            if (slot >= 0) {
                bucketRows.copyRow(slot, dst, 0);
            } else {
                java.util.Arrays.fill(dst, 0f); // no vocabulary word has this n-gram: training never touched it
            }
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
