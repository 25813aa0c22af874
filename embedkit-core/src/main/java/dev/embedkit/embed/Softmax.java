package dev.embedkit.embed;

import dev.embedkit.BadInputException;

/**
 * Logits → probabilities, and the greedy choice. Numerically stable: the max logit is subtracted before
 * exponentiating, so logits like 1000 do not overflow exp(); sums run in double so that a vocabulary of
 * 100k small terms does not lose its tail.
 */
public final class Softmax {

    private Softmax() {
    }

    /**
     * softmax(logits / temperature): p[i] = exp((l[i] − max) / T) / Σ_j exp((l[j] − max) / T).
     *
     * @param logits      (vocab_size), all finite
     * @param temperature finite and &gt; 0; below 1 sharpens the distribution, above 1 flattens it
     * @return (vocab_size) probabilities summing to 1
     */
    public static double[] probabilities(float[] logits, double temperature) {
        if (!(temperature > 0) || Double.isInfinite(temperature)) {
            throw new BadInputException("temperature must be finite and > 0, got " + temperature);
        }
        checkFinite(logits);
        float max = logits[argmax(logits)];
        double[] p = new double[logits.length];
        double sum = 0;
        for (int i = 0; i < logits.length; i++) {
            // (l − max) ≤ 0, so exp() cannot overflow; the max term is exp(0) = 1, so the sum is ≥ 1 and never 0.
            p[i] = Math.exp(((double) logits[i] - max) / temperature);
            sum += p[i];
        }
        for (int i = 0; i < p.length; i++) {
            p[i] /= sum;
        }
        return p;
    }

    /** The index of the largest value; on ties the first one wins, so the result is deterministic. */
    public static int argmax(float[] values) {
        if (values.length == 0) {
            throw new BadInputException("argmax of an empty array");
        }
        int best = 0;
        for (int i = 0; i < values.length; i++) {
            if (Float.isNaN(values[i])) {
                throw new BadInputException("value " + i + " is NaN; argmax is undefined");
            }
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }

    private static void checkFinite(float[] logits) {
        if (logits.length == 0) {
            throw new BadInputException("softmax of an empty array of logits");
        }
        for (int i = 0; i < logits.length; i++) {
            if (!Float.isFinite(logits[i])) {
                throw new BadInputException("logit " + i + " is " + logits[i] + "; softmax needs finite logits");
            }
        }
    }
}
