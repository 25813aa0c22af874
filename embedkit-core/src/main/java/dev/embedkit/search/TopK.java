package dev.embedkit.search;

import dev.embedkit.BadInputException;

/**
 * The k best (score, id) pairs of a stream, in a bounded min-heap whose root is the worst pair kept, so an
 * offer that cannot make the cut costs one comparison (fastText's getNN keeps its neighbours the same way).
 * The order is total: a higher score is better and, on equal scores, the lower id is better; so the result
 * does not depend on the order of the offers, nor on how threads split the rows between them.
 * Not thread-safe: each thread keeps its own and reuses it, since {@link #drainTo} leaves it empty.
 */
public final class TopK {
    private final int capacity;
    private final int[] ids;      // (capacity), heap order
    private final float[] scores; // (capacity), parallel to ids
    private int size;

    public TopK(int k) {
        if (k < 1) {
            throw new BadInputException("k must be at least 1, got " + k);
        }
        this.capacity = k;
        this.ids = new int[k];
        this.scores = new float[k];
    }

    /** k, the most pairs kept. */
    public int capacity() {
        return capacity;
    }

    /** How many pairs are kept now: min(offers since the last drain, k). */
    public int size() {
        return size;
    }

    /** Offers a pair and says whether it is kept (for now). A NaN score has no place in the order and is refused. */
    public boolean offer(int id, float score) {
        if (Float.isNaN(score)) {
            throw new BadInputException("score of id " + id + " is NaN; it cannot be ranked");
        }
        if (size < capacity) {
            ids[size] = id;
            scores[size] = score;
            siftUp(size++);
            return true;
        }
        if (!isBetter(score, id, scores[0], ids[0])) {
            return false;
        }
        ids[0] = id;
        scores[0] = score;
        siftDown(0, size);
        return true;
    }

    /**
     * Writes the kept pairs best first into {@code idsOut} and {@code scoresOut} (each at least {@link #size()} long),
     * returns how many, and leaves this heap empty for the next query.
     */
    public int drainTo(int[] idsOut, float[] scoresOut) {
        int n = size;
        // Heapsort in place: moving the root, the worst pair left, to the end each time leaves the array best first.
        for (int end = n - 1; end > 0; end--) {
            swap(0, end);
            siftDown(0, end);
        }
        System.arraycopy(ids, 0, idsOut, 0, n);
        System.arraycopy(scores, 0, scoresOut, 0, n);
        size = 0;
        return n;
    }

    /** Empties the heap without reading it. */
    public void clear() {
        size = 0;
    }

    private static boolean isBetter(float score, int id, float otherScore, int otherId) {
        return score > otherScore || (score == otherScore && id < otherId);
    }

    private boolean isWorse(int i, int j) {
        return isBetter(scores[j], ids[j], scores[i], ids[i]);
    }

    private void siftUp(int i) {
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!isWorse(i, parent)) {
                return;
            }
            swap(i, parent);
            i = parent;
        }
    }

    private void siftDown(int i, int n) {
        while (true) {
            int worst = i;
            int left = 2 * i + 1;
            int right = left + 1;
            if (left < n && isWorse(left, worst)) {
                worst = left;
            }
            if (right < n && isWorse(right, worst)) {
                worst = right;
            }
            if (worst == i) {
                return;
            }
            swap(i, worst);
            i = worst;
        }
    }

    private void swap(int i, int j) {
        int id = ids[i];
        ids[i] = ids[j];
        ids[j] = id;
        float score = scores[i];
        scores[i] = scores[j];
        scores[j] = score;
    }
}
