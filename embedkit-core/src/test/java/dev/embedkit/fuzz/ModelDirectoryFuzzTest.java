package dev.embedkit.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.embedkit.embed.EmbeddingTable;
import dev.embedkit.io.ModelConfig;
import dev.embedkit.io.ModelDirectory;
import dev.embedkit.tensor.HeapMatrix;
import dev.embedkit.tokenize.WordSplitter;
import dev.embedkit.vocab.Vocabulary;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Fuzzing the model directory: the first byte picks which of its three files the rest of the input replaces
 * (0 config.json, 1 vocab.txt, 2 embeddings.safetensors); the other two stay valid, so the fuzzer explores how a
 * file disagrees with its neighbours as well as how it is malformed on its own.
 */
class ModelDirectoryFuzzTest {
    private static final Path DIR = HostileFiles.directory("model").resolve("fuzzed-model");
    private static final List<String> FILES = List.of(ModelDirectory.CONFIG, ModelDirectory.VOCAB, ModelDirectory.EMBEDDINGS);
    private static final EmbeddingTable VALID = new EmbeddingTable(Vocabulary.of(List.of("king", "queen", "man")),
            new HeapMatrix(3, 2, new float[] {1, 2, 3, 4, 5, 6}));

    @FuzzTest(maxDuration = "5s")
    void modelDirectory(byte[] bytes) {
        if (bytes.length == 0) {
            return;
        }
        ModelDirectory.save(VALID, ModelConfig.forTable(VALID, new WordSplitter(WordSplitter.Mode.WHITESPACE, false)), DIR);
        Path replaced = DIR.resolve(FILES.get(Byte.toUnsignedInt(bytes[0]) % FILES.size()));
        HostileFiles.write(replaced, Arrays.copyOfRange(bytes, 1, bytes.length));
        // the error may name the directory or the replaced file inside it: both contain the directory's name
        HostileFiles.attempt(DIR, () -> HostileFiles.readAll(ModelDirectory.open(DIR).table()));
    }
}
