package dev.embedkit.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.embedkit.checkpoint.Checkpoints;
import dev.embedkit.fasttext.FastTextFormat;
import dev.embedkit.io.EmbeddingFiles;
import dev.embedkit.io.VectorFormat;

import java.nio.file.Path;

/**
 * Coverage-guided fuzzing of every embedding-file reader (Jazzer). Without JAZZER_FUZZ=1 each target replays its
 * seeds and past findings from src/test/resources/dev/embedkit/fuzz/VectorFileFuzzTestInputs/TARGET; scripts/fuzz.sh
 * fuzzes them for a while. The only allowed outcomes: a fully readable table, or an EmbedkitException naming the file.
 */
class VectorFileFuzzTest {
    private static final Path DIR = HostileFiles.directory("vectors");

    @FuzzTest(maxDuration = "5s")
    void word2vecText(byte[] bytes) {
        load(bytes, "fuzz.txt", VectorFormat.WORD2VEC_TEXT);
    }

    @FuzzTest(maxDuration = "5s")
    void word2vecBinary(byte[] bytes) {
        load(bytes, "fuzz.bin", VectorFormat.WORD2VEC_BINARY);
    }

    @FuzzTest(maxDuration = "5s")
    void glove(byte[] bytes) {
        load(bytes, "fuzz-glove.txt", VectorFormat.GLOVE);
    }

    /** Format detection, then the detected reader: a .vec (fastText's word2vec text) or anything else. */
    @FuzzTest(maxDuration = "5s")
    void detected(byte[] bytes) {
        HostileFiles.read(DIR.resolve("fuzz.vec"), bytes, file -> HostileFiles.readAll(EmbeddingFiles.load(file)));
    }

    /** A bare safetensors file, both as a table and as a checkpoint (which lists every tensor). */
    @FuzzTest(maxDuration = "5s")
    void safetensors(byte[] bytes) {
        HostileFiles.read(DIR.resolve("fuzz.safetensors"), bytes, file -> {
            HostileFiles.readAll(EmbeddingFiles.load(file, VectorFormat.SAFETENSORS));
        });
        HostileFiles.attempt(DIR.resolve("fuzz.safetensors"),
                () -> HostileFiles.readAll(Checkpoints.open(DIR.resolve("fuzz.safetensors")).table()));
    }

    @FuzzTest(maxDuration = "5s")
    void npy(byte[] bytes) {
        load(bytes, "fuzz.npy", VectorFormat.NPY);
    }

    @FuzzTest(maxDuration = "5s")
    void gguf(byte[] bytes) {
        HostileFiles.read(DIR.resolve("fuzz.gguf"), bytes, file -> {
            var checkpoint = Checkpoints.open(file);
            HostileFiles.readAll(checkpoint.table());
            checkpoint.output().ifPresent(HostileFiles::readAll);
        });
    }

    @FuzzTest(maxDuration = "5s")
    void fastTextBin(byte[] bytes) {
        HostileFiles.read(DIR.resolve("fuzz-fasttext.bin"), bytes,
                file -> HostileFiles.readAll(FastTextFormat.read(file).table()));
    }

    private static void load(byte[] bytes, String name, VectorFormat format) {
        HostileFiles.read(DIR.resolve(name), bytes, file -> HostileFiles.readAll(EmbeddingFiles.load(file, format)));
    }
}
