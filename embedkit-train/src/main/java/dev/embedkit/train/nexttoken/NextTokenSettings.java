package dev.embedkit.train.nexttoken;

import dev.embedkit.BadInputException;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Everything a next-token training run depends on. With the same settings, sentences and kernels a run is
 * repeatable: every random choice (initial table, shuffling, negatives) comes from {@code seed}.
 *
 * @param dim             d, the embedding dimension
 * @param context         k, how many previous tokens form the context (positions nearer a sentence start are
 *                        left-padded with {@link NextTokenModel#BOS})
 * @param combine         mean of the context rows, or a learned positional weighting
 * @param optimizer       SGD or Adam
 * @param learningRate    constant step size
 * @param epochs          passes over the training sentences
 * @param batchSize       positions per minibatch; the loss is the minibatch mean
 * @param seed            the seed of every random choice
 * @param heldOutFraction the last fraction of sentences, held out for loss and perplexity (0 ≤ f &lt; 1)
 * @param softmax         FULL, SAMPLED or AUTO (by vocabulary size, see {@link SoftmaxMode#AUTO_FULL_MAX_VOCAB})
 * @param negatives       K, negatives per position for the sampled softmax
 * @param evalPositions   at most this many held-out positions are scored per evaluation (an even stride through
 *                        them), because a full-softmax evaluation costs O(V·d) per position
 */
public record NextTokenSettings(int dim, int context, Combine combine, OptimizerKind optimizer, double learningRate,
                                int epochs, int batchSize, long seed, double heldOutFraction, SoftmaxMode softmax,
                                int negatives, int evalPositions) {

    public NextTokenSettings {
        require(dim >= 1, "dim must be at least 1, got " + dim);
        require(context >= 1, "context must be at least 1 token, got " + context);
        require(combine != null && optimizer != null && softmax != null, "combine, optimizer and softmax must be set");
        require(learningRate > 0 && Double.isFinite(learningRate), "learning rate must be finite and > 0, got " + learningRate);
        require(epochs >= 1, "epochs must be at least 1, got " + epochs);
        require(batchSize >= 1, "batch size must be at least 1, got " + batchSize);
        require(heldOutFraction >= 0 && heldOutFraction < 1, "held-out fraction must be in [0, 1), got " + heldOutFraction);
        require(negatives >= 1, "negatives must be at least 1, got " + negatives);
        require(evalPositions >= 1, "eval positions must be at least 1, got " + evalPositions);
    }

    /**
     * d 64, k 3, positional, Adam at {@link #defaultLearningRate}, 5 epochs, batches of 256, seed 1, 10% held out,
     * AUTO softmax, 64 negatives, at most 20,000 held-out positions scored.
     */
    public static NextTokenSettings defaults() {
        return new NextTokenSettings(64, 3, Combine.POSITIONAL, OptimizerKind.ADAM,
                defaultLearningRate(OptimizerKind.ADAM), 5, 256, 1, 0.1, SoftmaxMode.AUTO, 64, 20_000);
    }

    /**
     * Adam 0.001: on the bundled corpus (d 100, k 3, batches of 256, sampled softmax) one epoch reached held-out
     * perplexity 283.6 at 0.001, 300.7 at 0.003 and 315.1 at 0.01. SGD 0.5, because its gradients are minibatch means.
     */
    public static double defaultLearningRate(OptimizerKind optimizer) {
        return optimizer == OptimizerKind.ADAM ? 0.001 : 0.5;
    }

    public NextTokenSettings withDim(int d) {
        return new NextTokenSettings(d, context, combine, optimizer, learningRate, epochs, batchSize, seed, heldOutFraction, softmax, negatives, evalPositions);
    }

    public NextTokenSettings withContext(int k) {
        return new NextTokenSettings(dim, k, combine, optimizer, learningRate, epochs, batchSize, seed, heldOutFraction, softmax, negatives, evalPositions);
    }

    public NextTokenSettings withCombine(Combine c) {
        return new NextTokenSettings(dim, context, c, optimizer, learningRate, epochs, batchSize, seed, heldOutFraction, softmax, negatives, evalPositions);
    }

    public NextTokenSettings withOptimizer(OptimizerKind o, double lr) {
        return new NextTokenSettings(dim, context, combine, o, lr, epochs, batchSize, seed, heldOutFraction, softmax, negatives, evalPositions);
    }

    public NextTokenSettings withEpochs(int n) {
        return new NextTokenSettings(dim, context, combine, optimizer, learningRate, n, batchSize, seed, heldOutFraction, softmax, negatives, evalPositions);
    }

    public NextTokenSettings withBatchSize(int b) {
        return new NextTokenSettings(dim, context, combine, optimizer, learningRate, epochs, b, seed, heldOutFraction, softmax, negatives, evalPositions);
    }

    public NextTokenSettings withSeed(long s) {
        return new NextTokenSettings(dim, context, combine, optimizer, learningRate, epochs, batchSize, s, heldOutFraction, softmax, negatives, evalPositions);
    }

    public NextTokenSettings withHeldOutFraction(double f) {
        return new NextTokenSettings(dim, context, combine, optimizer, learningRate, epochs, batchSize, seed, f, softmax, negatives, evalPositions);
    }

    public NextTokenSettings withSoftmax(SoftmaxMode mode, int k) {
        return new NextTokenSettings(dim, context, combine, optimizer, learningRate, epochs, batchSize, seed, heldOutFraction, mode, k, evalPositions);
    }

    public NextTokenSettings withEvalPositions(int n) {
        return new NextTokenSettings(dim, context, combine, optimizer, learningRate, epochs, batchSize, seed, heldOutFraction, softmax, negatives, n);
    }

    /** The settings as config.json values (snake_case keys), for a model directory's provenance. */
    public Map<String, Object> toConfigMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("dim", dim);
        map.put("context", context);
        map.put("combine", combine.configName());
        map.put("optimizer", optimizer.name().toLowerCase(Locale.ROOT));
        map.put("learning_rate", learningRate);
        map.put("epochs", epochs);
        map.put("batch_size", batchSize);
        map.put("seed", seed);
        map.put("held_out_fraction", heldOutFraction);
        map.put("softmax", softmax.name().toLowerCase(Locale.ROOT));
        map.put("negatives", negatives);
        return map;
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new BadInputException(message);
        }
    }
}
