package dev.embedkit.io;

import dev.embedkit.EmbedkitException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AtomicFilesTest {
    @TempDir
    Path dir;

    @Test
    void replacesAFileWhole() throws IOException {
        Path target = Files.writeString(dir.resolve("a.txt"), "old");
        AtomicFiles.write(target, temp -> Files.writeString(temp, "new"));
        assertThat(target).hasContent("new");
        assertThat(list()).containsExactly(target);
    }

    @Test
    void aFailedWriteKeepsTheOldFileAndLeavesNoTemporary() throws IOException {
        Path target = Files.writeString(dir.resolve("a.txt"), "old");
        assertThatThrownBy(() -> AtomicFiles.write(target, temp -> {
            Files.writeString(temp, "half");
            throw new IOException("disk full");
        })).isInstanceOf(EmbedkitException.class).hasMessageContaining("a.txt").hasMessageContaining("disk full");
        assertThatThrownBy(() -> AtomicFiles.writeDirectory(dir.resolve("d"), temp -> {
            Files.writeString(temp.resolve("x"), "half");
            throw new IllegalStateException("bug");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(target).hasContent("old");
        assertThat(list()).containsExactly(target);
    }

    @Test
    void replacesADirectoryWhole() throws IOException {
        Path target = dir.resolve("d");
        AtomicFiles.writeDirectory(target, temp -> Files.writeString(temp.resolve("one"), "1"));
        AtomicFiles.writeDirectory(target, temp -> Files.writeString(temp.resolve("two"), "2"));
        try (Stream<Path> files = Files.list(target)) {
            assertThat(files).containsExactly(target.resolve("two"));
        }
        assertThat(list()).containsExactly(target);
    }

    @Test
    void writtenFilesAreNotPrivateLikeTemporaryFiles() throws IOException {
        Path target = dir.resolve("a.txt");
        AtomicFiles.write(target, temp -> Files.writeString(temp, "x"));
        Path sibling = Files.writeString(dir.resolve("plain.txt"), "x");
        assertThat(Files.getPosixFilePermissions(target)).isEqualTo(Files.getPosixFilePermissions(sibling))
                .contains(PosixFilePermission.OWNER_READ);
    }

    private List<Path> list() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> !p.getFileName().toString().equals("plain.txt")).toList();
        }
    }
}
