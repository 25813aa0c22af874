package dev.embedkit.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.embedkit.embed.Unembedding;
import dev.embedkit.subword.CharNgrams;
import dev.embedkit.subword.SubwordVectors;
import dev.embedkit.tensor.HeapMatrix;
import dev.embedkit.tokenize.WordTokenizer;
import dev.embedkit.vocab.Vocabulary;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A subword model over the API: words out of the vocabulary get the mean of their n-gram rows, marked as the CLI
 * marks them. The model is made so that every value can be worked out by hand: 4-grams in a single bucket, whose
 * row is b = (0, 1), so a 3-letter word has two n-grams ("&lt;cab", "cab&gt;"), both b; its vector is the mean of its
 * own row and 2·b, so the rows below make the words' vectors cat (1, 0), car (0, 2), dog (−1, 0), cow (0, −1); an
 * unknown 3-letter word such as "cab" is (0, 1), and "a" ("&lt;a&gt;" is shorter than 4) has no n-gram at all.
 */
class SubwordApiTest {
    static TestServer server;

    @BeforeAll
    static void start() {
        server = new TestServer(List.of(handMade()));
    }

    /** The model described above, served as "sub". */
    static ServedModel handMade() {
        Vocabulary words = Vocabulary.of(List.of("cat", "car", "dog", "cow"));
        HeapMatrix ownRows = HeapMatrix.of(new float[][] {{3, -2}, {0, 4}, {-3, -2}, {0, -5}});
        HeapMatrix bucketRows = HeapMatrix.of(new float[][] {{0, 1}});
        SubwordVectors vectors = new SubwordVectors(words, ownRows, bucketRows, new CharNgrams(4, 4, 1));
        return new ServedModel("sub", "model", vectors, new WordTokenizer(TestServer.WHITESPACE, words), null,
                () -> Unembedding.tied(vectors.table()));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static JsonNode ok(String endpoint, String json) {
        TestServer.Response response = server.post("/api/v1/models/sub/" + endpoint, json);
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        return response.json();
    }

    @Test
    void infoGivesTheNgramSettings() {
        JsonNode info = server.get("/api/v1/models/sub").json();
        assertThat(info.get("subwords").toString()).contains("\"minn\":4", "\"maxn\":4", "\"buckets\":1");
    }

    @Test
    void embedGivesAnUnknownWordItsNgramVectorWithIdMinusOne() {
        JsonNode embedded = ok("embed", "{\"text\":\"cat cab\"}");
        assertThat(embedded.get("ids").toString()).isEqualTo("[0,-1]");
        assertThat(embedded.get("tokens").toString()).isEqualTo("[\"cat\",\"cab\"]");
        assertThat(embedded.get("matrix").toString()).isEqualTo("[[1.0,0.0],[0.0,1.0]]");
        assertThat(embedded.get("oov").toString()).isEqualTo("{\"cab\":2}");
        assertThat(ok("embed", "{\"ids\":[1]}").get("oov").toString()).isEqualTo("{}");
    }

    @Test
    void neighborsOfAnUnknownWordSearchFromItsNgramVector() {
        JsonNode results = ok("neighbors", "{\"words\":[\"cab\",\"cat\"],\"k\":2}").get("results");
        JsonNode cab = results.get(0);
        assertThat(cab.get("id").intValue()).isEqualTo(-1);
        assertThat(cab.get("oov").booleanValue()).isTrue();
        assertThat(cab.get("ngrams").intValue()).isEqualTo(2);
        // (0, 1) against car (0, 2): cosine 1; cat, dog tie at 0 and the lower ID comes first
        assertThat(cab.get("neighbors").get(0).get("token").asText()).isEqualTo("car");
        assertThat(cab.get("neighbors").get(0).get("score").doubleValue()).isCloseTo(1, within(1e-6));
        assertThat(cab.get("neighbors").get(1).get("token").asText()).isEqualTo("cat");
        JsonNode cat = results.get(1);
        assertThat(cat.get("id").intValue()).isZero();
        assertThat(cat.get("oov").booleanValue()).isFalse();
        assertThat(cat.get("neighbors").get(0).get("token").asText()).isEqualTo("car"); // cat itself left out
    }

    @Test
    void analogyTakesUnknownWordsAsGivenVectors() {
        // cab − car + cat over unit vectors: (0, 1) − (0, 1) + (1, 0) = (1, 0); car and cat are left out, cab has no row
        JsonNode answer = ok("analogy", "{\"a\":\"car\",\"b\":\"cab\",\"c\":\"cat\",\"k\":2}");
        assertThat(answer.get("oov").toString()).isEqualTo("{\"cab\":2}");
        assertThat(answer.get("answers").get(0).get("token").asText()).isEqualTo("cow");
        assertThat(answer.get("answers").get(0).get("score").doubleValue()).isCloseTo(0, within(1e-6));
        assertThat(answer.get("answers").get(1).get("token").asText()).isEqualTo("dog");
        assertThat(answer.get("answers").get(1).get("score").doubleValue()).isCloseTo(-1, within(1e-6));
        JsonNode mul = ok("analogy", "{\"expression\":\"cab - car + cat\",\"method\":\"mul\",\"k\":1}");
        // 3CosMul: cos(cab, x)' · cos(cat, x)' / (cos(car, x)' + ε), c' = (1 + c) / 2: dog (0.5 · 0 / (0.5 + ε)) and
        // cow (0 · 0.5 / (0 + ε)) score 0; the lower ID, dog, comes first
        assertThat(mul.get("answers").get(0).get("token").asText()).isEqualTo("dog");
        assertThat(mul.get("answers").get(0).get("score").doubleValue()).isCloseTo(0, within(1e-6));
    }

    @Test
    void unembedATokenOrExpressionWithUnknownWords() {
        // h = cab = (0, 1): logits cat 0, car 2, dog 0, cow −1
        JsonNode token = ok("unembed", "{\"token\":\"cab\",\"k\":1}");
        assertThat(token.get("h").asText()).isEqualTo("vector of 'cab' (OOV: from 2 n-grams)");
        assertThat(token.get("oov").toString()).isEqualTo("{\"cab\":2}");
        assertThat(token.get("top").get(0).get("token").asText()).isEqualTo("car");
        assertThat(token.get("top").get(0).get("logit").doubleValue()).isCloseTo(2, within(1e-6));
        // h = cab + cat = (1, 1): logits cat 1, car 2, dog −1, cow −1
        JsonNode expression = ok("unembed", "{\"expression\":\"cab + cat\",\"k\":2}");
        assertThat(expression.get("h").asText()).isEqualTo("cab + cat (OOV: cab, from their n-grams)");
        assertThat(expression.get("top").get(1).get("token").asText()).isEqualTo("cat");
        assertThat(expression.get("top").get(1).get("logit").doubleValue()).isCloseTo(1, within(1e-6));
        assertThat(ok("unembed", "{\"token\":\"cat\",\"k\":1}").get("h").asText()).isEqualTo("row of 'cat'");
    }

    @Test
    void aWordWithoutNgramsHasNoDirectionToSearch() {
        TestServer.Response response = server.post("/api/v1/models/sub/neighbors", "{\"words\":[\"a\"]}");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("field").asText()).isEqualTo("words[0]");
        assertThat(response.json().get("detail").asText()).contains("'a' is not in the vocabulary and has no n-grams");
    }
}
