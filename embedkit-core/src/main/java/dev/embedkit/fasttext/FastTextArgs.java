package dev.embedkit.fasttext;

/**
 * The training settings a fastText .bin stores after its version: thirteen fields in this order, each a
 * little-endian int32 except {@code t}, a float64 (fastText's {@code Args::save}). Only dim, bucket, minn and
 * maxn matter for the vectors; the rest is kept so a model written back says how it was trained.
 *
 * @param loss 1 hs, 2 ns, 3 softmax, 4 ova
 * @param model 1 cbow, 2 skipgram, 3 supervised
 */
public record FastTextArgs(int dim, int ws, int epoch, int minCount, int neg, int wordNgrams, int loss, int model,
                           int bucket, int minn, int maxn, int lrUpdateRate, double t) {
    public static final int LOSS_NS = 2;
    public static final int MODEL_CBOW = 1;
    public static final int MODEL_SKIPGRAM = 2;
    public static final int MODEL_SUPERVISED = 3;
    /** The size of the block in the file. */
    static final int BYTES = 12 * 4 + 8;

    /** fastText's skip-gram defaults for a table of word vectors without subwords (minn = maxn = bucket = 0). */
    public static FastTextArgs forWordVectors(int dim) {
        return forSubwords(dim, 0, 0, 0);
    }

    /** fastText's skip-gram defaults with these n-gram settings. */
    public static FastTextArgs forSubwords(int dim, int minn, int maxn, int bucket) {
        return new FastTextArgs(dim, 5, 5, 5, 5, 1, LOSS_NS, MODEL_SKIPGRAM, bucket, minn, maxn, 100, 1e-4);
    }

    public String lossName() {
        return switch (loss) {
            case 1 -> "hs";
            case 2 -> "ns";
            case 3 -> "softmax";
            case 4 -> "ova";
            default -> "unknown (" + loss + ")";
        };
    }

    public String modelName() {
        return switch (model) {
            case MODEL_CBOW -> "cbow";
            case MODEL_SKIPGRAM -> "skipgram";
            case MODEL_SUPERVISED -> "supervised";
            default -> "unknown (" + model + ")";
        };
    }

    FastTextArgs withMaxn(int newMaxn) {
        return new FastTextArgs(dim, ws, epoch, minCount, neg, wordNgrams, loss, model, bucket, minn, newMaxn,
                lrUpdateRate, t);
    }
}
