package dev.embedkit.io;

import dev.embedkit.FormatException;
import dev.embedkit.embed.EmbeddingTable;
import dev.embedkit.tensor.HeapMatrix;
import dev.embedkit.vocab.Vocabulary;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects the rows a reader parses into a heap table. Readers either ask {@link #rowOf} before adding, so a
 * duplicate token is reported as soon as it is read, or add without asking ({@link #addUnchecked}) and build the
 * vocabulary themselves ({@link #build(Vocabulary)}), which finds repeats in the one hash map it builds anyway.
 */
final class TableBuilder {
    /** A heap matrix is one float[]; Java arrays stop just short of 2^31 elements. */
    static final long MAX_HEAP_VALUES = Integer.MAX_VALUE - 8;

    private final Path file;
    private final int dim;
    private final List<String> tokens;
    private final Map<String, Integer> rowOfToken = new HashMap<>(); // only rows added by add()
    private float[] data; // (capacity, dim), row-major; the first tokens.size() rows are filled

    /** A builder for rows of {@code dim} values; {@code expectedRows} sizes the buffer (0 when unknown). */
    TableBuilder(Path file, int dim, int expectedRows) {
        checkHeapSize(file, expectedRows, dim);
        this.file = file;
        this.dim = dim;
        this.tokens = new ArrayList<>(expectedRows);
        // expectedRows × dim is bounded by the file's size (the header was checked against it); with no rows
        // expected, nothing is allocated, since a claimed d alone bounds nothing
        this.data = new float[expectedRows * dim];
    }

    /** Fails unless a rows × dim table fits in a heap matrix. */
    static void checkHeapSize(Path file, long rows, long dim) {
        if (rows * dim > MAX_HEAP_VALUES) {
            throw FormatException.of(file, "a table of " + rows + "×" + dim + " = " + rows * dim
                    + " values is more than a heap matrix can hold (" + MAX_HEAP_VALUES
                    + "); only model directories (memory-mapped) can be larger");
        }
    }

    int rows() {
        return tokens.size();
    }

    /** The row already holding {@code token}, or -1. */
    int rowOf(String token) {
        return rowOfToken.getOrDefault(token, -1);
    }

    /** Appends a row; {@code values} has exactly dim elements and {@code token} is new. */
    void add(String token, float[] values) {
        rowOfToken.put(token, tokens.size());
        addUnchecked(token, values);
    }

    /** Appends a row without checking that {@code token} is new: the caller's vocabulary will. */
    void addUnchecked(String token, float[] values) {
        int row = tokens.size();
        if ((long) (row + 1) * dim > data.length) {
            checkHeapSize(file, row + 1L, dim);
            long grown = Math.max((long) data.length * 2, 16L * dim);
            data = Arrays.copyOf(data, (int) Math.min(grown, MAX_HEAP_VALUES / dim * dim));
        }
        System.arraycopy(values, 0, data, row * dim, dim);
        tokens.add(token);
    }

    EmbeddingTable build() {
        return build(Vocabulary.of(tokens));
    }

    /** The table with {@code vocabulary}, which the caller built from the same tokens (checking for repeats its own way). */
    EmbeddingTable build(Vocabulary vocabulary) {
        int size = tokens.size() * dim;
        float[] values = data.length == size ? data : Arrays.copyOf(data, size);
        return new EmbeddingTable(vocabulary, new HeapMatrix(tokens.size(), dim, values));
    }
}
