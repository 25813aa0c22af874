package dev.embedkit.spark;

import dev.embedkit.BadInputException;
import dev.embedkit.vocab.Vocabulary;
import dev.embedkit.vocab.VocabularyBuilder;
import org.apache.spark.sql.Dataset;
import scala.Tuple2;

import java.util.List;

/**
 * The vocabulary pass on a cluster: executors count tokens, a reduce sums the counts per token, and the driver
 * receives only the tokens seen at least min-count times, which it sorts exactly as {@link VocabularyBuilder} does,
 * so the result equals the single-machine vocabulary of the same text.
 */
public final class DistributedVocabulary {
    private DistributedVocabulary() {
    }

    /** Counts the tokens of every line of {@code text}; keeps those seen min-count times, at most max-size of them. */
    public static Vocabulary build(Dataset<String> text, TokenSource tokens, long minCount, int maxSize) {
        VocabularyBuilder builder = new VocabularyBuilder().minCount(minCount).maxSize(maxSize);
        List<Tuple2<String, Long>> counts = text.javaRDD()
                .flatMap(line -> tokens.tokens(line).iterator())
                .mapToPair(token -> new Tuple2<>(token, 1L))
                .reduceByKey(Long::sum)
                .filter(count -> count._2() >= minCount)
                .collect();
        if (counts.isEmpty()) {
            throw new BadInputException("no token of the text occurs at least min-count=" + minCount
                    + " times; lower --min-count");
        }
        for (Tuple2<String, Long> count : counts) {
            builder.add(count._1(), count._2());
        }
        return builder.build();
    }
}
