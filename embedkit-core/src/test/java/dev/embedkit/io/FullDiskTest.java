package dev.embedkit.io;

import dev.embedkit.EmbedkitException;
import dev.embedkit.embed.EmbeddingTable;
import dev.embedkit.tensor.HeapMatrix;
import dev.embedkit.vocab.Vocabulary;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Saving onto a full disk or a read-only file system fails with a clear error and leaves the previous model as it
 * was. A real 256 KB tmpfs, so this needs root (as CI has); elsewhere it is skipped.
 */
class FullDiskTest {
    @TempDir
    Path dir;
    private Path disk;

    @BeforeEach
    void mountSmallDisk() throws Exception {
        disk = Files.createDirectory(dir.resolve("disk"));
        assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", disk.toString()), "needs root to mount a tmpfs");
    }

    @AfterEach
    void unmount() throws Exception {
        run("umount", "--lazy", disk.toString()); // lazily: a loaded model may still be memory-mapped
    }

    @Test
    void aFullDiskFailsClearlyAndKeepsThePreviousModel() throws IOException {
        Path model = disk.resolve("model");
        EmbeddingFiles.save(table(10, 4, 1f), model, VectorFormat.MODEL_DIR);
        byte[] before = Files.readAllBytes(model.resolve(ModelDirectory.EMBEDDINGS));
        EmbeddingTable tooBig = table(200, 512, 2f); // 400 KB of floats on a 256 KB disk
        assertThatThrownBy(() -> EmbeddingFiles.save(tooBig, model, VectorFormat.MODEL_DIR))
                .isInstanceOf(EmbedkitException.class)
                .hasMessageContaining(model.toString())
                .hasMessageContaining("No space left on device");
        assertThat(Files.readAllBytes(model.resolve(ModelDirectory.EMBEDDINGS))).isEqualTo(before);
        assertThat(EmbeddingFiles.load(model).lookup("t3")).containsExactly(1f, 1f, 1f, 1f);
        try (var left = Files.list(disk)) {
            assertThat(left).containsExactly(model); // no temp directory left filling the disk
        }
    }

    @Test
    void aReadOnlyFileSystemFailsClearlyAndKeepsThePreviousFile() throws Exception {
        Path file = disk.resolve("vectors.txt");
        EmbeddingFiles.save(table(3, 2, 1f), file, VectorFormat.WORD2VEC_TEXT);
        String before = Files.readString(file);
        assertThat(run("mount", "-o", "remount,ro", disk.toString())).isTrue();
        assertThatThrownBy(() -> EmbeddingFiles.save(table(3, 2, 2f), file, VectorFormat.WORD2VEC_TEXT))
                .isInstanceOf(EmbedkitException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("Read-only file system");
        assertThat(Files.readString(file)).isEqualTo(before);
    }

    private static EmbeddingTable table(int rows, int dim, float value) {
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            tokens.add("t" + i);
        }
        float[] data = new float[rows * dim];
        java.util.Arrays.fill(data, value);
        return new EmbeddingTable(Vocabulary.of(tokens), new HeapMatrix(rows, dim, data));
    }

    private static boolean run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        return process.waitFor() == 0;
    }
}
