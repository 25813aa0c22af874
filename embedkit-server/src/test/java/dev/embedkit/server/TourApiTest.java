package dev.embedkit.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** GET /models/{model}/tour on royals.vec (king = (1, 1, 0), queen = (1, −1, 0), man = (0, 1, .1), …). */
class TourApiTest {
    private static final String TOUR = "/api/v1/models/royals/tour?step=";

    @TempDir
    Path dir;

    private static JsonNode ok(TestServer server, String path) {
        TestServer.Response response = server.get(path);
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        return response.json();
    }

    private static JsonNode problem(TestServer server, String path, String field) {
        TestServer.Response response = server.get(path);
        assertThat(response.status()).as(response.text()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.get("type").asText()).endsWith("invalid-field");
        assertThat(problem.get("field").asText()).isEqualTo(field);
        return problem;
    }

    @Test
    void eachStepAnswersWithItsNumberTitleSettingsAndResult() {
        try (TestServer server = new TestServer(dir)) {
            JsonNode lookup = ok(server, TOUR + "lookup&id=5");
            assertThat(lookup.get("number").intValue()).isEqualTo(2);
            assertThat(lookup.get("title").asText()).isEqualTo("Lookup is indexing");
            assertThat(lookup.at("/settings/samples").intValue()).isEqualTo(5000);
            assertThat(lookup.at("/result/token").asText()).isEqualTo("apple");
            assertThat(lookup.at("/result/row").toString()).isEqualTo("[0.0,0.0,1.0]");
            assertThat(lookup.at("/result/lookup_bit_identical").booleanValue()).isTrue();
            assertThat(lookup.at("/result/one_hot_multiply_adds").longValue()).isEqualTo(18);

            // man → woman is (0, −1.99, 0) between unit vectors, king → queen (0, −√2, 0): parallel
            JsonNode directions = ok(server, TOUR + "directions&pairs=man:woman,king:queen,boy:girl&samples=100");
            assertThat(directions.at("/result/mean_offset_cosine").doubleValue()).isCloseTo(1.0, within(1e-6));
            assertThat(directions.at("/result/skipped/0").asText()).isEqualTo("boy:girl");
            assertThat(directions.at("/result/random_offset_cosines/count").intValue()).isEqualTo(100);
            assertThat(directions.at("/result/random_offset_cosines/histogram")).hasSize(40);

            JsonNode tensor = ok(server, TOUR + "tensor&text=king%20queen");
            assertThat(tensor.at("/result/ids").toString()).isEqualTo("[0,1]");
            assertThat(tensor.at("/result/rows").toString()).isEqualTo("[[1.0,1.0,0.0],[1.0,-1.0,0.0]]");

            JsonNode ids = ok(server, TOUR + "ids&samples=50");
            assertThat(ids.at("/result/adjacent/count").intValue()).isEqualTo(5);
            assertThat(ids.at("/result/random/count").intValue()).isEqualTo(50);

            JsonNode lineup = ok(server, TOUR + "lineup&expr=king&top=2");
            assertThat(lineup.at("/result/temperatures/1/top/0/token").asText()).isEqualTo("king");
            assertThat(lineup.at("/result/temperatures/1/top")).hasSize(2);

            assertThat(ok(server, TOUR + "duplicates").at("/result/queried").intValue()).isEqualTo(6);
            assertThat(ok(server, TOUR + "space&samples=100").at("/result/rows/5/dim").intValue()).isEqualTo(3);
        }
    }

    @Test
    void aRepeatedQuestionIsAnsweredFromTheCache() {
        try (TestServer server = new TestServer(dir)) {
            JsonNode first = ok(server, TOUR + "lookup&id=3");
            JsonNode second = ok(server, TOUR + "lookup&id=3");
            // timings differ between two measurements; equal ones mean the result was kept
            assertThat(second.at("/result/lookup_ns").doubleValue()).isEqualTo(first.at("/result/lookup_ns").doubleValue());
        }
    }

    @Test
    void unknownStepsAndBadSettingsAreProblems() {
        try (TestServer server = new TestServer(dir)) {
            assertThat(problem(server, TOUR + "learnt", "step").get("detail").asText())
                    .contains("unknown tour step 'learnt'", "[ids, lookup, directions, tensor, lineup, duplicates, space]");
            assertThat(problem(server, "/api/v1/models/royals/tour", "step").get("detail").asText()).contains("is required");
            assertThat(problem(server, TOUR + "directions&pairs=man", "pairs").get("detail").asText())
                    .contains("pairs entry 'man' is not of the form A:B");
            problem(server, TOUR + "ids&samples=1", "samples");
            problem(server, TOUR + "lookup&id=6", "id");
            problem(server, TOUR + "ids&colour=red", "colour");
            assertThat(server.get("/api/v1/models/nope/tour?step=ids").status()).isEqualTo(404);
        }
    }
}
