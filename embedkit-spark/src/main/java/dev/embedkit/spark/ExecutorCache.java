package dev.embedkit.spark;

import dev.embedkit.io.ModelDirectory;
import dev.embedkit.search.NeighborIndex;
import dev.embedkit.tokenize.Tokenizer;
import dev.embedkit.tokenize.Tokenizers;
import dev.embedkit.train.word2vec.ShardContext;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * What an executor loads once per JVM, not once per task: model directories (memory-mapped, so every task of the
 * executor reads the same pages) and tokenizers, keyed by path. Tasks of one executor share a JVM, so a static map
 * is the per-executor cache Spark itself has no API for.
 */
public final class ExecutorCache {
    private static final Map<String, ModelDirectory> MODELS = new ConcurrentHashMap<>();
    private static final Map<String, Tokenizer> TOKENIZERS = new ConcurrentHashMap<>();
    private static final Map<String, NeighborIndex> NEIGHBORS = new ConcurrentHashMap<>();
    // Only the latest training run's: its tables (40 MB of noise table) must not outlive it in a long-lived JVM.
    private static String shardContextRun;
    private static ShardContext shardContext;

    private ExecutorCache() {
    }

    /** The model directory at {@code path}, opened (mapped) by the first task of this JVM that asks. */
    public static ModelDirectory model(String path) {
        return MODELS.computeIfAbsent(path, p -> ModelDirectory.open(Path.of(p)));
    }

    /** A neighbour index over the model at {@code path} (its unit rows are computed once per JVM). */
    public static NeighborIndex neighbors(String path) {
        return NEIGHBORS.computeIfAbsent(path, p -> new NeighborIndex(model(p).table()));
    }

    /** The tokenizer at {@code path} (see {@link Tokenizers#load}), loaded once per JVM. */
    public static Tokenizer tokenizer(String path) {
        return TOKENIZERS.computeIfAbsent(path, p -> Tokenizers.load(Path.of(p)));
    }

    /**
     * The shared tables of training run {@code run}, built by the first task of this JVM that asks and kept for the
     * run's later tasks and rounds; a new run replaces them (two runs training at once in one JVM would rebuild
     * them in turn: correct, only slower).
     */
    public static synchronized ShardContext shardContext(String run, Supplier<ShardContext> build) {
        if (!run.equals(shardContextRun)) {
            shardContext = build.get();
            shardContextRun = run;
        }
        return shardContext;
    }

    /** How many models this JVM has opened: what the once-per-executor promise is tested by. */
    public static int modelsOpened() {
        return MODELS.size();
    }
}
