package dev.embedkit.spark.train;

import dev.embedkit.train.word2vec.ShardDelta;
import dev.embedkit.train.word2vec.ShardTrainer;
import dev.embedkit.train.word2vec.Word2VecSettings;
import dev.embedkit.vocab.Vocabulary;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * What a partition's task needs to train its shard for one round, in a form Spark can ship (the settings and the
 * vocabulary are rebuilt on the executor from plain maps, lists and arrays).
 *
 * @param settings   {@link Word2VecSettings#toMap()}
 * @param tokens     the vocabulary's tokens, in ID order
 * @param counts     their corpus counts (subsampling and the noise table need them)
 * @param partitions shards training concurrently
 * @param rounds     rounds per epoch: a partition trains on every rounds-th sentence of its shard in each round
 */
record ShardJob(HashMap<String, Object> settings, ArrayList<String> tokens, long[] counts, int partitions, int rounds)
        implements Serializable {

    /** One shard's result for one round, with where the task's time went (see {@link RoundTimes}). */
    record Result(long words, ShardDelta delta, long setupNanos, long trainNanos, long deltaNanos)
            implements Serializable {

        long taskNanos() {
            return setupNanos + trainNanos + deltaNanos;
        }
    }

    static ShardJob of(Word2VecSettings settings, Vocabulary vocabulary, int partitions, int rounds) {
        long[] counts = new long[vocabulary.size()];
        for (int id = 0; id < counts.length; id++) {
            counts[id] = vocabulary.count(id);
        }
        return new ShardJob(new HashMap<>(settings.toMap()), new ArrayList<>(vocabulary.tokens()), counts, partitions,
                rounds);
    }

    /** Trains partition {@code partition}'s sentences of this round on the snapshot {input, output}. */
    Result train(int partition, Iterator<int[]> sentences, float[][] snapshot, int epoch, int round, long wordsBefore) {
        long start = System.nanoTime();
        Word2VecSettings run = Word2VecSettings.fromMap(settings);
        // A seed per (epoch, round, partition), so no two shards or rounds draw the same noise words.
        long seed = run.seed() * 1_000_003L + ((long) epoch * rounds + round) * partitions + partition;
        ShardTrainer trainer = new ShardTrainer(run, Vocabulary.of(tokens, counts), snapshot[0], snapshot[1], seed);
        long ready = System.nanoTime();
        long words = trainer.train(everyNth(sentences, rounds, round), wordsBefore, partitions);
        long trained = System.nanoTime();
        ShardDelta delta = trainer.delta();
        long end = System.nanoTime();
        return new Result(words, delta, ready - start, trained - ready, end - trained);
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
