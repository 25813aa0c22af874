package dev.embedkit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.embedkit.io.ModelConfig;
import dev.embedkit.io.ModelDirectory;
import dev.embedkit.tokenize.WordSplitter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code embedkit eval} on the five royals of {@link CommandsTest}: one answerable analogy, one OOV, three pairs. */
class EvalCommandTest {
    @TempDir
    static Path dir;
    static Path model;
    static Path questions;
    static Path pairs;

    @BeforeAll
    static void write() throws Exception {
        model = dir.resolve("royals");
        ModelDirectory.save(CommandsTest.TABLE, ModelConfig.forTable(CommandsTest.TABLE,
                new WordSplitter(WordSplitter.Mode.WHITESPACE, false)), model);
        questions = Files.writeString(dir.resolve("questions.txt"),
                ": family\nMan Woman KING queen\nman woman apple pear\n: gram1-test\nwoman man queen king\n");
        pairs = Files.writeString(dir.resolve("pairs.tsv"),
                "# w1\tw2\tscore\nking\tqueen\t8\nman\twoman\t7\napple\tking\t1\npear\tapple\t3\n");
    }

    @Test
    void jsonReportsSectionsTotalsAndCorrelations() throws Exception {
        CliRun run = CliRun.of("eval", model.toString(), "--analogies", questions.toString(),
                "--similarity", pairs.toString(), "--format", "json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(run.out());
        JsonNode analogies = json.get("analogies");
        assertThat(analogies.get("questions").asInt()).isEqualTo(3);
        assertThat(analogies.get("skipped").asInt()).isEqualTo(1);
        assertThat(analogies.get("sections").get(0).get("correct").asInt()).isEqualTo(1);
        assertThat(analogies.get("sections").get(0).get("skipped").asInt()).isEqualTo(1);
        assertThat(analogies.get("semantic").get("asked").asInt()).isEqualTo(1);
        assertThat(analogies.get("syntactic").get("asked").asInt()).isEqualTo(1);
        assertThat(analogies.get("total").get("correct").asInt()).isEqualTo(2);
        JsonNode similarity = json.get("similarity").get(0);
        assertThat(similarity.get("used").asInt()).isEqualTo(3);
        assertThat(similarity.get("skipped").asInt()).isEqualTo(1);
        assertThat(similarity.get("spearman").asDouble()).isBetween(-1.0, 1.0);
    }

    @Test
    void threeCosMulAnswersTheSameQuestions() throws Exception {
        CliRun run = CliRun.of("eval", model.toString(), "--analogies", questions.toString(), "--method", "mul", "--format", "json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode analogies = new ObjectMapper().readTree(run.out()).get("analogies");
        assertThat(analogies.get("method").asText()).isEqualTo("mul");
        assertThat(analogies.get("total").get("correct").asInt()).isEqualTo(2);
        assertThat(new ObjectMapper().readTree(run.out()).get("similarity")).isEmpty();
    }

    @Test
    void textShowsATablePerSectionAndSummaryLines() {
        CliRun run = CliRun.of("eval", model.toString(), "--analogies", questions.toString(), "--similarity", pairs.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("family", "gram1-test", "semantic", "syntactic", "total", "100.00 %",
                "3 questions, 1 skipped", "Spearman ρ", "over 3 pairs; 1 of 4 skipped");
    }

    @Test
    void errorsNameTheProblem() throws Exception {
        CliRun nothing = CliRun.of("eval", model.toString());
        assertThat(nothing.exitCode()).isEqualTo(1);
        assertThat(nothing.err()).contains("nothing to evaluate");

        CliRun missing = CliRun.of("eval", model.toString(), "--analogies", dir.resolve("nope.txt").toString());
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).contains("nope.txt: no such file");

        Path bad = Files.writeString(dir.resolve("bad.txt"), ": family\nman woman king\n");
        CliRun malformed = CliRun.of("eval", model.toString(), "--analogies", bad.toString());
        assertThat(malformed.err()).contains("bad.txt, line 2", "expected 4 words");

        Path oov = Files.writeString(dir.resolve("oov.txt"), ": family\nboy girl son daughter\n");
        CliRun none = CliRun.of("eval", model.toString(), "--analogies", oov.toString());
        assertThat(none.exitCode()).isEqualTo(1);
        assertThat(none.err()).contains("none of the 1 questions");

        CliRun restricted = CliRun.of("eval", model.toString(), "--analogies", questions.toString(), "--restrict", "2");
        assertThat(restricted.exitCode()).isEqualTo(1);
        assertThat(restricted.err()).contains("among the first 2 tokens");
    }
}
