package dev.embedkit.spark.train;

import dev.embedkit.BadInputException;
import dev.embedkit.tokenize.WordSplitter;
import dev.embedkit.train.corpus.CorpusVocabulary;
import dev.embedkit.train.word2vec.Word2VecModel;
import dev.embedkit.train.word2vec.Word2VecSettings;
import dev.embedkit.train.word2vec.Word2VecSettings.Architecture;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * The {@code spark-submit} entry point ({@code embedkit spark-train} prints the line): trains word2vec on the
 * lines of a text file or directory and writes an embedkit model directory on the driver.
 */
@Command(name = "SparkTrainJob", mixinStandardHelpOptions = true,
        description = "Train word2vec (SGNS or CBOW) on Spark and write an embedkit model directory.")
public final class SparkTrainJob implements Callable<Integer> {
    @Option(names = "--input", required = true, description = "Text file or directory, one sentence per line "
            + "(any path Spark reads: hdfs://, s3a://, file:).")
    String input;
    @Option(names = "--output", required = true, description = "Model directory to write (on the driver).")
    Path output;
    @Option(names = "--model", defaultValue = "sgns", description = "sgns or cbow (default ${DEFAULT-VALUE}).")
    String model;
    @Option(names = "--dim", defaultValue = "100")
    int dim;
    @Option(names = "--window", defaultValue = "5")
    int window;
    @Option(names = "--negative", defaultValue = "5")
    int negative;
    @Option(names = "--sample", defaultValue = "1e-3")
    double sample;
    @Option(names = "--min-count", defaultValue = "5")
    long minCount;
    @Option(names = "--max-vocab", defaultValue = "" + Integer.MAX_VALUE)
    int maxVocab;
    @Option(names = "--epochs", defaultValue = "5")
    int epochs;
    @Option(names = "--alpha", description = "Starting learning rate (default 0.025 for sgns, 0.05 for cbow).")
    Double alpha;
    @Option(names = "--seed", defaultValue = "1")
    long seed;
    @Option(names = "--split", defaultValue = "WHITESPACE", description = "whitespace, punctuation or letters_only.")
    WordSplitter.Mode split;
    @Option(names = "--lowercase")
    boolean lowercase;
    @Option(names = "--partitions", description = "Shards training at once (default: Spark's default parallelism).")
    Integer partitions;
    @Option(names = "--rounds", defaultValue = "16",
            description = "Merges per epoch (default ${DEFAULT-VALUE}: with 4, two partitions lost 4 points of analogy "
                    + "on one epoch of the benchmark corpus; see the README).")
    int rounds;
    @Option(names = "--merge", defaultValue = "SUM", description = "sum or mean of the partitions' deltas per row "
            + "(default ${DEFAULT-VALUE}).")
    DeltaMerge merge;

    public static void main(String[] args) {
        int code = new CommandLine(new SparkTrainJob()).setCaseInsensitiveEnumValuesAllowed(true).execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    @Override
    public Integer call() {
        Architecture architecture = switch (model) {
            case "sgns" -> Architecture.SKIP_GRAM;
            case "cbow" -> Architecture.CBOW;
            default -> throw new BadInputException("--model must be sgns or cbow, got " + model);
        };
        Word2VecSettings settings = new Word2VecSettings(architecture, dim, window, negative, sample, minCount, maxVocab,
                epochs, 1, alpha != null ? alpha : Word2VecSettings.defaultAlpha(architecture), seed, false);
        SparkSession spark = SparkSession.builder().appName("embedkit spark-train").getOrCreate();
        try {
            Dataset<String> text = spark.read().textFile(input);
            int shards = partitions != null ? partitions : spark.sparkContext().defaultParallelism();
            DistributedWord2Vec trainer = new DistributedWord2Vec(settings, new WordSplitter(split, lowercase), shards,
                    rounds, merge);
            Word2VecModel trained = trainer.train(text, input);
            trained.save(output);
            System.out.printf("trained %,d words × %d epochs on %d partitions in %.1f s; %,d MB of deltas; model %s%n",
                    CorpusVocabulary.trainWords(trained.vocabulary()), epochs, shards, trained.seconds(),
                    trainer.bytesReceived() >> 20, output);
        } finally {
            spark.stop();
        }
        return 0;
    }
}
