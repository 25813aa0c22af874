package dev.embedkit.server.logstream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import static org.assertj.core.api.Assertions.assertThat;

class LogFollowerTest {

    private static void append(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    @Test
    void returnsCompleteLinesOnceAndWaitsForUnfinishedOnes(@TempDir Path dir) throws IOException {
        Path log = dir.resolve("train.log");
        LogFollower follower = new LogFollower(log);
        assertThat(follower.poll()).isEmpty(); // not written yet
        append(log, "{\"step\":1}\n{\"step\":2}\r\n{\"st");
        assertThat(follower.poll()).containsExactly("{\"step\":1}", "{\"step\":2}");
        assertThat(follower.poll()).isEmpty();
        append(log, "ep\":3}\n\n");
        assertThat(follower.poll()).containsExactly("{\"step\":3}"); // the half line joined, the empty one dropped
    }

    @Test
    void startsOverWhenTheFileIsRewritten(@TempDir Path dir) throws IOException {
        Path log = dir.resolve("train.log");
        append(log, "{\"run\":1,\"step\":1}\n{\"run\":1,\"step\":2}\n");
        LogFollower follower = new LogFollower(log);
        assertThat(follower.poll()).hasSize(2);
        Files.writeString(log, "{\"run\":2}\n");
        assertThat(follower.poll()).containsExactly("{\"run\":2}");
    }

    @Test
    void skipsALineLongerThanTheLimit(@TempDir Path dir) throws IOException {
        Path log = dir.resolve("train.log");
        LogFollower follower = new LogFollower(log);
        append(log, "x".repeat(LogFollower.MAX_LINE_BYTES + 10));
        assertThat(follower.poll()).isEmpty();
        append(log, "still the long line\n{\"step\":9}\n");
        assertThat(follower.poll()).containsExactly("{\"step\":9}");
    }
}
