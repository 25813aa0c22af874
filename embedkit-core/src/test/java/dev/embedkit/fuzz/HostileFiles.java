package dev.embedkit.fuzz;

import dev.embedkit.EmbedkitException;
import dev.embedkit.embed.EmbeddingTable;
import dev.embedkit.tensor.FloatMatrix;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * What a reader may do with a hostile file: return a correct result, or throw an {@link EmbedkitException} whose
 * message names the file. Anything else (an unchecked exception from deep inside, an OutOfMemoryError, a
 * negative-size array) escapes, and the fuzzer reports it as a finding.
 */
public final class HostileFiles {
    private HostileFiles() {
    }

    /** A fresh directory for one fuzz target's files, removed when the JVM exits. */
    public static Path directory(String target) {
        try {
            Path dir = Files.createTempDirectory("embedkit-fuzz-" + target);
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code bytes} to {@code file} (replacing it), then runs {@code read} on it. */
    public static void read(Path file, byte[] bytes, Consumer<Path> read) {
        write(file, bytes);
        attempt(file, () -> read.accept(file));
    }

    /** Runs {@code read}; an EmbedkitException must name {@code file} (by its file name). */
    public static void attempt(Path file, Runnable read) {
        try {
            read.run();
        } catch (EmbedkitException e) {
            String name = file.getFileName().toString();
            if (e.getMessage() == null || !e.getMessage().contains(name)) {
                throw new AssertionError("the error does not name the file " + name + ": " + e.getMessage(), e);
            }
        }
    }

    public static void write(Path file, byte[] bytes) {
        try {
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Touches every token and every value, so a lazily mapped table is read to the end. */
    public static void readAll(EmbeddingTable table) {
        for (int id = 0; id < table.vocabularySize(); id++) {
            table.vocabulary().token(id);
        }
        readAll(table.weights());
    }

    public static void readAll(FloatMatrix matrix) {
        matrix.toHeap();
    }
}
