package dev.embedkit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.embedkit.embed.EmbeddingTable;
import dev.embedkit.io.ModelConfig;
import dev.embedkit.io.ModelDirectory;
import dev.embedkit.server.EmbeddingServer;
import dev.embedkit.server.Limits;
import dev.embedkit.tensor.HeapMatrix;
import dev.embedkit.tokenize.WordSplitter;
import dev.embedkit.vocab.Vocabulary;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class TourCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static Path model;

    /** d = 3: unit rows with queen − king = woman − man exactly (planted), and a −0.0 in 'said'. */
    @BeforeAll
    static void writeModel() {
        EmbeddingTable table = new EmbeddingTable(
                Vocabulary.of(List.of("the", "man", "woman", "king", "queen", "said")),
                HeapMatrix.of(new float[][] {
                        {0.6f, 0, 0.8f},
                        {1, 0, 0},
                        {0, 1, 0},
                        {0.5f, -0.5f, 0.70710677f},
                        {-0.5f, 0.5f, 0.70710677f},
                        {-0f, 0.6f, -0.8f}}));
        model = dir.resolve("planted");
        ModelDirectory.save(table, ModelConfig.forTable(table, new WordSplitter(WordSplitter.Mode.PUNCTUATION, true)), model);
    }

    private static final List<String> SETTINGS = List.of("--pairs", "man:woman,king:queen,boy:girl", "--id", "5",
            "--samples", "200", "--text", "the king said");

    private static JsonNode tourJson(Path plots) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("tour", model.toString(), "--format", "json", "-o",
                plots.toString()));
        args.addAll(SETTINGS);
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.err()).isZero();
        return JSON.readTree(run.out());
    }

    @Test
    void everyStepReportsItsNumbersAsJsonAndWritesItsPlot() throws Exception {
        Path plots = dir.resolve("plots");
        JsonNode tour = tourJson(plots);
        assertThat(tour.at("/ids/adjacent/count").asInt()).isEqualTo(5); // all V − 1 adjacent pairs
        assertThat(tour.at("/ids/random/count").asInt()).isEqualTo(200);
        assertThat(tour.at("/lookup/lookup_bit_identical").asBoolean()).isTrue();
        assertThat(tour.at("/lookup/one_hot_differing_bits").asInt()).isEqualTo(1); // the −0.0 of 'said'
        assertThat(tour.at("/lookup/one_hot_multiply_adds").asLong()).isEqualTo(18);
        assertThat(tour.at("/directions/mean_offset_cosine").asDouble()).isCloseTo(1.0, within(1e-6));
        assertThat(tour.at("/directions/skipped/0").asText()).isEqualTo("boy:girl");
        assertThat(tour.at("/directions/projections/0/value").asDouble()).isCloseTo(-Math.sqrt(0.5), within(1e-6));
        assertThat(tour.at("/tensor/ids").toString()).isEqualTo("[0,3,5]");
        assertThat(tour.at("/tensor/shape").toString()).isEqualTo("[3,3]");
        // king − man + woman = queen exactly here, so queen leads the lineup at every temperature
        assertThat(tour.at("/lineup/expression").asText()).isEqualTo("king - man + woman");
        assertThat(tour.at("/lineup/temperatures/1/top/0/token").asText()).isEqualTo("queen");
        assertThat(tour.at("/lineup/temperatures/0/top/0/probability").asDouble())
                .isGreaterThan(tour.at("/lineup/temperatures/2/top/0/probability").asDouble());
        assertThat(tour.at("/duplicates/queried").asInt()).isEqualTo(6);
        assertThat(tour.at("/duplicates/closest_pairs/0/cosine").asDouble()).isLessThan(1.0);
        assertThat(tour.at("/space/rows")).hasSize(6);
        assertThat(tour.at("/space/rows/4/dim").asInt()).isEqualTo(4096);
        assertThat(tour.at("/space/rows/4/cosines/sd").asDouble()).isCloseTo(1 / Math.sqrt(4096), within(0.002));
        for (String plot : List.of("1-ids.png", "3-directions.png", "6-lineup.png", "7-duplicates.png", "8-space.png")) {
            assertThat(plots.resolve(plot)).isNotEmptyFile();
        }
    }

    /** The explorer's guided view asks the server, which runs the same Tour: every untimed number agrees. */
    @Test
    void theCliAndTheServersTourEndpointGiveTheSameNumbers() throws Exception {
        JsonNode cli = tourJson(dir.resolve("agree"));
        EmbeddingServer server = new EmbeddingServer("127.0.0.1", 0, Limits.DEFAULT,
                List.of(ServeCommand.open("planted=" + model, new TokenizerOptions())), null).start();
        try (HttpClient http = HttpClient.newHttpClient()) {
            String query = "&pairs=man:woman,king:queen,boy:girl&id=5&samples=200&text="
                    + URLEncoder.encode("the king said", StandardCharsets.UTF_8);
            for (String step : List.of("ids", "directions", "tensor", "lineup", "duplicates", "space")) {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(
                        server.url() + "/api/v1/models/planted/tour?step=" + step + query)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                assertThat(JSON.readTree(response.body()).get("result")).as(step).isEqualTo(cli.get(step));
            }
        } finally {
            server.close();
        }
    }

    /** "a x" and "b y" alternate: a and b are used differently, so tying them costs loss. */
    private static Path abCorpus() throws Exception {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            lines.append(i % 2 == 0 ? "a x\n" : "b y\n");
        }
        return java.nio.file.Files.writeString(dir.resolve("ab.txt"), lines);
    }

    @Test
    void theDuplicatesStepTiesTwoTokensOnACorpusAndTheServerRunsTheSameExperiment() throws Exception {
        Path corpus = abCorpus();
        CliRun run = CliRun.of("tour", model.toString(), "duplicates", "--format", "json", "-o",
                dir.resolve("tie").toString(), "--corpus", corpus.toString(), "--tie", "a:b", "--tie-steps", "5");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode tie = JSON.readTree(run.out()).at("/duplicates/tie");
        assertThat(tie.get("a").asText()).isEqualTo("a");
        assertThat(tie.get("tie_steps").asInt()).isEqualTo(5);
        assertThat(tie.get("total_steps").asInt()).isEqualTo(10); // 2 × 5 steps × 256 positions = 1,280 lines
        for (JsonNode point : tie.get("tied")) {
            if (point.get("step").asInt() <= 5) {
                assertThat(point.get("cosine").asDouble()).isCloseTo(1.0, within(1e-6));
            }
        }
        assertThat(tie.get("tied").get(10).get("cosine").asDouble()).isLessThan(1.0 - 1e-6); // released
        assertThat(tie.get("loss_rise").asDouble()).isPositive();
        assertThat(dir.resolve("tie/7-duplicates-tie.png")).isNotEmptyFile();

        EmbeddingServer server = new EmbeddingServer("127.0.0.1", 0, Limits.DEFAULT,
                List.of(ServeCommand.open("planted=" + model, new TokenizerOptions())), null,
                TourCorpus.open(corpus.toString())).start();
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(
                    server.url() + "/api/v1/models/planted/tour?step=duplicates&tie=a:b&tie_steps=5")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(JSON.readTree(response.body()).at("/result/tie")).isEqualTo(tie);
        } finally {
            server.close();
        }
        CliRun missing = CliRun.of("tour", model.toString(), "duplicates", "-o", dir.resolve("tie").toString(),
                "--corpus", corpus.toString(), "--tie", "a:zebra", "--tie-steps", "5");
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).contains("tie: 'zebra' is not in the vocabulary of " + corpus);
    }

    @Test
    void oneStepRunsAloneAndBadPairsAreRefused() {
        CliRun run = CliRun.of("tour", model.toString(), "lookup", "-o", dir.resolve("alone").toString(), "--id", "1");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("2. Lookup is indexing", "ID 1 'man': lookup(1) equals row 1 of E bit for bit: yes")
                .doesNotContain("1. IDs carry no meaning");
        CliRun bad = CliRun.of("tour", model.toString(), "directions", "-o", dir.resolve("bad").toString(), "--pairs", "man");
        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(bad.err()).contains("pairs entry 'man' is not of the form A:B");
    }
}
