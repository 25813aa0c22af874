package dev.embedkit.subword;

import dev.embedkit.vocab.Vocabulary;

import java.util.Arrays;

/**
 * Which n-gram buckets a vocabulary's words use, and each word's input rows in a compact table of (V + U) rows:
 * rows 0..V-1 are the words, row V + s is the s-th used bucket ({@link #usedBuckets()}, ascending). Training
 * touches no other bucket, so a model keeps U rows instead of all {@code buckets} (on an 18M-word corpus with
 * V = 73k, U is about a third of fastText's 2M buckets); a bucket no vocabulary word uses reads as zero.
 * The list is a function of the vocabulary and the n-gram settings, so a saved model need not store it.
 */
public final class SubwordIndex {
    private final int words;
    private final int[] usedBuckets; // (U) ascending bucket numbers
    private final int[] start;       // (V + 1) word w's rows are rows[start[w] .. start[w + 1])
    private final int[] rows;        // each word's own row, then V + slot of each of its n-grams, in CharNgrams' order

    private SubwordIndex(int words, int[] usedBuckets, int[] start, int[] rows) {
        this.words = words;
        this.usedBuckets = usedBuckets;
        this.start = start;
        this.rows = rows;
    }

    /** The index of {@code vocabulary}'s words under {@code ngrams} ({@link SubwordVectors#END_OF_SENTENCE} gets none). */
    public static SubwordIndex of(Vocabulary vocabulary, CharNgrams ngrams) {
        int size = vocabulary.size();
        int[][] perWord = new int[size][];
        int total = 0;
        for (int id = 0; id < size; id++) {
            String word = vocabulary.token(id);
            perWord[id] = word.equals(SubwordVectors.END_OF_SENTENCE) ? new int[0] : ngrams.buckets(word);
            total += perWord[id].length;
        }
        int[] all = new int[total];
        int at = 0;
        for (int[] buckets : perWord) {
            System.arraycopy(buckets, 0, all, at, buckets.length);
            at += buckets.length;
        }
        int[] used = Arrays.stream(all).sorted().distinct().toArray();
        int[] start = new int[size + 1];
        int[] rows = new int[size + total];
        at = 0;
        for (int id = 0; id < size; id++) {
            start[id] = at;
            rows[at++] = id;
            for (int bucket : perWord[id]) {
                rows[at++] = size + Arrays.binarySearch(used, bucket);
            }
        }
        start[size] = at;
        return new SubwordIndex(size, used, start, rows);
    }

    /** V, the number of word rows before the bucket rows. */
    public int words() {
        return words;
    }

    /** U: how many buckets have a row. */
    public int usedBucketCount() {
        return usedBuckets.length;
    }

    /** The used buckets, ascending; row V + s of the compact table is bucket {@code usedBuckets()[s]}. */
    public int[] usedBuckets() {
        return usedBuckets.clone();
    }

    /** The slot of {@code bucket} in the compact table's bucket rows, or -1 if no word uses it. */
    public int slot(int bucket) {
        int slot = Arrays.binarySearch(usedBuckets, bucket);
        return slot < 0 ? -1 : slot;
    }

    /** The first of word {@code id}'s rows in {@link #rowArray()}. */
    public int rowsStart(int id) {
        return start[id];
    }

    /** One past the last of word {@code id}'s rows in {@link #rowArray()}. */
    public int rowsEnd(int id) {
        return start[id + 1];
    }

    /**
     * Every word's compact-table rows back to back (its own row first), shared, not copied: the training loop reads
     * it without allocating. Callers must not change it.
     */
    public int[] rowArray() {
        return rows;
    }

    /** Word {@code id}'s compact-table rows, a copy. */
    public int[] rows(int id) {
        return Arrays.copyOfRange(rows, start[id], start[id + 1]);
    }
}
