package dev.embedkit.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Every endpoint's answer on the tiny tables, with values worked out by hand (royals: king = (1, 1, 0), …). */
class ApiTest {
    @TempDir
    static Path dir;
    static TestServer server;

    @BeforeAll
    static void start() {
        server = new TestServer(dir);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static JsonNode ok(TestServer.Response response) {
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("application/json");
        return response.json();
    }

    @Test
    void healthListsTheLimits() {
        JsonNode health = ok(server.get("/api/v1/health"));
        assertThat(health.get("status").asText()).isEqualTo("ok");
        assertThat(health.get("models").intValue()).isEqualTo(3);
        assertThat(health.get("limits").get("max_k").intValue()).isEqualTo(1000);
        assertThat(health.get("limits").get("max_body_bytes").intValue()).isEqualTo(1 << 20);
    }

    @Test
    void modelsAndInfo() {
        JsonNode models = ok(server.get("/api/v1/models")).get("models");
        assertThat(models).hasSize(3);
        assertThat(models.get(1).toString()).isEqualTo(
                "{\"name\":\"royals\",\"format\":\"word2vec-text\",\"vocab_size\":6,\"dim\":3,\"next_token\":false}");
        JsonNode royals = ok(server.get("/api/v1/models/royals"));
        assertThat(royals.get("dtype").asText()).isEqualTo("F32");
        assertThat(royals.get("unknown_token_policy").asText()).isEqualTo("error");
        assertThat(royals.get("tokenizer").toString()).isEqualTo("{\"kind\":\"word\",\"split\":\"whitespace\",\"lowercase\":false}");
        assertThat(royals.get("next_token").isNull()).isTrue();
        assertThat(royals.get("subwords").isNull()).isTrue();
        JsonNode unk = ok(server.get("/api/v1/models/unk"));
        assertThat(unk.get("unknown_token_policy").asText()).isEqualTo("map_to_unk");
        assertThat(unk.get("unk_token").asText()).isEqualTo("<unk>");
        assertThat(unk.get("has_counts").booleanValue()).isTrue();
        JsonNode next = ok(server.get("/api/v1/models/next")).get("next_token");
        assertThat(next.toString()).isEqualTo("{\"context\":1,\"combine\":\"mean\",\"positional_weights\":[1.0]}");
    }

    @Test
    void tokenizeAppliesTheUnknownTokenPolicy() {
        JsonNode royals = ok(server.post("/api/v1/models/royals/tokenize", "{\"text\":\"king  queen apple\"}"));
        assertThat(royals.get("ids").toString()).isEqualTo("[0,1,5]");
        assertThat(royals.get("tokens").toString()).isEqualTo("[\"king\",\"queen\",\"apple\"]");
        JsonNode unk = ok(server.post("/api/v1/models/unk/tokenize", "{\"text\":\"king emperor\"}"));
        assertThat(unk.get("ids").toString()).isEqualTo("[0,2]");
        assertThat(unk.get("tokens").toString()).isEqualTo("[\"king\",\"<unk>\"]");
    }

    @Test
    void embedStacksTheRowsOfTextOrIds() {
        JsonNode fromText = ok(server.post("/api/v1/models/royals/embed", "{\"text\":\"queen apple\"}"));
        assertThat(fromText.get("ids").toString()).isEqualTo("[1,5]");
        assertThat(fromText.get("shape").toString()).isEqualTo("[2,3]");
        assertThat(fromText.get("matrix").toString()).isEqualTo("[[1.0,-1.0,0.0],[0.0,0.0,1.0]]");
        JsonNode fromIds = ok(server.post("/api/v1/models/royals/embed", "{\"ids\":[4,4]}"));
        assertThat(fromIds.get("tokens").toString()).isEqualTo("[\"prince\",\"prince\"]");
        assertThat(fromIds.get("matrix").get(1).toString()).isEqualTo("[0.8,0.9,-0.2]");
    }

    @Test
    void neighborsOfWordsAndOfAVector() {
        JsonNode words = ok(server.post("/api/v1/models/royals/neighbors", "{\"words\":[\"king\",\"apple\"],\"k\":2}"));
        JsonNode king = words.get("results").get(0);
        assertThat(king.get("word").asText()).isEqualTo("king");
        // cos(king, prince) = 1.7 / (√2 · √1.49); cos(king, man) = 1 / (√2 · √1.01)
        assertThat(king.get("neighbors").get(0).get("token").asText()).isEqualTo("prince");
        assertThat(king.get("neighbors").get(0).get("score").doubleValue()).isCloseTo(1.7 / Math.sqrt(2 * 1.49), within(1e-6));
        assertThat(king.get("neighbors").get(1).get("token").asText()).isEqualTo("man");
        assertThat(king.get("neighbors").get(1).get("score").doubleValue()).isCloseTo(1 / Math.sqrt(2 * 1.01), within(1e-6));
        // apple = (0, 0, 1): man and woman have cos 0.1/√1.01; the lower ID wins the tie
        JsonNode apple = words.get("results").get(1).get("neighbors");
        assertThat(apple.get(0).get("token").asText()).isEqualTo("man");
        assertThat(apple.get(1).get("token").asText()).isEqualTo("woman");
        JsonNode vector = ok(server.post("/api/v1/models/royals/neighbors", "{\"vector\":[1,-1,0],\"k\":1}"));
        JsonNode result = vector.get("results").get(0);
        assertThat(result.has("word")).isFalse();
        assertThat(result.get("neighbors").get(0).get("token").asText()).isEqualTo("queen"); // not left out: a vector query
        assertThat(result.get("neighbors").get(0).get("score").doubleValue()).isCloseTo(1, within(1e-6));
    }

    @Test
    void analogyByTripleOrExpressionAddAndMul() {
        JsonNode add = ok(server.post("/api/v1/models/royals/analogy", "{\"a\":\"man\",\"b\":\"king\",\"c\":\"woman\",\"k\":2}"));
        assertThat(add.get("method").asText()).isEqualTo("add");
        assertThat(add.get("answers").get(0).get("token").asText()).isEqualTo("queen");
        assertThat(add.get("answers").get(0).get("score").doubleValue()).isCloseTo(0.9606, within(1e-4));
        assertThat(add.get("answers").get(1).get("token").asText()).isEqualTo("apple");
        JsonNode mul = ok(server.post("/api/v1/models/royals/analogy",
                "{\"expression\":\"king - man + woman\",\"method\":\"mul\",\"k\":2}"));
        assertThat(mul.get("expression").asText()).isEqualTo("king + woman - man");
        assertThat(mul.get("answers").get(0).get("token").asText()).isEqualTo("queen");
        assertThat(mul.get("answers").get(0).get("score").doubleValue()).isCloseTo(2.8738, within(1e-4));
        assertThat(mul.get("answers").get(1).get("score").doubleValue()).isCloseTo(0.5, within(1e-4));
    }

    @Test
    void unembedAVectorATokenOrAnExpression() {
        // h = king − man + woman = (1, −1, 0): logits queen 2, woman 1, king 0; softmax over all six
        JsonNode expression = ok(server.post("/api/v1/models/royals/unembed", "{\"expression\":\"king - man + woman\",\"k\":3}"));
        // logits: king 0, queen 2, man −1, woman 1, prince −0.1, apple 0
        double z = 1 + Math.exp(2) + Math.exp(-1) + Math.exp(1) + Math.exp(-0.1) + 1;
        JsonNode top = expression.get("top");
        assertThat(top.get(0).get("token").asText()).isEqualTo("queen");
        assertThat(top.get(0).get("logit").doubleValue()).isCloseTo(2, within(1e-6));
        assertThat(top.get(0).get("probability").doubleValue()).isCloseTo(Math.exp(2) / z, within(1e-6));
        assertThat(top.get(1).get("token").asText()).isEqualTo("woman");
        assertThat(top.get(2).get("token").asText()).isEqualTo("king"); // logit 0 like apple: the lower ID first
        JsonNode vector = ok(server.post("/api/v1/models/royals/unembed", "{\"vector\":[0,0,2],\"k\":1,\"temperature\":0.5}"));
        assertThat(vector.get("h").asText()).isEqualTo("vector");
        assertThat(vector.get("top").get(0).get("token").asText()).isEqualTo("apple");
        JsonNode token = ok(server.post("/api/v1/models/royals/unembed", "{\"token\":\"king\",\"k\":2,\"temperature\":0.5}"));
        assertThat(token.get("h").asText()).isEqualTo("row of 'king'");
        assertThat(token.get("top").get(1).get("token").asText()).isEqualTo("prince");
        assertThat(token.get("top").get(0).get("probability").doubleValue()).isCloseTo(0.580296, within(1e-6));
    }

    @Test
    void predictWithTheNextTokenModel() {
        // context "b": h = E[b] = (0, 1); logits = h·Eᵀ + b = (0 + 1, 1 + 0, 0 + 0): a and b tie, a has the lower ID
        JsonNode predicted = ok(server.post("/api/v1/models/next/predict", "{\"text\":\"b\",\"k\":3}"));
        assertThat(predicted.get("context").toString()).isEqualTo("[\"b\"]");
        double z = 2 * Math.E + 1;
        JsonNode top = predicted.get("top");
        assertThat(top.get(0).get("token").asText()).isEqualTo("a");
        assertThat(top.get(0).get("probability").doubleValue()).isCloseTo(Math.E / z, within(1e-6));
        assertThat(top.get(2).get("token").asText()).isEqualTo("<bos>");
        assertThat(top.get(2).get("probability").doubleValue()).isCloseTo(1 / z, within(1e-6));
        // the context <bos> has the zero row: h = 0, so the logits are the bias (1, 0, 0)
        JsonNode bos = ok(server.post("/api/v1/models/next/predict", "{\"ids\":[2],\"k\":1}"));
        assertThat(bos.get("context_ids").toString()).isEqualTo("[2]");
        assertThat(bos.get("top").get(0).get("probability").doubleValue()).isCloseTo(Math.E / (Math.E + 2), within(1e-6));
    }

    @Test
    void vocabPagesAndFilters() {
        JsonNode page = ok(server.get("/api/v1/models/royals/vocab?offset=1&limit=2"));
        assertThat(page.get("total").intValue()).isEqualTo(6);
        assertThat(page.get("items").toString()).isEqualTo(
                "[{\"id\":1,\"token\":\"queen\",\"count\":0},{\"id\":2,\"token\":\"man\",\"count\":0}]");
        JsonNode prefix = ok(server.get("/api/v1/models/royals/vocab?prefix=wo"));
        assertThat(prefix.get("total").intValue()).isEqualTo(1);
        assertThat(prefix.get("items").get(0).get("token").asText()).isEqualTo("woman");
        JsonNode contains = ok(server.get("/api/v1/models/royals/vocab?contains=man&offset=1"));
        assertThat(contains.get("total").intValue()).isEqualTo(2);
        assertThat(contains.get("items").get(0).get("token").asText()).isEqualTo("woman");
        JsonNode counts = ok(server.get("/api/v1/models/unk/vocab?limit=1"));
        assertThat(counts.get("items").get(0).get("count").intValue()).isEqualTo(5);
    }

    @Test
    void rowsSliceTheMatrix() {
        JsonNode slice = ok(server.get("/api/v1/models/royals/rows?row_start=3&row_end=5&col_start=1&col_end=3"));
        assertThat(slice.get("tokens").toString()).isEqualTo("[\"woman\",\"prince\"]");
        assertThat(slice.get("values").toString()).isEqualTo("[[-1.0,0.1],[0.9,-0.2]]");
        JsonNode defaults = ok(server.get("/api/v1/models/royals/rows"));
        assertThat(defaults.get("row_end").intValue()).isEqualTo(6);
        assertThat(defaults.get("col_end").intValue()).isEqualTo(3);
        assertThat(defaults.get("values")).hasSize(6);
    }

    @Test
    void projectionMatchesNumpy() {
        // numpy: eigh of the covariance of royals.vec's six rows, signs fixed as Pca fixes them
        JsonNode projection = ok(server.get("/api/v1/models/royals/projection?n=6"));
        assertThat(projection.get("n").intValue()).isEqualTo(6);
        assertThat(projection.get("explained_variance_ratio").get(0).doubleValue()).isCloseTo(0.68695804, within(1e-6));
        assertThat(projection.get("explained_variance_ratio").get(1).doubleValue()).isCloseTo(0.24828557, within(1e-6));
        JsonNode queen = projection.get("points").get(1);
        assertThat(queen.get("token").asText()).isEqualTo("queen");
        assertThat(queen.get("x").doubleValue()).isCloseTo(-1.06403747, within(1e-5));
        assertThat(queen.get("y").doubleValue()).isCloseTo(0.69466998, within(1e-5));
        // n above V is clamped, and the cached answer is the same object's JSON
        assertThat(ok(server.get("/api/v1/models/royals/projection?n=100")).toString()).isEqualTo(projection.toString());
    }

    @Test
    void openapiAndStaticFiles() {
        JsonNode openapi = ok(server.get("/api/v1/openapi.json"));
        assertThat(openapi.get("openapi").asText()).startsWith("3.");
        TestServer.Response index = server.get("/");
        assertThat(index.status()).isEqualTo(200);
        assertThat(index.contentType()).startsWith("text/html");
        assertThat(index.text()).contains("/api/v1/openapi.json");
    }
}
