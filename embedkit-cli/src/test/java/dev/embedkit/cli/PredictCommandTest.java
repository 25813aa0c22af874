package dev.embedkit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.embedkit.io.ModelConfig;
import dev.embedkit.io.ModelDirectory;
import dev.embedkit.simd.Kernels;
import dev.embedkit.tokenize.WordSplitter;
import dev.embedkit.train.nexttoken.Combine;
import dev.embedkit.train.nexttoken.NextTokenModel;
import dev.embedkit.train.nexttoken.NextTokenSettings;
import dev.embedkit.train.nexttoken.NextTokenTrainer;
import dev.embedkit.train.nexttoken.OptimizerKind;
import dev.embedkit.train.nexttoken.SoftmaxMode;
import dev.embedkit.vocab.Vocabulary;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PredictCommandTest {
    @TempDir
    static Path dir;
    static Path model;

    /** A tied model trained on "the king of israel the king of judah …" (k=2, positional), saved as a directory. */
    @BeforeAll
    static void trainModel() {
        Vocabulary vocabulary = Vocabulary.of(List.of("the", "king", "of", "israel"), new long[] {30, 30, 30, 30});
        List<int[]> sentences = new ArrayList<>();
        for (int s = 0; s < 30; s++) {
            sentences.add(new int[] {0, 1, 2, 3, 0, 1, 2, 3});
        }
        NextTokenSettings settings = NextTokenSettings.defaults().withDim(8).withContext(2).withEpochs(30)
                .withBatchSize(8).withCombine(Combine.POSITIONAL).withOptimizer(OptimizerKind.ADAM, 0.05)
                .withSoftmax(SoftmaxMode.FULL, 4);
        model = dir.resolve("next");
        NextTokenTrainer.train(sentences, vocabulary, settings, p -> { }, Kernels.scalar())
                .withSplitter(new WordSplitter(WordSplitter.Mode.PUNCTUATION, true))
                .save(model);
    }

    @Test
    void predictsTheNextTokenThroughTheTiedUnembedding() {
        CliRun run = CliRun.of("predict", model.toString(), "The king", "-k", "2");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("context (k=2): the king", "positional weighting", "V=5");
        String firstRow = run.out().lines().filter(l -> l.trim().startsWith("1 ")).findFirst().orElseThrow();
        assertThat(firstRow).contains("of");
    }

    @Test
    void padsShortTextWithBosAndAnswersJson() throws Exception {
        CliRun run = CliRun.of("predict", model.toString(), "", "--format", "json", "-k", "3", "--temperature", "0.5");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.get("context").toString()).isEqualTo("[\"<bos>\",\"<bos>\"]");
        assertThat(json.get("top").get(0).get("token").asText()).isEqualTo("the");
        assertThat(json.get("top")).hasSize(3);
        assertThat(json.get("positionalWeights")).hasSize(2);
    }

    @Test
    void theModelDirectoryWorksWithTheOtherCommands() {
        assertThat(CliRun.of("info", model.toString()).exitCode()).isZero();
        assertThat(CliRun.of("neighbors", model.toString(), "king").exitCode()).isZero();
        assertThat(CliRun.of("embed", model.toString(), "the king").exitCode()).isZero();
    }

    @Test
    void refusesAModelThatIsNotANextTokenModel() {
        NextTokenModel next = NextTokenModel.load(model);
        Path plain = dir.resolve("plain");
        ModelDirectory.save(next.table(), ModelConfig.forTable(next.table(), next.splitter()), plain);
        CliRun run = CliRun.of("predict", plain.toString(), "the king");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("is not a next-token model");
        assertThat(CliRun.of("predict", model.toString(), "the queen").err()).contains("queen");
    }
}
