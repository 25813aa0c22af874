package dev.embedkit.io;

import dev.embedkit.BadInputException;
import dev.embedkit.embed.EmbeddingTable;
import dev.embedkit.tokenize.WordSplitter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What a killed writer leaves beside its target, and how the next write in that directory cleans it up. */
class WriteLeftoversTest {
    private static final long OWN_PID = ProcessHandle.current().pid();
    /** A process that has run and ended, as a writer killed midway has. */
    private static long deadPid;

    @TempDir
    Path dir;

    @BeforeAll
    static void startAndEndAProcess() throws Exception {
        Process ended = new ProcessBuilder("true").start();
        ended.waitFor();
        deadPid = ended.pid();
        assertThat(ProcessHandle.of(deadPid)).as("the ended process's PID, not yet reused").isEmpty();
    }

    @Test
    void theHiddenNamesCarryTheWritersPid() throws IOException {
        AtomicFiles.write(dir.resolve("a.txt"), temp -> assertThat(temp.getFileName().toString())
                .startsWith(".a.txt.tmp-" + OWN_PID + "-").hasSize(".a.txt.tmp-".length() + digits(OWN_PID) + 37));
        AtomicFiles.writeDirectory(dir.resolve("d"), temp -> assertThat(temp.getFileName().toString())
                .startsWith(".d.tmp-" + OWN_PID + "-"));
        assertThat(list()).containsExactly(dir.resolve("a.txt"), dir.resolve("d"));
    }

    @Test
    void aDeadWritersTempFilesAndDirectoriesGoAtTheNextWrite() throws IOException {
        Files.writeString(hidden("a.txt", "tmp", deadPid), "half");
        Path tempDir = Files.createDirectory(hidden("model", "tmp", deadPid));
        Files.createDirectories(tempDir.resolve(".embeddings.safetensors.tmp-1-" + UUID.randomUUID()));
        Files.writeString(tempDir.resolve("vocab.txt"), "a\n");
        AtomicFiles.write(dir.resolve("latest"), temp -> Files.writeString(temp, "step-1\n"));
        assertThat(list()).containsExactly(dir.resolve("latest"));

        Files.writeString(hidden("latest", "tmp", deadPid), "half");
        AtomicFiles.writeDirectory(dir.resolve("model"), temp -> Files.writeString(temp.resolve("vocab.txt"), "b\n"));
        assertThat(list()).containsExactly(dir.resolve("latest"), dir.resolve("model"));
        assertThat(dir.resolve("model/vocab.txt")).hasContent("b");
    }

    @Test
    void aLiveWritersLeftoversStay() throws IOException {
        Path temp = Files.writeString(hidden("a.txt", "tmp", OWN_PID), "being written");
        Path old = Files.createDirectory(hidden("model", "old", OWN_PID));
        AtomicFiles.write(dir.resolve("b.txt"), t -> Files.writeString(t, "b"));
        assertThat(list()).containsExactly(temp, old, dir.resolve("b.txt"));
    }

    @Test
    void aPreviousVersionMovedAsideIsPutBackThenReplacedByTheNewOne() throws IOException {
        Path old = Files.createDirectory(hidden("model", "old", deadPid));
        Files.writeString(old.resolve("vocab.txt"), "previous\n");
        Files.createDirectory(hidden("model", "tmp", deadPid)); // the new version, never renamed into place
        Path model = dir.resolve("model");
        AtomicFiles.write(dir.resolve("latest"), temp -> Files.writeString(temp, "step-1\n"));
        assertThat(list()).containsExactly(dir.resolve("latest"), model);
        assertThat(model.resolve("vocab.txt")).hasContent("previous");

        Files.createDirectory(hidden("model", "old", deadPid)); // killed after the new one was in place
        AtomicFiles.writeDirectory(model, temp -> Files.writeString(temp.resolve("vocab.txt"), "new\n"));
        assertThat(list()).containsExactly(dir.resolve("latest"), model);
        try (Stream<Path> files = Files.list(model)) {
            assertThat(files).containsExactly(model.resolve("vocab.txt"));
        }
        assertThat(model.resolve("vocab.txt")).hasContent("new");
    }

    @Test
    void namesNotExactlyAWritersAreNeverTouched() throws IOException {
        String uuid = UUID.randomUUID().toString();
        List<String> names = List.of(".model.tmp-notapid", ".other", "model.tmp-" + deadPid + "-" + uuid,
                ".model.tmp-" + deadPid, ".model.tmp-" + uuid, ".model.tmp-" + deadPid + "-" + uuid + "x",
                ".model.tmp-" + deadPid + "-" + uuid.toUpperCase(), ".model.new-" + deadPid + "-" + uuid,
                ".model.old-0" + deadPid + "-" + uuid, "..tmp-" + deadPid + "-" + uuid);
        for (String name : names) {
            Files.writeString(dir.resolve(name), name);
        }
        AtomicFiles.write(dir.resolve("b.txt"), temp -> Files.writeString(temp, "b"));
        for (String name : names) {
            assertThat(dir.resolve(name)).hasContent(name);
        }
        assertThat(list()).hasSize(names.size() + 1);
    }

    @Test
    void openingAModelAnInterruptedOverwriteMovedAsideNamesWhereItIs() throws IOException {
        Path model = dir.resolve("model");
        EmbeddingTable table = Tables.of(List.of("a", "b"), new float[][]{{1f, 2f}, {3f, 4f}});
        ModelDirectory.save(table, ModelConfig.forTable(table, new WordSplitter(WordSplitter.Mode.PUNCTUATION, true)),
                model);
        Path old = Files.move(model, hidden("model", "old", deadPid));
        assertThatThrownBy(() -> ModelDirectory.open(model)).isInstanceOf(BadInputException.class)
                .hasMessage(model + " does not exist: an interrupted overwrite left the previous model at " + old
                        + " (the next write beside it, or renaming it, puts it back)");

        AtomicFiles.write(dir.resolve("notes.txt"), temp -> Files.writeString(temp, "restored"));
        Tables.assertSameBits(ModelDirectory.open(model).table(), table);
    }

    private Path hidden(String target, String kind, long pid) {
        return dir.resolve("." + target + "." + kind + "-" + pid + "-" + UUID.randomUUID());
    }

    private static int digits(long pid) {
        return Long.toString(pid).length();
    }

    private List<Path> list() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().toList();
        }
    }
}
