package dev.embedkit.embed;

import dev.embedkit.BadInputException;
import dev.embedkit.tensor.FloatMatrix;
import dev.embedkit.tensor.HeapMatrix;
import dev.embedkit.vocab.Vocabulary;

/**
 * The V×d embedding table: row i is the vector of token i. Embedding a token is selecting its row:
 * pure indexing, no arithmetic. A sequence of IDs becomes a stacked n×d matrix, what a Transformer reads.
 */
public final class EmbeddingTable {
    private final Vocabulary vocabulary;
    private final FloatMatrix weights; // (vocab_size, dim)

    public EmbeddingTable(Vocabulary vocabulary, FloatMatrix weights) {
        if (vocabulary.size() != weights.rows()) {
            throw new BadInputException("vocabulary has V=" + vocabulary.size() + " tokens but the matrix has "
                    + weights.rows() + " rows");
        }
        this.vocabulary = vocabulary;
        this.weights = weights;
    }

    public Vocabulary vocabulary() {
        return vocabulary;
    }

    /** The table itself, (vocab_size, dim). */
    public FloatMatrix weights() {
        return weights;
    }

    /** V, the number of rows. */
    public int vocabularySize() {
        return weights.rows();
    }

    /** d, the embedding dimension. */
    public int dim() {
        return weights.cols();
    }

    /** The row of token {@code id}, copied: E[id]. An ID outside 0..V-1 is an error naming the ID and V. */
    public float[] lookup(int id) {
        vocabulary.checkId(id);
        return weights.row(id);
    }

    /** The row of a token string, applying the vocabulary's unknown-token policy. */
    public float[] lookup(String token) {
        return lookup(vocabulary.id(token));
    }

    /** The rows of {@code ids} stacked in order: an (n, dim) matrix whose row j is E[ids[j]]. */
    public HeapMatrix lookup(int[] ids) {
        HeapMatrix stacked = HeapMatrix.zeros(ids.length, dim()); // (n, dim)
        lookupInto(ids, stacked);
        return stacked;
    }

    /**
     * {@link #lookup(int[])} into an existing (n, dim) matrix, for callers that stack batch after batch into one
     * buffer: for a million IDs, allocating and zeroing the result costs as much as copying the rows.
     */
    public void lookupInto(int[] ids, HeapMatrix into /* (n, dim) */) {
        if (into.rows() != ids.length || into.cols() != dim()) {
            throw new BadInputException("stacking " + ids.length + " rows of dim " + dim() + " needs a " + ids.length
                    + "×" + dim() + " matrix, got " + into.shape());
        }
        for (int id : ids) {
            vocabulary.checkId(id); // all IDs are checked before anything is copied
        }
        for (int j = 0; j < ids.length; j++) {
            weights.copyRow(ids[j], into.data(), j * dim());
        }
    }

    /**
     * The first {@code rows} tokens and their rows, copied to the heap (the whole table if it has no more).
     * Vocabularies are sorted by frequency, so this is the "most frequent N" that evaluations search.
     */
    public EmbeddingTable head(int rows) {
        if (rows < 0) {
            throw new BadInputException("cannot take the first " + rows + " rows of a table");
        }
        if (rows >= vocabularySize()) {
            return this;
        }
        HeapMatrix head = HeapMatrix.zeros(rows, dim()); // (rows, dim)
        long[] counts = new long[rows];
        for (int id = 0; id < rows; id++) {
            weights.copyRow(id, head.data(), id * dim());
            counts[id] = vocabulary.count(id);
        }
        return new EmbeddingTable(Vocabulary.of(vocabulary.tokens().subList(0, rows), counts), head);
    }

    /** A table of the same tokens with all rows on the heap in F32 (itself if it already is). */
    public EmbeddingTable toHeap() {
        HeapMatrix heap = weights.toHeap();
        return heap == weights ? this : new EmbeddingTable(vocabulary, heap);
    }

    @Override
    public String toString() {
        return "EmbeddingTable[V=" + vocabularySize() + ", d=" + dim() + ", " + weights.dtype() + "]";
    }
}
