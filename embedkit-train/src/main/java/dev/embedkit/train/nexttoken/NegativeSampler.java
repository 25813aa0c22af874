package dev.embedkit.train.nexttoken;

import java.util.SplittableRandom;

/**
 * Draws the negatives of the sampled softmax from Q ∝ count^0.75 (word2vec's noise distribution), in O(1) per
 * draw with Walker's alias method. The counts are those of the training stream (see {@link #streamCounts}), not
 * of the vocabulary: {@code <unk>} then weighs what the words it stands for weigh, and the {@code <bos>} pad what
 * its k copies per sentence weigh, so both are drawn, and pushed down, often enough; with vocabulary counts they
 * would be near zero, rarely drawn, and their logits would drift up unchecked. A token never seen is weighted as
 * if seen once, so every logExpected is finite.
 */
final class NegativeSampler {
    private final float[] acceptance; // (vocab_size): keep the column's own ID with this probability
    private final int[] alias;        // (vocab_size): otherwise take this ID
    private final float[] logExpected; // (vocab_size): log(K·Q(v)), the sampled softmax's correction

    /** @param counts (vocab_size) occurrences of each token */
    NegativeSampler(long[] counts, int negatives) {
        int n = counts.length;
        double[] q = new double[n];
        double total = 0;
        for (int v = 0; v < n; v++) {
            q[v] = Math.pow(Math.max(counts[v], 1), 0.75);
            total += q[v];
        }
        logExpected = new float[n];
        double[] scaled = new double[n];
        for (int v = 0; v < n; v++) {
            q[v] /= total;
            logExpected[v] = (float) Math.log(negatives * q[v]);
            scaled[v] = q[v] * n;
        }
        // Vose's alias table: pair each under-full column (< 1) with an over-full one that tops it up.
        acceptance = new float[n];
        alias = new int[n];
        int[] small = new int[n];
        int[] large = new int[n];
        int smallCount = 0;
        int largeCount = 0;
        for (int v = 0; v < n; v++) {
            if (scaled[v] < 1) {
                small[smallCount++] = v;
            } else {
                large[largeCount++] = v;
            }
        }
        while (smallCount > 0 && largeCount > 0) {
            int s = small[--smallCount];
            int l = large[--largeCount];
            acceptance[s] = (float) scaled[s];
            alias[s] = l;
            scaled[l] -= 1 - scaled[s];
            if (scaled[l] < 1) {
                small[smallCount++] = l;
            } else {
                large[largeCount++] = l;
            }
        }
        // What is left is 1 up to rounding.
        while (largeCount > 0) {
            int l = large[--largeCount];
            acceptance[l] = 1;
            alias[l] = l;
        }
        while (smallCount > 0) {
            int s = small[--smallCount];
            acceptance[s] = 1;
            alias[s] = s;
        }
    }

    /** Fills {@code out[from .. to)} with independent draws from Q. */
    void fill(int[] out, int from, int to, SplittableRandom random) {
        int n = alias.length;
        for (int i = from; i < to; i++) {
            int column = random.nextInt(n);
            out[i] = random.nextFloat() < acceptance[column] ? column : alias[column];
        }
    }

    /** (vocab_size): log(K·Q(v)). */
    float[] logExpected() {
        return logExpected;
    }

    /** How often each of {@code vocabSize} tokens occurs in the padded stream (pads included). */
    static long[] streamCounts(int[] tokens, int vocabSize) {
        long[] counts = new long[vocabSize];
        for (int id : tokens) {
            counts[id]++;
        }
        return counts;
    }
}
