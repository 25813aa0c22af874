package dev.embedkit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.embedkit.embed.EmbeddingTable;
import dev.embedkit.io.EmbeddingFiles;
import dev.embedkit.io.ModelConfig;
import dev.embedkit.io.ModelDirectory;
import dev.embedkit.io.NpyFormat;
import dev.embedkit.tensor.HeapMatrix;
import dev.embedkit.tokenize.WordSplitter;
import dev.embedkit.vocab.Vocabulary;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class CommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static Path model;
    // (vocab_size=5, dim=3): x is "royalty", y is "gender", z separates apple from the people
    static final EmbeddingTable TABLE = new EmbeddingTable(
            Vocabulary.of(List.of("king", "queen", "man", "woman", "apple")),
            HeapMatrix.of(new float[][] {{1, 1, 0}, {1, -1, 0}, {0, 1, 0.1f}, {0, -1, 0.1f}, {0, 0, 1}}));

    @BeforeAll
    static void writeModel() {
        model = dir.resolve("royals");
        ModelDirectory.save(TABLE, ModelConfig.forTable(TABLE, new WordSplitter(WordSplitter.Mode.PUNCTUATION, true)), model);
    }

    private static JsonNode json(CliRun run) throws Exception {
        assertThat(run.exitCode()).as(run.err()).isZero();
        return JSON.readTree(run.out());
    }

    @Test
    void helpListsEverySubcommandAndVersionPrintsIt() {
        CliRun help = CliRun.of("--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("quickstart", "info", "tokenize", "embed", "neighbors", "analogy", "eval", "unembed",
                "predict", "convert", "train");
        assertThat(CliRun.of("--version").out()).startsWith("embedkit 0.1.0");
    }

    @Test
    void infoReportsFormatShapeAndTokens() throws Exception {
        JsonNode info = json(CliRun.of("info", model.toString(), "--format", "json"));
        assertThat(info.get("format").asText()).isEqualTo("model");
        assertThat(info.get("vocab_size").asInt()).isEqualTo(5);
        assertThat(info.get("dim").asInt()).isEqualTo(3);
        assertThat(info.get("dtype").asText()).isEqualTo("F32");
        assertThat(info.get("first_tokens").get(1).get("token").asText()).isEqualTo("queen");
        assertThat(CliRun.of("info", model.toString()).out()).contains("V=5 tokens × d=3");
    }

    @Test
    void tokenizeUsesTheModelsSplitter() throws Exception {
        JsonNode result = json(CliRun.of("tokenize", model.toString(), "King WOMAN", "--format", "json"));
        assertThat(result.get("tokens").toString()).isEqualTo("[\"king\",\"woman\"]");
        assertThat(result.get("ids").toString()).isEqualTo("[0,3]");
        // the model splits punctuation off, so "," is a token of its own, and not in this vocabulary
        assertThat(CliRun.of("tokenize", model.toString(), "king,").err()).contains("unknown token ','");
        // overriding the splitter keeps "king," whole
        assertThat(CliRun.of("tokenize", model.toString(), "king,", "--split", "whitespace").err()).contains("unknown token 'king,'");
    }

    @Test
    void embedShowsEachRowAndTheStackedMatrix() throws Exception {
        JsonNode result = json(CliRun.of("embed", model.toString(), "Queen apple queen", "--format", "json"));
        assertThat(result.get("ids").toString()).isEqualTo("[1,4,1]");
        assertThat(result.get("shape").toString()).isEqualTo("[3,3]");
        assertThat(result.get("matrix").toString()).isEqualTo("[[1.0,-1.0,0.0],[0.0,0.0,1.0],[1.0,-1.0,0.0]]");

        String text = CliRun.of("embed", model.toString(), "king man").out();
        assertThat(text).contains("E[0] king", "E[2] man", "X = 2×3 matrix");

        String csv = CliRun.of("embed", model.toString(), "woman", "--format", "csv").out();
        assertThat(csv).isEqualTo("position,id,token,d0,d1,d2\n0,3,woman,0.0,-1.0,0.1\n");
    }

    @Test
    void embedWritesTheStackedMatrixAsNpy() {
        Path npy = dir.resolve("x.npy");
        CliRun run = CliRun.of("embed", model.toString(), "king apple", "--format", "npy", "-o", npy.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        HeapMatrix read = NpyFormat.read(npy).toHeap();
        assertThat(read).isEqualTo(HeapMatrix.of(new float[][] {{1, 1, 0}, {0, 0, 1}}));
    }

    @Test
    void neighborsRankByCosine() throws Exception {
        JsonNode result = json(CliRun.of("neighbors", model.toString(), "king", "apple", "-k", "2", "--format", "json"));
        JsonNode king = result.get(0).get("neighbors");
        // cos(king, man) = 1/(√2·√1.01) ≈ 0.7036 beats queen (0) and apple (0)
        assertThat(king.get(0).get("token").asText()).isEqualTo("man");
        assertThat(king.get(0).get("score").asDouble()).isCloseTo(1 / (Math.sqrt(2) * Math.sqrt(1.01)), within(1e-6));
        assertThat(result.get(1).get("neighbors").get(0).get("token").asText()).isIn("man", "woman");
    }

    @Test
    void approximateNeighborsAnswerAsExactOnesAndSaySo() throws Exception {
        JsonNode exact = json(CliRun.of("neighbors", model.toString(), "king", "apple", "-k", "3", "--format", "json"));
        JsonNode approximate = json(CliRun.of("neighbors", model.toString(), "king", "apple", "-k", "3", "--approximate",
                "--ef", "4", "--format", "json"));
        assertThat(approximate.get(0).get("search").asText()).isEqualTo("approximate (HNSW: M=16, beam width 100, ef=4)");
        assertThat(exact.get(0).get("search").asText()).isEqualTo("exact");
        for (int q = 0; q < 2; q++) {
            assertThat(approximate.get(q).get("neighbors").findValuesAsText("token"))
                    .hasSize(3).isEqualTo(exact.get(q).get("neighbors").findValuesAsText("token"));
        }
        CliRun text = CliRun.of("neighbors", model.toString(), "king", "-k", "1", "--approximate");
        assertThat(text.out()).startsWith("nearest to 'king' (ID 0), cosine similarity, approximate (HNSW: M=16, "
                + "beam width 100, ef=100):\n    1  man");
        CliRun wrong = CliRun.of("neighbors", model.toString(), "king", "--ef", "5");
        assertThat(wrong.exitCode()).isEqualTo(1);
        assertThat(wrong.err()).contains("--ef, --hnsw-m and --beam-width need --approximate");
    }

    @Test
    void analogyAnswersQueenBothWays() throws Exception {
        JsonNode three = json(CliRun.of("analogy", model.toString(), "man", "king", "woman", "--format", "json"));
        assertThat(three.get("answers").get(0).get("token").asText()).isEqualTo("queen");
        assertThat(three.get("expression").asText()).isEqualTo("king − man + woman");

        JsonNode expr = json(CliRun.of("analogy", model.toString(), "king - man + woman", "--method", "mul", "--format", "json"));
        assertThat(expr.get("answers").get(0).get("token").asText()).isEqualTo("queen");
    }

    @Test
    void unembedScoresEveryRowWithSoftmax() throws Exception {
        JsonNode result = json(CliRun.of("unembed", model.toString(), "--token", "king", "-k", "2", "--format", "json"));
        JsonNode top = result.get("top");
        // logits of h = king = (1,1,0): [2, 0, 1, -1, 0]
        double z = Math.exp(2) + 1 + Math.exp(1) + Math.exp(-1) + 1;
        assertThat(top.get(0).get("token").asText()).isEqualTo("king");
        assertThat(top.get(0).get("logit").asDouble()).isEqualTo(2.0);
        assertThat(top.get(0).get("probability").asDouble()).isCloseTo(Math.exp(2) / z, within(1e-6));
        assertThat(top.get(1).get("token").asText()).isEqualTo("man");
        assertThat(top.get(1).get("probability").asDouble()).isCloseTo(Math.exp(1) / z, within(1e-6));

        JsonNode vector = json(CliRun.of("unembed", model.toString(), "--vector", "0,0,2", "-k", "1", "-t", "0.5", "--format", "json"));
        assertThat(vector.get("top").get(0).get("token").asText()).isEqualTo("apple");
    }

    @Test
    void convertRoundTripsThroughWord2VecBinaryExactly() throws Exception {
        Path bin = dir.resolve("royals.bin");
        Path back = dir.resolve("royals-back");
        assertThat(CliRun.of("convert", model.toString(), bin.toString()).exitCode()).isZero();
        assertThat(CliRun.of("convert", bin.toString(), back.toString()).exitCode()).isZero();
        EmbeddingTable read = EmbeddingFiles.load(back);
        assertThat(read.vocabulary().tokens()).isEqualTo(TABLE.vocabulary().tokens());
        assertThat(read.weights().toHeap()).isEqualTo(TABLE.weights());

        Path glove = dir.resolve("royals.glove.txt");
        assertThat(CliRun.of("convert", model.toString(), glove.toString(), "--to", "glove").exitCode()).isZero();
        assertThat(Files.readAllLines(glove).getFirst()).startsWith("king 1.0 1.0 0.0");
    }

    @Test
    void errorsAreOneClearLineAndExitCodeOne() {
        CliRun unknown = CliRun.of("embed", model.toString(), "king zebra");
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err()).isEqualTo("error: unknown token 'zebra': it is not in the vocabulary\n");

        CliRun missing = CliRun.of("info", dir.resolve("nope.bin").toString());
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).contains("nope.bin").doesNotContain("Exception\n\tat");

        CliRun wrongDim = CliRun.of("unembed", model.toString(), "--vector", "1,2");
        assertThat(wrongDim.err()).contains("--vector has 2 values").contains("d=3");
    }

    @Test
    void quickstartWalksThePipelineLearnsAndSavesModelsTheOtherCommandsOpen() throws Exception {
        Path out = dir.resolve("qs");
        Path next = dir.resolve("qs-next");
        CliRun run = CliRun.of("quickstart", "-o", out.toString(), "--next-token-output", next.toString(), "--dim", "8",
                "--epochs", "1");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("31,102 lines", "1. tokenize  let | there | be | light", "4. stack     X: 4×8",
                "5. unembed", "6. learn", "7. meaning", "god        before:", "after:", "8. analogy   he : his :: she : ?",
                "9. predict", "\"the children of\" → ");
        Matcher perplexity = Pattern.compile("held-out perplexity ([0-9.]+) .* → ([0-9.]+) after epoch 1").matcher(run.out());
        assertThat(perplexity.find()).as(run.out()).isTrue();
        assertThat(Double.parseDouble(perplexity.group(2))).isLessThan(Double.parseDouble(perplexity.group(1)));

        JsonNode info = json(CliRun.of("info", out.toString(), "--format", "json"));
        assertThat(info.get("vocab_size").asInt()).isEqualTo(5288); // words seen at least 5 times
        assertThat(info.get("dim").asInt()).isEqualTo(8);
        assertThat(CliRun.of("neighbors", out.toString(), "light").exitCode()).isZero();
        CliRun predict = CliRun.of("predict", next.toString(), "and god said", "--format", "json");
        assertThat(predict.exitCode()).as(predict.err()).isZero();
        assertThat(json(predict).get("context").toString()).isEqualTo("[\"and\",\"god\",\"said\"]");
    }
}
