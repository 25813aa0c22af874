package dev.embedkit.embed;

/** The cosine similarity of two vectors, as evaluation, the tour and the training log's watched pairs report it. */
public final class Cosine {

    private Cosine() {
    }

    /**
     * a·b / (|a| |b|), accumulated in double (gensim's evaluation does the same in float64); 0 when either is the
     * zero vector, which has no direction.
     */
    public static double between(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("cosine of vectors of lengths " + a.length + " and " + b.length);
        }
        double dot = 0;
        double aa = 0;
        double bb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            aa += (double) a[i] * a[i];
            bb += (double) b[i] * b[i];
        }
        return aa == 0 || bb == 0 ? 0 : dot / Math.sqrt(aa * bb);
    }
}
