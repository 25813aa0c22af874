package dev.embedkit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServeCommandTest {
    private static final Pattern URL = Pattern.compile("(http://(127\\.0\\.0\\.1|0\\.0\\.0\\.0):\\d+)");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /**
     * Runs {@code embedkit serve …} on a thread until it prints its URL, calls {@code whileServing}, then stops it;
     * returns what it printed (standard output, then standard error).
     */
    private static String serve(List<String> args, Check whileServing) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        AtomicInteger exit = new AtomicInteger(-1);
        Thread thread = new Thread(() -> exit.set(EmbedkitCommand.commandLine(new PrintWriter(out, true),
                new PrintWriter(err, true)).execute(args.toArray(String[]::new))));
        thread.start();
        Matcher url = URL.matcher("");
        for (int i = 0; i < 200 && !url.reset(out.toString()).find() && thread.isAlive(); i++) {
            Thread.sleep(50);
        }
        assertThat(url.reset(out.toString()).find()).as("URL printed; stderr: %s", err).isTrue();
        try {
            whileServing.run(url.group(1));
        } finally {
            thread.interrupt();
            thread.join(10_000);
        }
        assertThat(exit.get()).as(err.toString()).isZero();
        String base = url.group(1);
        assertThatThrownBy(() -> get(base + "/api/v1/health")).hasCauseInstanceOf(ConnectException.class);
        return out.toString() + err;
    }

    interface Check {
        void run(String url) throws Exception;
    }

    private static JsonNode get(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        return new ObjectMapper().readTree(response.body());
    }

    @Test
    void anUntiedCheckpointUnembedsWithItsOwnOutputMatrix() throws Exception {
        // The same numbers as `unembed FIXTURES/llama --token ▁cat` (README): lm_head.weight, not the table.
        serve(List.of("serve", "../embedkit-core/src/test/resources/fixtures/checkpoints/llama", "--port", "0"), url -> {
            JsonNode answer = new ObjectMapper().readTree(HTTP.send(HttpRequest.newBuilder(
                            URI.create(url + "/api/v1/models/llama/unembed"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"token\":\"▁cat\",\"k\":1}")).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            JsonNode top = answer.findValue("top").get(0);
            assertThat(top.get("token").asText()).as(answer.toString()).isEqualTo("</s>");
            assertThat(top.get("logit").asDouble()).isCloseTo(0.4177, org.assertj.core.api.Assertions.within(1e-4));
        });
    }

    @Test
    void servesModelsByFileNameOrChosenNameOnAFreePort(@TempDir Path dir) throws Exception {
        Path copy = dir.resolve("table.vec");
        Files.copy(Path.of("../examples/royals.vec"), copy);
        List<String> args = new ArrayList<>(List.of("serve", "../examples/royals.vec", "mine=" + copy, "--port", "0"));
        String out = serve(args, url -> {
            JsonNode models = get(url + "/api/v1/models").get("models");
            assertThat(models.findValuesAsText("name")).containsExactly("mine", "royals");
            JsonNode neighbors = new ObjectMapper().readTree(HTTP.send(HttpRequest.newBuilder(
                            URI.create(url + "/api/v1/models/mine/neighbors"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"words\":[\"king\"],\"k\":1}")).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            assertThat(neighbors.get("results").get(0).get("neighbors").get(0).get("token").asText()).isEqualTo("prince");
        });
        assertThat(out).contains("serving 2 models at http://127.0.0.1:", "(models: [royals, mine])");
    }

    @Test
    void aTokenIsRequiredOnEveryRequestWhenGiven() throws Exception {
        String out = serve(List.of("serve", "../examples/royals.vec", "--port", "0", "--token", "s3cret"), url -> {
            HttpResponse<String> refused = HTTP.send(HttpRequest.newBuilder(URI.create(url + "/api/v1/models")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
            HttpResponse<String> allowed = HTTP.send(HttpRequest.newBuilder(URI.create(url + "/api/v1/models"))
                    .header("Authorization", "Bearer s3cret").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(allowed.statusCode()).as(allowed.body()).isEqualTo(200);
        });
        assertThat(out).contains("API token required", "/#token=TOKEN").doesNotContain("s3cret", "warning");
        assertThat(CliRun.of("serve", "../examples/royals.vec", "--token", " ").err()).contains("the API token is empty");
    }

    @Test
    void warnsWhenExposedBeyondLoopbackWithoutAToken() throws Exception {
        String open = serve(List.of("serve", "../examples/royals.vec", "--port", "0", "--host", "0.0.0.0"), url ->
                assertThat(get(url + "/api/v1/health").get("status").asText()).isEqualTo("ok"));
        assertThat(open).contains("warning: serving on 0.0.0.0, which is not a loopback address, without an API token");
        String local = serve(List.of("serve", "../examples/royals.vec", "--port", "0"), url -> { });
        assertThat(local).doesNotContain("warning");
        assertThat(ServeCommand.isLoopback("127.0.0.1")).isTrue();
        assertThat(ServeCommand.isLoopback("::1")).isTrue();
        assertThat(ServeCommand.isLoopback("localhost")).isTrue();
        assertThat(ServeCommand.isLoopback("0.0.0.0")).isFalse();
        assertThat(ServeCommand.isLoopback("::")).isFalse();
    }

    @Test
    void aNextTokenModelDirectoryCanPredict(@TempDir Path dir) throws Exception {
        Path corpus = dir.resolve("corpus.txt");
        Files.write(corpus, List.of("a b c d a b c d", "a b c d a b c d", "a b c d a b c d"));
        Path model = dir.resolve("next");
        CliRun trained = CliRun.of("train", corpus.toString(), "-o", model.toString(), "--model", "next-token",
                "--dim", "4", "--context", "1", "--min-count", "1", "--epochs", "1", "--held-out", "0.34");
        assertThat(trained.exitCode()).as(trained.err()).isZero();
        serve(List.of("serve", model.toString(), "--port", "0"), url -> {
            JsonNode info = get(url + "/api/v1/models/next");
            assertThat(info.get("next_token").get("context").intValue()).isEqualTo(1);
            assertThat(info.get("format").asText()).isEqualTo("model");
        });
    }

    @Test
    void refusesBadNamesDuplicatesAndNothingToServe() {
        CliRun nothing = CliRun.of("serve");
        assertThat(nothing.exitCode()).isEqualTo(1);
        assertThat(nothing.err()).contains("give at least one MODEL");
        CliRun badName = CliRun.of("serve", "no/pe=../examples/royals.vec", "--port", "0");
        assertThat(badName.exitCode()).isEqualTo(1);
        assertThat(badName.err()).contains("model name 'no/pe' is not usable in a URL");
        CliRun spaces = CliRun.of("serve", "my model=../examples/royals.vec", "--port", "0");
        assertThat(spaces.err()).contains("model name 'my model' is not usable in a URL");
        CliRun twice = CliRun.of("serve", "../examples/royals.vec", "../examples/royals.vec", "--port", "0");
        assertThat(twice.exitCode()).isEqualTo(1);
        assertThat(twice.err()).contains("two models are named 'royals'; name them with name=PATH");
    }

    @Test
    void trainServeNeedsALogAndPortNeedsServe(@TempDir Path dir) throws Exception {
        Path corpus = dir.resolve("corpus.txt");
        Files.write(corpus, List.of("a b c d a b c d", "a b c d a b c d"));
        CliRun noLog = CliRun.of("train", corpus.toString(), "-o", dir.resolve("m").toString(), "--serve");
        assertThat(noLog.err()).contains("--serve streams the training log: give --log FILE too");
        CliRun noServe = CliRun.of("train", corpus.toString(), "-o", dir.resolve("m").toString(), "--port", "9");
        assertThat(noServe.err()).contains("--port sets where --serve listens; add --serve");
        Path log = dir.resolve("train.log");
        CliRun served = CliRun.of("train", corpus.toString(), "-o", dir.resolve("m").toString(), "--min-count", "1",
                "--dim", "4", "--epochs", "1", "--threads", "1", "--log", log.toString(), "--serve", "--port", "0");
        assertThat(served.exitCode()).as(served.err()).isZero();
        Matcher url = URL.matcher(served.err());
        assertThat(url.find()).as(served.err()).isTrue();
        assertThat(served.err()).contains(url.group(1) + "/api/v1/training/log");
        assertThat(Files.readAllLines(log)).isNotEmpty();
        assertThatThrownBy(() -> get(url.group(1) + "/api/v1/health")).hasCauseInstanceOf(ConnectException.class);
    }
}
