package dev.embedkit.train.word2vec;

import dev.embedkit.BadInputException;
import dev.embedkit.vocab.Vocabulary;

/**
 * What every shard of a data-parallel run shares and what stays fixed for the whole run: the settings, the
 * vocabulary, and the sampling tables its counts give (the noise table alone is 40 MB and ten million writes).
 * Build it once per process and hand it to every {@link ShardTrainer} of the run, not once per shard and round.
 * Read only after construction, so concurrent shards may share one.
 */
public final class ShardContext {
    private final Word2VecSettings settings;
    private final Vocabulary vocabulary;
    private final SamplingTables sampling;

    /**
     * @param settings   the run's settings (threads is ignored: a shard is one thread)
     * @param vocabulary the run's vocabulary, with counts (for subsampling and the noise table)
     */
    public ShardContext(Word2VecSettings settings, Vocabulary vocabulary) {
        this.settings = shardSettings(settings);
        this.vocabulary = vocabulary;
        this.sampling = SamplingTables.of(vocabulary, settings.sample(), false); // Spark trains words only
    }

    /** {@code settings} as a shard runs them (one thread), or why it cannot: check them before a run starts. */
    public static Word2VecSettings shardSettings(Word2VecSettings settings) {
        if (settings.hogBatch()) {
            throw new BadInputException("a shard trains with the plain step: hogbatch is not supported in "
                    + "data-parallel training");
        }
        if (settings.alphaSchedule() != AlphaSchedule.LINEAR) {
            throw new BadInputException("a shard's learning rate follows the cluster's words: the "
                    + settings.alphaSchedule().spelling() + " schedule is not supported in data-parallel training");
        }
        return settings.withThreads(1);
    }

    /** The run's settings, with one thread. */
    public Word2VecSettings settings() {
        return settings;
    }

    public Vocabulary vocabulary() {
        return vocabulary;
    }

    SamplingTables sampling() {
        return sampling;
    }
}
