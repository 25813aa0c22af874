package dev.embedkit.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** serve --watch-log: the log's lines as Server-Sent Events, from the start and then as they are appended. */
class TrainingLogStreamTest {
    private static final Limits ONE_STREAM = new Limits(1 << 20, 10_000, 4_096, 1_000, 64, 1_000, 100_000, 5_000, 1);

    @Test
    void streamsExistingThenAppendedLinesAndRefusesASecondStreamOverTheLimit(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("train.log");
        Files.writeString(log, "{\"step\":1,\"loss\":0.9}\n{\"step\":2,\"loss\":0.7}\n");
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        try (TestServer server = new TestServer(dir, ONE_STREAM, log)) {
            TestServer.Response plain = server.get("/api/v1/training/log");
            assertThat(plain.status()).isEqualTo(406);
            assertThat(plain.json().get("detail").asText()).contains("Accept: text/event-stream");
            HttpRequest request = HttpRequest.newBuilder(server.uri("/api/v1/training/log"))
                    .header("Accept", "text/event-stream").GET().build();
            HttpResponse<Stream<String>> stream = server.client().send(request, HttpResponse.BodyHandlers.ofLines());
            assertThat(stream.statusCode()).isEqualTo(200);
            assertThat(stream.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
            Thread reader = Thread.ofVirtual().start(() -> stream.body().forEach(lines::add));

            assertThat(nextData(lines)).isEqualTo("{\"step\":1,\"loss\":0.9}");
            assertThat(nextData(lines)).isEqualTo("{\"step\":2,\"loss\":0.7}");
            Files.writeString(log, "{\"step\":3,\"loss\":0.5}\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
            assertThat(nextData(lines)).isEqualTo("{\"step\":3,\"loss\":0.5}");

            TestServer.Response second = server.send(request);
            assertThat(second.status()).isEqualTo(503);
            assertThat(second.json().get("type").asText()).endsWith("too-many-streams");
            assertThat(second.json().get("detail").asText()).contains("the limit is 1");

            Files.writeString(log, "{\"step\":4,\"loss\":0.4}\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
            server.close(); // the last line is still delivered, then the stream ends
            reader.join(10_000);
            assertThat(reader.isAlive()).isFalse();
            assertThat(lines.stream().filter(l -> l.startsWith("data:")).map(l -> l.substring(5).strip()))
                    .containsExactly("{\"step\":4,\"loss\":0.4}");
        }
    }

    /** The data of the next event named "log" (SSE lines "event: log", "data: …"). */
    private static String nextData(BlockingQueue<String> lines) throws InterruptedException {
        boolean named = false;
        while (true) {
            String line = lines.poll(5, TimeUnit.SECONDS);
            assertThat(line).as("an event within 5 s").isNotNull();
            if (line.equals("event: log")) {
                named = true;
            } else if (line.startsWith("data:") && named) {
                return line.substring(5).strip();
            }
        }
    }
}
