package dev.embedkit.spark.train;

import dev.embedkit.BadInputException;
import dev.embedkit.embed.Initializer;
import dev.embedkit.spark.DistributedVocabulary;
import dev.embedkit.spark.TokenSource;
import dev.embedkit.tensor.HeapMatrix;
import dev.embedkit.tokenize.WordSplitter;
import dev.embedkit.train.word2vec.ShardContext;
import dev.embedkit.train.word2vec.Word2VecModel;
import dev.embedkit.train.word2vec.Word2VecSettings;
import dev.embedkit.vocab.Vocabulary;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Iterator;
import java.util.List;

/**
 * Skip-gram or CBOW with negative sampling on a cluster. The vocabulary is counted with {@link DistributedVocabulary};
 * the text becomes sentences of word IDs spread over {@code partitions} partitions and cached. Each epoch has
 * {@code rounds} rounds; in each, the driver broadcasts the model, every partition trains a copy on its share of
 * the round with embedkit's kernel (the learning rate following the words done cluster-wide), and sends back only
 * the rows it wrote; the deltas are summed as the tasks finish ({@link DeltaSum}) and the driver moves the model by
 * the sum ({@link DeltaMerge}) before the next round. What stays fixed for the
 * run (vocabulary, noise table) is broadcast once and built once per executor JVM ({@link ShardJob#context()}).
 */
public final class DistributedWord2Vec {
    private static final Logger LOG = LoggerFactory.getLogger(DistributedWord2Vec.class);

    private final Word2VecSettings settings;
    private final WordSplitter splitter;
    private final int partitions;
    private final int rounds;
    private final DeltaMerge merge;
    private long bytesReceived;
    private final RoundTimes times = new RoundTimes();

    /**
     * @param partitions shards that train at once (one task each; at most the cluster's cores are useful)
     * @param rounds     merges per epoch: more rounds keep the shards' snapshots fresher but cost a broadcast and a
     *                   collect each
     * @param merge      how the partitions' deltas are combined
     */
    public DistributedWord2Vec(Word2VecSettings settings, WordSplitter splitter, int partitions, int rounds,
                               DeltaMerge merge) {
        if (partitions < 1 || rounds < 1) {
            throw new BadInputException("partitions and rounds must be at least 1, got " + partitions + " and " + rounds);
        }
        ShardContext.shardSettings(settings); // refuses what a shard cannot train before any Spark job runs
        this.settings = settings;
        this.splitter = splitter;
        this.partitions = partitions;
        this.rounds = rounds;
        this.merge = merge;
    }

    /** Trains on the lines of {@code text}; {@code corpus} names it in the model's config. */
    public Word2VecModel train(Dataset<String> text, String corpus) {
        long start = System.nanoTime();
        TokenSource words = TokenSource.words(splitter);
        Vocabulary vocabulary = DistributedVocabulary.build(text, words, settings.minCount(), settings.maxVocab());
        JavaSparkContext spark = JavaSparkContext.fromSparkContext(text.sparkSession().sparkContext());
        // Sent once per run, not with every task: it holds the vocabulary, V tokens and counts.
        Broadcast<ShardJob> job = spark.broadcast(ShardJob.of(settings, vocabulary, partitions, rounds));
        JavaRDD<int[]> sentences = text.javaRDD().mapPartitions(lines -> knownIds(lines, words, job.value()))
                .repartition(partitions).persist(StorageLevel.MEMORY_AND_DISK());
        // Cached now, so that the first round's time (see RoundTimes) is the round's alone.
        long cached = sentences.count();
        LOG.info("vocabulary of {} words and {} sentences cached in {} s", vocabulary.size(), cached,
                String.format("%.1f", (System.nanoTime() - start) / 1e9));
        int dim = settings.dim();
        HeapMatrix input = new Initializer.Word2VecUniform().create(vocabulary.size(), dim, settings.seed());
        HeapMatrix output = HeapMatrix.zeros(vocabulary.size(), dim);
        long wordsDone = 0;
        try {
            for (int epoch = 0; epoch < settings.epochs(); epoch++) {
                for (int round = 0; round < rounds; round++) {
                    wordsDone += round(spark, sentences, job, input, output, epoch, round, wordsDone);
                }
            }
        } finally {
            sentences.unpersist(false);
            job.destroy();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        LOG.info("trained {} words in {} s on {} partitions, {} rounds per epoch; {} MB of deltas received",
                wordsDone, String.format("%.1f", seconds), partitions, rounds, bytesReceived >> 20);
        LOG.info("profile: {}", times);
        // no n-gram rows: distributed training is words only
        return new Word2VecModel(vocabulary, input, output, settings, splitter, corpus, seconds, null);
    }

    /** Bytes of deltas the tasks have sent so far (rows, float32 values, IDs): the run's communication volume. */
    public long bytesReceived() {
        return bytesReceived;
    }

    private long round(JavaSparkContext spark, JavaRDD<int[]> sentences, Broadcast<ShardJob> job, HeapMatrix input,
                       HeapMatrix output, int epoch, int round, long wordsBefore) {
        long start = System.nanoTime();
        Broadcast<float[][]> snapshot = spark.broadcast(new float[][] {input.data(), output.data()});
        try {
            long broadcast = System.nanoTime();
            // Summed as the tasks finish (in a tree on the executors when there are many): the driver holds one sum.
            ShardJob.Result total = sentences.mapPartitionsWithIndex((partition, shard) -> List.of(job.value()
                    .train(partition, shard, snapshot.value(), epoch, round, wordsBefore)).iterator(), false)
                    .treeReduce(ShardJob.Result::plus);
            long summed = System.nanoTime();
            bytesReceived += total.delta().payloadBytes();
            int changed = merge.apply(total.delta(), input.data(), output.data());
            times.add(broadcast - start, summed - broadcast, System.nanoTime() - summed, total);
            long words = total.words();
            LOG.info("epoch {} round {}: {} words, {} rows changed, {} KB of deltas", epoch + 1, round + 1, words,
                    changed, total.delta().payloadBytes() >> 10);
            return words;
        } finally {
            snapshot.destroy();
        }
    }

    /** Each line as the IDs of its vocabulary words (unknown words dropped, as the single-machine trainer does). */
    private static Iterator<int[]> knownIds(Iterator<String> lines, TokenSource words, ShardJob job) {
        Vocabulary vocabulary = job.context().vocabulary();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return lines.hasNext();
            }

            @Override
            public int[] next() {
                return words.tokens(lines.next()).stream().mapToInt(vocabulary::find).filter(id -> id >= 0).toArray();
            }
        };
    }
}
