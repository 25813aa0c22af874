package dev.embedkit.io;

import dev.embedkit.BadInputException;
import dev.embedkit.EmbedkitException;
import dev.embedkit.embed.EmbeddingTable;
import dev.embedkit.tensor.HeapMatrix;
import dev.embedkit.tokenize.Tokenizer;
import dev.embedkit.tokenize.WordSplitter;
import dev.embedkit.tokenize.bpe.ByteLevel;
import dev.embedkit.tokenize.hf.ByteLevelBpeJson;
import dev.embedkit.vocab.Vocabulary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A model directory over a subword tokenizer's tokens keeps the tokenizer's files and checks them on open. */
class SubwordModelDirectoryTest {
    @TempDir
    Path dir;

    private Path tokenizer(List<String> vocab) throws Exception {
        Path tokenizerDir = Files.createDirectories(dir.resolve("tokenizer"));
        ByteLevelBpeJson.write(tokenizerDir.resolve("tokenizer.json"), vocab, List.<String[]>of(new String[] {"Ġ", "a"}),
                Set.of());
        return tokenizerDir;
    }

    private static List<String> bytesAndOneMerge() {
        List<String> vocab = new ArrayList<>();
        for (int b = 0; b < 256; b++) {
            vocab.add(String.valueOf(ByteLevel.charOf(b)));
        }
        vocab.add("Ġa");
        return vocab;
    }

    private static EmbeddingTable table(List<String> tokens) {
        HeapMatrix rows = HeapMatrix.zeros(tokens.size(), 2); // (V, 2)
        if (tokens.size() > 256) {
            rows.data()[2 * 256] = 1; // "Ġa" = (1, 0)
        }
        return new EmbeddingTable(Vocabulary.of(tokens), rows);
    }

    private static ModelConfig config(EmbeddingTable table) {
        return ModelConfig.forTable(table, new WordSplitter(WordSplitter.Mode.WHITESPACE, false))
                .withExtra(Map.of("training", Map.of("seed", 1)));
    }

    @Test
    void theTokenizerIsCopiedNamedAndUsedOnOpen() throws Exception {
        List<String> vocab = bytesAndOneMerge();
        Path tokenizerDir = tokenizer(vocab);
        EmbeddingTable table = table(vocab);
        Path model = dir.resolve("model");
        ModelDirectory.save(table, config(table), model, tokenizerDir);

        assertThat(Files.readString(model.resolve("tokenizer.json"))).isEqualTo(Files.readString(tokenizerDir.resolve("tokenizer.json")));
        ModelDirectory opened = ModelDirectory.open(model);
        assertThat(opened.config().tokenizer()).isEqualTo(ModelDirectory.SUBWORD_TOKENIZER);
        assertThat(opened.config().extra()).containsEntry(ModelDirectory.TOKENIZER_FILES, List.of("tokenizer.json"))
                .containsKey("training");
        Tokenizer tokenizer = opened.subwordTokenizer().orElseThrow();
        int[] ids = tokenizer.encode(" a");
        assertThat(ids).containsExactly(256);
        assertThat(opened.table().weights().row(ids[0])).containsExactly(1, 0);

        Files.delete(model.resolve("tokenizer.json"));
        assertThatThrownBy(() -> ModelDirectory.open(model)).isInstanceOf(EmbedkitException.class)
                .hasMessageContaining("tokenizer_files").hasMessageContaining("names tokenizer.json, which is not in");
    }

    @Test
    void aTableWhoseRowsAreNotTheTokenizersIdsIsRefused() throws Exception {
        List<String> vocab = bytesAndOneMerge();
        Path tokenizerDir = tokenizer(vocab);
        EmbeddingTable shorter = table(vocab.subList(0, 200));
        assertThatThrownBy(() -> ModelDirectory.save(shorter, config(shorter), dir.resolve("m"), tokenizerDir))
                .isInstanceOf(BadInputException.class).hasMessageContaining("has 257 tokens but the table has 200 rows");
        assertThatThrownBy(() -> ModelDirectory.save(shorter, config(shorter), dir.resolve("m"), dir))
                .isInstanceOf(BadInputException.class).hasMessageContaining("no subword tokenizer here");
    }
}
