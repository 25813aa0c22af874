package dev.embedkit.spark.train;

import dev.embedkit.spark.ExecutorCache;
import dev.embedkit.train.word2vec.ShardContext;
import dev.embedkit.train.word2vec.ShardTrainer;
import dev.embedkit.train.word2vec.Word2VecSettings;
import dev.embedkit.vocab.Vocabulary;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.UUID;

/**
 * What a partition's task needs to train its shard, in a form Spark can ship: broadcast once per run, and turned
 * into a {@link ShardContext} (settings, vocabulary, sampling tables) once per executor JVM, not per task.
 *
 * @param run        names the run, so an executor knows whether the context it holds is this run's
 * @param settings   {@link Word2VecSettings#toMap()}
 * @param tokens     the vocabulary's tokens, in ID order
 * @param counts     their corpus counts (subsampling and the noise table need them)
 * @param partitions shards training concurrently
 * @param rounds     rounds per epoch: a partition trains on every rounds-th sentence of its shard in each round
 */
record ShardJob(String run, HashMap<String, Object> settings, ArrayList<String> tokens, long[] counts, int partitions,
                int rounds) implements Serializable {

    /**
     * One shard's result for one round, or the sum of several: the words trained, the deltas, and where the slowest
     * task's time went (see {@link RoundTimes}).
     */
    record Result(long words, DeltaSum delta, long setupNanos, long trainNanos, long deltaNanos)
            implements Serializable {

        long taskNanos() {
            return setupNanos + trainNanos + deltaNanos;
        }

        Result plus(Result other) {
            Result slower = taskNanos() >= other.taskNanos() ? this : other;
            return new Result(words + other.words, delta.plus(other.delta), slower.setupNanos, slower.trainNanos,
                    slower.deltaNanos);
        }
    }

    static ShardJob of(Word2VecSettings settings, Vocabulary vocabulary, int partitions, int rounds) {
        long[] counts = new long[vocabulary.size()];
        for (int id = 0; id < counts.length; id++) {
            counts[id] = vocabulary.count(id);
        }
        return new ShardJob(UUID.randomUUID().toString(), new HashMap<>(settings.toMap()),
                new ArrayList<>(vocabulary.tokens()), counts, partitions, rounds);
    }

    /** Trains partition {@code partition}'s sentences of this round on the snapshot {input, output}. */
    Result train(int partition, Iterator<int[]> sentences, float[][] snapshot, int epoch, int round, long wordsBefore) {
        long start = System.nanoTime();
        ShardContext context = context();
        // A seed per (epoch, round, partition), so no two shards or rounds draw the same noise words.
        long seed = context.settings().seed() * 1_000_003L + ((long) epoch * rounds + round) * partitions + partition;
        ShardTrainer trainer = new ShardTrainer(context, snapshot[0], snapshot[1], seed);
        long ready = System.nanoTime();
        long words = trainer.train(everyNth(sentences, rounds, round), wordsBefore, partitions);
        long trained = System.nanoTime();
        DeltaSum delta = DeltaSum.of(trainer.delta());
        long end = System.nanoTime();
        return new Result(words, delta, ready - start, trained - ready, end - trained);
    }

    /** This run's shared tables, built by the first task of this JVM that needs them. */
    ShardContext context() {
        return ExecutorCache.shardContext(run, () -> new ShardContext(Word2VecSettings.fromMap(settings),
                Vocabulary.of(tokens, counts)));
    }

    /** Elements {@code offset}, {@code offset + n}, {@code offset + 2n}, … of {@code all}. */
    static Iterator<int[]> everyNth(Iterator<int[]> all, int n, int offset) {
        return new Iterator<>() {
            private long index;
            private int[] next = advance();

            private int[] advance() {
                while (all.hasNext()) {
                    int[] candidate = all.next();
                    if (index++ % n == offset) {
                        return candidate;
                    }
                }
                return null;
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public int[] next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                int[] current = next;
                next = advance();
                return current;
            }
        };
    }
}
