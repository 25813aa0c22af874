package dev.embedkit.spark;

import dev.embedkit.BadInputException;
import dev.embedkit.tokenize.WordSplitter;
import dev.embedkit.tokenize.hf.ByteLevelBpeJson;
import dev.embedkit.train.tokenizer.BpeTrainer;
import dev.embedkit.train.corpus.Corpus;
import dev.embedkit.train.corpus.CorpusVocabulary;
import dev.embedkit.vocab.Vocabulary;
import dev.embedkit.vocab.VocabularyBuilder;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Set;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DistributedVocabularyTest {
    private static final WordSplitter SPLITTER = new WordSplitter(WordSplitter.Mode.PUNCTUATION, true);

    /** Zipf-like text with many ties in count, so the tie-break order is tested too. */
    static List<String> zipfLines(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            StringBuilder line = new StringBuilder();
            for (int w = 0; w < 12; w++) {
                int rank = (int) Math.floor(Math.pow(400, random.nextDouble()));
                line.append(w == 0 ? "" : " ").append(rank % 3 == 0 ? "Word" : "word").append(rank)
                        .append(rank % 7 == 0 ? "," : "");
            }
            lines.add(line.toString());
        }
        return lines;
    }

    private static Dataset<String> dataset(List<String> lines) {
        return LocalSpark.session().createDataset(lines, Encoders.STRING()).repartition(3);
    }

    @Test
    void theDistributedCountEqualsTheSingleMachineVocabulary() {
        List<String> lines = zipfLines(3000, 5);
        for (long minCount : new long[] {1, 5}) {
            for (int maxSize : new int[] {Integer.MAX_VALUE, 50}) {
                Vocabulary single = CorpusVocabulary.build(Corpus.ofLines("zipf", lines), SPLITTER, minCount, maxSize)
                        .vocabulary();
                Vocabulary distributed = DistributedVocabulary.build(dataset(lines), TokenSource.words(SPLITTER),
                        minCount, maxSize);
                assertThat(distributed.tokens()).as("min-count %d, max-size %d", minCount, maxSize)
                        .isEqualTo(single.tokens());
                assertThat(counts(distributed)).isEqualTo(counts(single));
            }
        }
    }

    @Test
    void subwordTokensAreCountedLikeASingleMachineWould(@TempDir Path dir) {
        List<String> lines = zipfLines(300, 9);
        BpeTrainer.Result bpe = BpeTrainer.train(Corpus.ofLines("zipf", lines), 300, 2);
        Path tokenizer = dir.resolve("tokenizer.json");
        ByteLevelBpeJson.write(tokenizer, bpe.vocab(), bpe.merges(), Set.of());
        TokenSource subwords = TokenSource.subwords(tokenizer.toString());
        Vocabulary distributed = DistributedVocabulary.build(dataset(lines), subwords, 2, Integer.MAX_VALUE);
        Vocabulary single = singleMachine(lines, subwords, 2);
        assertThat(distributed.tokens()).isEqualTo(single.tokens()).hasSizeGreaterThan(10);
        assertThat(counts(distributed)).isEqualTo(counts(single));
    }

    @Test
    void aHandCountedTextGivesItsCountsInWord2VecOrder() {
        Vocabulary vocabulary = DistributedVocabulary.build(dataset(List.of("b a c", "a b", "a d d")),
                TokenSource.words(SPLITTER), 2, 10);
        // a: 3; b, d: 2 each, tie broken by the token; c: once, below min-count.
        assertThat(vocabulary.tokens()).containsExactly("a", "b", "d");
        assertThat(counts(vocabulary)).containsExactly(3, 2, 2);
    }

    @Test
    void textWithNoFrequentEnoughTokenIsAClearError() {
        assertThatThrownBy(() -> DistributedVocabulary.build(dataset(List.of("a b c")), TokenSource.words(SPLITTER),
                2, 10)).isInstanceOf(BadInputException.class).hasMessageContaining("min-count=2");
    }

    private static long[] counts(Vocabulary vocabulary) {
        return LongStream.range(0, vocabulary.size()).map(id -> vocabulary.count((int) id)).toArray();
    }

    private static Vocabulary singleMachine(List<String> lines, TokenSource tokens, long minCount) {
        VocabularyBuilder builder = new VocabularyBuilder().minCount(minCount);
        lines.forEach(line -> builder.addAll(tokens.tokens(line)));
        return builder.build();
    }
}
