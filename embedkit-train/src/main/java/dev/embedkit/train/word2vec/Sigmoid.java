package dev.embedkit.train.word2vec;

/**
 * σ(x) = 1/(1+e^-x) and log σ(x) from tables over [-6, 6], like word2vec's expTable (MAX_EXP = 6): a dot product
 * outside that range already has a gradient below 0.0025 and is clipped. Tables instead of Math.exp because the
 * training loop calls this once per (word, target) pair, and because the tables are filled with StrictMath, so the
 * values are the same on every JVM and JIT tier (one ingredient of bit-identical repeats). Unlike word2vec, whose
 * integer division makes the index scale 83 instead of 83.3 (σ(0) reads as 0.494), we round to the nearest entry,
 * so σ(0) is exactly 0.5.
 */
final class Sigmoid {
    static final float MAX_EXP = 6f;
    private static final int STEPS = 1000;
    private static final float SCALE = STEPS / (2 * MAX_EXP);
    private static final float[] SIGMOID = new float[STEPS + 1];
    private static final float[] LOG_SIGMOID = new float[STEPS + 1];

    static {
        for (int i = 0; i <= STEPS; i++) {
            double x = i * 2.0 * MAX_EXP / STEPS - MAX_EXP; // exactly 0 at i = STEPS/2
            SIGMOID[i] = (float) (1 / (1 + StrictMath.exp(-x)));
            LOG_SIGMOID[i] = (float) -StrictMath.log1p(StrictMath.exp(-x));
        }
    }

    private Sigmoid() {
    }

    /** σ(x); exactly 1 above MAX_EXP and 0 below -MAX_EXP, as word2vec's gradient treats those scores. */
    static float sigmoid(float x) {
        if (x >= MAX_EXP) {
            return 1f;
        }
        if (x <= -MAX_EXP) {
            return 0f;
        }
        return SIGMOID[index(x)];
    }

    static float logSigmoid(float x) {
        return LOG_SIGMOID[index(x)];
    }

    private static int index(float x) {
        float clipped = Math.max(-MAX_EXP, Math.min(MAX_EXP, x));
        return (int) ((clipped + MAX_EXP) * SCALE + 0.5f);
    }
}
