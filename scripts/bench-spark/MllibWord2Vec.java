import org.apache.spark.ml.feature.Word2Vec;
import org.apache.spark.ml.feature.Word2VecModel;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;

import static org.apache.spark.sql.functions.array_remove;
import static org.apache.spark.sql.functions.asc;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.desc;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.split;

/**
 * Spark MLlib's Word2Vec (skip-gram with hierarchical softmax, the only kind it has) on the lines of a text file
 * split at whitespace, written as word2vec text with the words by descending count as word2vec orders them (the
 * evaluator's top-30,000 restriction reads that order): the baseline of scripts/bench-spark.sh. The master comes
 * from -Dspark.master. Run with the source launcher on the -Pmllib classpath:
 *   java -cp CLASSPATH MllibWord2Vec.java CORPUS OUT.txt DIM WINDOW MIN_COUNT EPOCHS PARTITIONS
 */
public final class MllibWord2Vec {
    public static void main(String[] args) throws Exception {
        if (args.length != 7) {
            throw new IllegalArgumentException("usage: MllibWord2Vec CORPUS OUT.txt DIM WINDOW MIN_COUNT EPOCHS PARTITIONS");
        }
        Path out = Path.of(args[1]);
        int dim = Integer.parseInt(args[2]);
        int partitions = Integer.parseInt(args[6]);
        SparkSession spark = SparkSession.builder().appName("mllib word2vec").getOrCreate();
        try {
            Dataset<Row> sentences = spark.read().textFile(args[0])
                    .select(array_remove(split(col("value"), "\\s+"), "").as("words")).cache();
            long start = System.nanoTime();
            Word2VecModel model = new Word2Vec().setInputCol("words").setVectorSize(dim)
                    .setWindowSize(Integer.parseInt(args[3])).setMinCount(Integer.parseInt(args[4]))
                    .setMaxIter(Integer.parseInt(args[5])).setNumPartitions(partitions).setStepSize(0.025)
                    .setMaxSentenceLength(1000).setSeed(1).fit(sentences);
            double seconds = (System.nanoTime() - start) / 1e9;
            Dataset<Row> counts = sentences.select(explode(col("words")).as("word")).groupBy("word").count();
            List<Row> rows = model.getVectors().join(counts, "word").orderBy(desc("count"), asc("word"))
                    .collectAsList();
            Path temp = Files.createTempFile(out.toAbsolutePath().getParent(), out.getFileName().toString(), ".tmp");
            try (BufferedWriter writer = Files.newBufferedWriter(temp)) {
                writer.write(rows.size() + " " + dim + "\n");
                for (Row row : rows) {
                    StringBuilder line = new StringBuilder(row.getString(0));
                    for (double value : ((Vector) row.getAs("vector")).toArray()) {
                        line.append(' ').append((float) value);
                    }
                    writer.write(line.append('\n').toString());
                }
            }
            Files.move(temp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            System.out.printf(Locale.ROOT, "mllib word2vec: V=%d, d=%d, %d partitions, trained in %.1f s; vectors %s%n",
                    rows.size(), dim, partitions, seconds, out);
        } finally {
            spark.stop();
        }
    }
}
