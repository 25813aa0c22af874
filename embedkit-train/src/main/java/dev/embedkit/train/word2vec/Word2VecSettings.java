package dev.embedkit.train.word2vec;

import dev.embedkit.BadInputException;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every setting of a word2vec run, checked before any work starts. Defaults are word2vec.c's (and gensim's).
 *
 * @param architecture  skip-gram (predict each context word from the centre) or CBOW (the centre from the context mean)
 * @param dim           d, the vector size (word2vec's -size)
 * @param window        the largest distance to a context word; each position draws its own 1..window
 * @param negative      noise words per positive pair
 * @param sample        subsampling threshold for frequent words; 0 turns subsampling off
 * @param minCount      words seen fewer times are dropped from the vocabulary
 * @param maxVocab      at most this many words are kept, the most frequent
 * @param epochs        passes over the corpus (word2vec's -iter)
 * @param threads       training threads, each reading its own shard of the corpus
 * @param alpha         the starting learning rate, decayed by {@code alphaSchedule} (never below alpha·1e-4)
 * @param seed          seeds the initial vectors and every thread's random choices
 * @param deterministic with one thread, use the scalar kernels so that a repeated run is bit-identical
 * @param hogBatch      words share one draw of noise words and train as small matrix products: skip-gram's context
 *                      words of a window ({@link SharedNegativesStep}), CBOW's words with disjoint windows
 *                      ({@link CbowBatchStep})
 * @param alphaSchedule how alpha falls: word2vec's linear decay, or gensim's corpus_file saw-tooth for comparisons
 */
public record Word2VecSettings(Architecture architecture, int dim, int window, int negative, double sample,
                               long minCount, int maxVocab, int epochs, int threads, double alpha, long seed,
                               boolean deterministic, boolean hogBatch, AlphaSchedule alphaSchedule) {

    public enum Architecture { SKIP_GRAM, CBOW }

    /** Allowing more threads than this is a typo, not a plan; word2vec has no limit but nothing gains from it. */
    public static int maxThreads() {
        return Runtime.getRuntime().availableProcessors() * 8;
    }

    public Word2VecSettings {
        require(dim >= 1, "dim must be at least 1, got " + dim);
        require(window >= 1, "window must be at least 1, got " + window);
        require(negative >= 0, "negative must be 0 or more, got " + negative);
        require(sample >= 0 && Double.isFinite(sample), "sample must be 0 (off) or a positive threshold, got " + sample);
        require(minCount >= 1, "min-count must be at least 1, got " + minCount);
        require(maxVocab >= 1, "max-vocab must be at least 1, got " + maxVocab);
        require(epochs >= 1, "epochs must be at least 1, got " + epochs);
        require(threads >= 1 && threads <= maxThreads(), "threads must be between 1 and " + maxThreads()
                + " (cores × 8), got " + threads);
        require(alpha > 0 && Double.isFinite(alpha), "alpha must be a positive learning rate, got " + alpha);
        require(!deterministic || threads == 1, "a deterministic run needs threads=1: Hogwild threads race by design");
        require(alphaSchedule != null, "alpha schedule must be given");
    }

    /** word2vec's linear learning-rate decay. */
    public Word2VecSettings(Architecture architecture, int dim, int window, int negative, double sample,
                            long minCount, int maxVocab, int epochs, int threads, double alpha, long seed,
                            boolean deterministic, boolean hogBatch) {
        this(architecture, dim, window, negative, sample, minCount, maxVocab, epochs, threads, alpha, seed,
                deterministic, hogBatch, AlphaSchedule.LINEAR);
    }

    /** The plain Hogwild trainer (no HogBatch), word2vec's linear learning-rate decay. */
    public Word2VecSettings(Architecture architecture, int dim, int window, int negative, double sample,
                            long minCount, int maxVocab, int epochs, int threads, double alpha, long seed,
                            boolean deterministic) {
        this(architecture, dim, window, negative, sample, minCount, maxVocab, epochs, threads, alpha, seed,
                deterministic, false);
    }

    /** The same settings with {@code newThreads} training threads. */
    public Word2VecSettings withThreads(int newThreads) {
        return new Word2VecSettings(architecture, dim, window, negative, sample, minCount, maxVocab, epochs,
                newThreads, alpha, seed, deterministic && newThreads == 1, hogBatch, alphaSchedule);
    }

    /** word2vec's starting learning rate: 0.025 for skip-gram, 0.05 for CBOW. */
    public static double defaultAlpha(Architecture architecture) {
        return architecture == Architecture.CBOW ? 0.05 : 0.025;
    }

    /** The settings as config.json's "training" entry and as a checkpoint's record of the run. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("model", architecture == Architecture.CBOW ? "cbow" : "sgns");
        map.put("dim", dim);
        map.put("window", window);
        map.put("negative", negative);
        map.put("sample", sample);
        map.put("min_count", minCount);
        map.put("max_vocab", maxVocab);
        map.put("epochs", epochs);
        map.put("threads", threads);
        map.put("alpha", alpha);
        map.put("seed", seed);
        map.put("deterministic", deterministic);
        map.put("hogbatch", hogBatch);
        map.put("alpha_schedule", alphaSchedule.spelling());
        return map;
    }

    public static Word2VecSettings fromMap(Map<String, ?> map) {
        return new Word2VecSettings("cbow".equals(map.get("model")) ? Architecture.CBOW : Architecture.SKIP_GRAM,
                number(map, "dim").intValue(), number(map, "window").intValue(), number(map, "negative").intValue(),
                number(map, "sample").doubleValue(), number(map, "min_count").longValue(),
                number(map, "max_vocab").intValue(), number(map, "epochs").intValue(),
                number(map, "threads").intValue(), number(map, "alpha").doubleValue(),
                number(map, "seed").longValue(), Boolean.TRUE.equals(map.get("deterministic")),
                Boolean.TRUE.equals(map.get("hogbatch")),
                // absent from models and checkpoints written before the setting existed: they decayed linearly
                map.get("alpha_schedule") instanceof String spelling ? AlphaSchedule.parse(spelling) : AlphaSchedule.LINEAR);
    }

    private static Number number(Map<String, ?> map, String key) {
        if (map.get(key) instanceof Number number) {
            return number;
        }
        throw new BadInputException("training settings lack the number '" + key + "'");
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new BadInputException(message);
        }
    }
}
