package dev.embedkit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.embedkit.embed.Cosine;
import dev.embedkit.io.EmbeddingFiles;
import dev.embedkit.io.ModelDirectory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class TrainCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static Path corpus;

    @BeforeAll
    static void writeCorpus() throws Exception {
        corpus = TopicCorpus.write(dir.resolve("corpus.txt"));
    }

    @Test
    void nextTokenTrainsATiedModelThatPredictsWithALogOfHeldOutPerplexity() throws Exception {
        Path model = dir.resolve("next-token-model");
        Path log = dir.resolve("next-token.jsonl");
        CliRun run = CliRun.of("train", corpus.toString(), "-o", model.toString(), "--model", "next-token", "--dim", "8",
                "--context", "2", "--min-count", "1", "--epochs", "3", "--softmax", "full", "--alpha", "0.01",
                "--log", log.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("V=11 (+<bos>), d=8, k=2, positional, adam", "epoch 0/3  untrained", "epoch 3/3");
        assertThat(run.out()).contains("model → " + model);

        List<JsonNode> reports = new ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            reports.add(JSON.readTree(line));
        }
        assertThat(reports).hasSize(4);
        assertThat(reports.getFirst().get("loss").isNull()).isTrue(); // nothing trained before epoch 1
        double untrained = reports.getFirst().get("perplexity").asDouble();
        double trained = reports.getLast().get("perplexity").asDouble();
        // two topics of five words each: a context names its topic, so about 5 candidates remain out of 10
        assertThat(trained).isLessThan(untrained).isLessThan(7);
        assertThat(reports.getLast().get("softmax").asText()).isEqualTo("full");

        JsonNode config = JSON.readTree(model.resolve("config.json").toFile());
        assertThat(config.get("model").asText()).isEqualTo("next-token");
        assertThat(config.at("/training/context").asInt()).isEqualTo(2);
        JsonNode prediction = JSON.readTree(CliRun.of("predict", model.toString(), "cat dog", "--format", "json", "-k", "5").out());
        List<String> top = new ArrayList<>();
        prediction.get("top").forEach(t -> top.add(t.get("token").asText()));
        assertThat(top).containsExactlyInAnyOrder("cat", "dog", "pet", "fur", "paw");
    }

    @Test
    void word2vecSpellingsTrainAModelWithItsSettingsALogAndABinaryCopy() throws Exception {
        Path model = dir.resolve("cbow-model");
        Path log = dir.resolve("train.jsonl");
        Path binary = dir.resolve("vectors.bin");
        CliRun run = CliRun.of("train", corpus.toString(), "-o", model.toString(), "-cbow", "1", "-size", "12",
                "-window", "2", "-negative", "3", "-sample", "0", "-min-count", "1", "-iter", "2", "-threads", "1",
                "-alpha", "0.04", "--log", log.toString(), "--save-word2vec", binary.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("cbow on", "V=10, d=12", "12,000 words");

        ModelDirectory saved = ModelDirectory.open(model);
        JsonNode config = JSON.readTree(model.resolve("config.json").toFile());
        assertThat(config.at("/training/model").asText()).isEqualTo("cbow");
        assertThat(config.at("/training/alpha").asDouble()).isEqualTo(0.04);
        assertThat(config.at("/training/window").asInt()).isEqualTo(2);
        assertThat(EmbeddingFiles.load(binary).lookup("cat")).containsExactly(saved.table().lookup("cat"));

        List<String> lines = Files.readAllLines(log);
        assertThat(lines).isNotEmpty();
        JsonNode last = JSON.readTree(lines.getLast());
        assertThat(last.get("words").asLong()).isEqualTo(12_000);
        assertThat(last.get("epoch").asInt()).isEqualTo(2);
        for (String key : List.of("step", "loss", "lr", "words_per_sec", "time_s")) {
            assertThat(last.has(key)).as(key).isTrue();
        }
    }

    @Test
    void aRunWithCheckpointsCanBeResumed() {
        Path model = dir.resolve("resumed-model");
        Path checkpoints = dir.resolve("checkpoints");
        CliRun first = CliRun.of("train", corpus.toString(), "-o", model.toString(), "--dim", "8", "--min-count", "1",
                "--epochs", "3", "--threads", "1", "--checkpoint-every", "10000", "--checkpoint-dir", checkpoints.toString());
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(checkpoints.resolve("latest")).exists();
        CliRun resumed = CliRun.of("train", "--resume", checkpoints.toString(), "-o", model.toString(), "--overwrite");
        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        assertThat(resumed.out()).contains("sgns on " + corpus, "V=10, d=8");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sgns", "cbow"})
    void hogbatchTrainsBothModelsAndRecordsTheSetting(String kind) throws Exception {
        Path model = dir.resolve("hogbatch-" + kind);
        CliRun run = CliRun.of("train", corpus.toString(), "-o", model.toString(), "--model", kind, "--hogbatch",
                "--dim", "8", "--window", "3", "--min-count", "1", "--sample", "0", "--epochs", "5", "--threads", "1");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains(kind + " (hogbatch) on " + corpus, "V=10, d=8");
        assertThat(JSON.readTree(model.resolve("config.json").toFile()).at("/training/hogbatch").asBoolean()).isTrue();
        ModelDirectory saved = ModelDirectory.open(model);
        float[] cat = saved.table().lookup("cat");
        assertThat(Cosine.between(cat, saved.table().lookup("dog")))
                .isGreaterThan(Cosine.between(cat, saved.table().lookup("car")) + 0.3);
    }

    @Test
    void theGensimScheduleIsRecordedAndNamed() throws Exception {
        Path model = dir.resolve("gensim-schedule");
        CliRun run = CliRun.of("train", corpus.toString(), "-o", model.toString(), "--model", "cbow",
                "--alpha-schedule", "gensim-corpus-file", "--dim", "8", "--min-count", "1", "--epochs", "2",
                "--threads", "2");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("cbow (alpha gensim-corpus-file) on " + corpus);
        assertThat(JSON.readTree(model.resolve("config.json").toFile()).at("/training/alpha_schedule").asText())
                .isEqualTo("gensim-corpus-file");
        assertRefused("alpha schedule 'cosine' is not one of [linear, gensim-corpus-file]", "train", corpus.toString(),
                "-o", dir.resolve("never-cosine").toString(), "--alpha-schedule", "cosine");
    }

    @Test
    void hogbatchDoesNotApplyToNextToken() {
        assertRefused("--hogbatch does not apply to --model next-token", "train", corpus.toString(), "-o",
                dir.resolve("never-next").toString(), "--model", "next-token", "--hogbatch");
    }

    private static void assertRefused(String message, String... args) {
        CliRun run = CliRun.of(args);
        assertThat(run.exitCode()).as(String.join(" ", args)).isNotZero();
        assertThat(run.err()).contains(message);
    }

    @Test
    void badInputIsRefusedWithAClearMessageBeforeAnyWork() throws Exception {
        String out = dir.resolve("never").toString();
        String c = corpus.toString();
        assertRefused("does not exist", "train", dir.resolve("missing.txt").toString(), "-o", out);
        Path empty = Files.createFile(dir.resolve("empty.txt"));
        assertRefused("is empty", "train", empty.toString(), "-o", out);
        assertRefused("occurs at least min-count=100000 times", "train", c, "-o", out, "--min-count", "100000");
        assertRefused("dim must be at least 1", "train", c, "-o", out, "--dim", "0");
        assertRefused("window must be at least 1", "train", c, "-o", out, "-window", "0");
        assertRefused("negative must be 0 or more", "train", c, "-o", out, "--negative", "-1");
        assertRefused("epochs must be at least 1", "train", c, "-o", out, "-iter", "0");
        assertRefused("threads must be between 1 and", "train", c, "-o", out, "--threads", "100000");
        assertRefused("alpha must be a positive", "train", c, "-o", out, "--alpha", "0");
        assertRefused("-cbow takes 0 (skip-gram) or 1 (CBOW)", "train", c, "-o", out, "-cbow", "2");
        assertRefused("must end in .bin (binary) or .txt", "train", c, "-o", out, "--save-word2vec", "x.vec");
        assertRefused("--window does not apply to --model next-token", "train", c, "-o", out, "--model", "next-token",
                "--window", "3");
        assertRefused("--context does not apply to --model sgns", "train", c, "-o", out, "--context", "2");
        assertRefused("--softmax banana is not one of [full, sampled, auto]", "train", c, "-o", out, "--model",
                "next-token", "--softmax", "banana");
        assertRefused("held-out fraction must be in [0, 1)", "train", c, "-o", out, "--model", "next-token",
                "--held-out", "1");
        assertThat(dir.resolve("never")).doesNotExist();

        Path existing = dir.resolve("existing");
        CliRun first = CliRun.of("train", c, "-o", existing.toString(), "--dim", "4", "--min-count", "1", "--epochs", "1");
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertRefused("already holds a model; pass --overwrite", "train", c, "-o", existing.toString());
        // an --overwrite killed between its two renames left the model hidden beside its name: it is put back, and
        // so still protected
        Process killed = new ProcessBuilder("true").start();
        killed.waitFor();
        Path aside = dir.resolve(".existing.old-" + killed.pid() + "-" + UUID.randomUUID());
        Files.move(existing, aside);
        assertRefused("already holds a model; pass --overwrite", "train", c, "-o", existing.toString());
        assertThat(aside).doesNotExist();
        assertThat(ModelDirectory.open(existing).config().dim()).isEqualTo(4);
        Path unrelated = Files.createDirectories(dir.resolve("photos"));
        Files.writeString(unrelated.resolve("holiday.jpg"), "not a model");
        assertRefused("not empty and not a model directory", "train", c, "-o", unrelated.toString(), "--overwrite");
    }
}
