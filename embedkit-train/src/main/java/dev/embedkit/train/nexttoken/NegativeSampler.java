package dev.embedkit.train.nexttoken;

import dev.embedkit.vocab.Vocabulary;

import java.util.SplittableRandom;

/**
 * Draws the negatives of the sampled softmax from Q ∝ count^0.75 (word2vec's noise distribution) when the
 * vocabulary has counts, uniformly otherwise, in O(1) per draw with Walker's alias method. A token with count 0
 * (a special such as {@code <bos>}) is weighted as if seen once, so every logExpected is finite.
 */
final class NegativeSampler {
    private final float[] acceptance; // (vocab_size): keep the column's own ID with this probability
    private final int[] alias;        // (vocab_size): otherwise take this ID
    private final float[] logExpected; // (vocab_size): log(K·Q(v)), the sampled softmax's correction
    private final boolean unigram;

    NegativeSampler(Vocabulary vocabulary, int negatives) {
        int n = vocabulary.size();
        unigram = vocabulary.hasCounts();
        double[] q = new double[n];
        double total = 0;
        for (int v = 0; v < n; v++) {
            q[v] = unigram ? Math.pow(Math.max(vocabulary.count(v), 1), 0.75) : 1;
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

    /** "unigram^0.75" or "uniform". */
    String distribution() {
        return unigram ? "unigram^0.75" : "uniform";
    }
}
