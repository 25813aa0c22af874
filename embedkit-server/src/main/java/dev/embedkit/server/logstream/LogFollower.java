package dev.embedkit.server.logstream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Follows a file that another process appends lines to (a training log): each {@link #poll} returns the complete
 * lines written since the last one. A line still being written waits for its newline; a file that does not exist
 * yet has no lines; a file that shrank (rewritten by a new run) is read again from the start.
 * Not thread-safe: one reader polls it.
 */
final class LogFollower {
    static final int MAX_LINE_BYTES = 1 << 20;   // a longer "line" is not a log record; it is skipped
    private static final int MAX_READ_BYTES = 1 << 20; // per poll, so one poll of a huge file cannot stall the others

    private final Path file;
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
    private long position;
    private boolean skipping; // inside an over-long line: drop bytes until its newline

    LogFollower(Path file) {
        this.file = file;
    }

    List<String> poll() throws IOException {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size < position) {
                position = 0;
                partial.reset();
                skipping = false;
            }
            if (size == position) {
                return List.of();
            }
            ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(size - position, MAX_READ_BYTES));
            while (buffer.hasRemaining() && channel.read(buffer, position + buffer.position()) > 0) {
                // read until the buffer is full or the file ends
            }
            position += buffer.position();
            return split(buffer.array(), buffer.position());
        }
    }

    private List<String> split(byte[] bytes, int length) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < length; i++) {
            if (bytes[i] != '\n') {
                continue;
            }
            if (!skipping && partial.size() + (i - start) <= MAX_LINE_BYTES) {
                partial.write(bytes, start, i - start);
                String line = partial.toString(StandardCharsets.UTF_8).strip();
                if (!line.isEmpty()) {
                    lines.add(line);
                }
            }
            partial.reset();
            skipping = false;
            start = i + 1;
        }
        if (!skipping) {
            if (partial.size() + (length - start) > MAX_LINE_BYTES) {
                partial.reset();
                skipping = true;
            } else {
                partial.write(bytes, start, length - start);
            }
        }
        return lines;
    }
}
