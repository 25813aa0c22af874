package dev.embedkit.io;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.embedkit.BadInputException;
import dev.embedkit.FormatException;
import dev.embedkit.embed.EmbeddingTable;
import dev.embedkit.tensor.DType;
import dev.embedkit.tensor.HeapMatrix;
import dev.embedkit.tensor.MappedMatrix;
import dev.embedkit.tokenize.WordSplitter;
import dev.embedkit.vocab.UnknownTokenPolicy;
import dev.embedkit.vocab.Vocabulary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelDirectoryTest {
    private static final WordSplitter SPLITTER = new WordSplitter(WordSplitter.Mode.PUNCTUATION, true);

    @TempDir
    Path dir;

    @Test
    void roundTripsTableVocabularyAndConfig() {
        Vocabulary vocabulary = Vocabulary.of(List.of("<unk>", "the", "new york", "日本"), new long[]{0, 9, 4, 1},
                Set.of("<unk>"), "<unk>", UnknownTokenPolicy.MAP_TO_UNK);
        EmbeddingTable table = new EmbeddingTable(vocabulary, HeapMatrix.of(new float[][]{
                {0f, -0f}, {Float.MIN_VALUE, Float.MAX_VALUE}, {1f / 3, -2.5f}, {1e-40f, 7f}}));
        ModelConfig config = ModelConfig.forTable(table, SPLITTER)
                .withExtra(Map.of("training", Map.of("epochs", 5, "learning_rate", new BigDecimal("0.025"))));
        Path model = dir.resolve("model");
        ModelDirectory.save(table, config, model);

        ModelDirectory opened = ModelDirectory.open(model);
        assertThat(opened.path()).isEqualTo(model);
        assertThat(opened.config()).isEqualTo(config);
        assertThat(opened.table().weights()).isInstanceOf(MappedMatrix.class);
        Tables.assertSameBits(opened.table(), table);
        Vocabulary read = opened.table().vocabulary();
        assertThat(read.count(1)).isEqualTo(9);
        assertThat(read.isSpecial(0)).isTrue();
        assertThat(read.id("never seen")).isZero();
    }

    @Test
    void moreTensorsTravelInTheSameFileAndAreFoundByName() {
        EmbeddingTable table = new EmbeddingTable(Vocabulary.of(List.of("a", "b")), HeapMatrix.of(new float[][]{{1, 2}, {3, 4}}));
        Path model = dir.resolve("with-bias");
        ModelDirectory.save(table, ModelConfig.forTable(table, SPLITTER), model,
                Map.of("output.bias", HeapMatrix.of(new float[][]{{0.5f, -0.25f}})));
        ModelDirectory opened = ModelDirectory.open(model);
        Tables.assertSameBits(opened.table(), table);
        assertThat(opened.tensor("output.bias").toHeap().data()).containsExactly(0.5f, -0.25f);
        assertThatThrownBy(() -> opened.tensor("lm_head.weight")).isInstanceOf(FormatException.class)
                .hasMessageContaining("embeddings.safetensors").hasMessageContaining("lm_head.weight")
                .hasMessageContaining("no such tensor");
        assertThatThrownBy(() -> ModelDirectory.save(table, ModelConfig.forTable(table, SPLITTER), dir.resolve("clash"),
                Map.of(SafetensorsFile.EMBEDDING_TENSOR, table.weights())))
                .isInstanceOf(BadInputException.class).hasMessageContaining("is the table's own");
        assertThat(dir.resolve("clash")).doesNotExist();
    }

    @Test
    void writesTheDocumentedConfigJson() throws IOException {
        Path model = dir.resolve("m");
        EmbeddingTable table = Tables.of(List.of("a", "b"), new float[][]{{1f}, {2f}});
        ModelDirectory.save(table, ModelConfig.forTable(table, SPLITTER).withExtra(Map.of("corpus", "text8")), model);
        Map<String, Object> json = new ObjectMapper().readValue(model.resolve("config.json").toFile(),
                new TypeReference<LinkedHashMap<String, Object>>() { });
        assertThat(json.keySet()).containsExactly("format", "version", "vocab_size", "dim", "tokenizer",
                "word_splitter", "dtype", "special_tokens", "corpus");
        assertThat(json).containsEntry("format", "embedkit").containsEntry("version", 1).containsEntry("vocab_size", 2)
                .containsEntry("dim", 1).containsEntry("tokenizer", "word").containsEntry("dtype", "F32")
                .containsEntry("word_splitter", Map.of("mode", "PUNCTUATION", "lowercase", true))
                .containsEntry("special_tokens", List.of()).containsEntry("corpus", "text8");
        assertThat(Files.readString(model.resolve("vocab.txt"))).isEqualTo("a\nb\n");
        try (Stream<Path> siblings = Files.list(dir)) {
            assertThat(siblings).containsExactly(model); // no temporary left behind
        }
    }

    @Test
    void extraSettingsSurviveVerbatim() throws IOException {
        Path model = dir.resolve("m");
        EmbeddingTable table = Tables.of(List.of("a"), new float[][]{{1f}});
        ModelDirectory.save(table, ModelConfig.forTable(table, SPLITTER), model);
        String config = Files.readString(model.resolve("config.json"));
        Files.writeString(model.resolve("config.json"), config.replace("\"dtype\"",
                "\"lr\": 0.0250, \"nested\": {\"x\": [1, null, 1e-4]}, \"dtype\""));
        ModelDirectory opened = ModelDirectory.open(model);
        Path copy = dir.resolve("copy");
        ModelDirectory.save(opened.table(), opened.config(), copy);
        assertThat(ModelDirectory.open(copy).config()).isEqualTo(opened.config());
        assertThat(Files.readString(copy.resolve("config.json"))).contains("\"lr\" : 0.0250").contains("[ 1, null, 0.0001 ]"); // same value; BigDecimal prints 1e-4 plainly
    }

    @Test
    void keepsAnF16TablesDtype() {
        Path model = dir.resolve("m");
        EmbeddingTable table = Tables.of(List.of("a", "b"), new float[][]{{1f, 0.5f}, {-2f, 0x1p-24f}});
        // The same values stored as F16 (all exactly representable), as a mapped model table would be.
        MemorySegment halves = Arena.ofAuto().allocate(8);
        float[] values = {1f, 0.5f, -2f, 0x1p-24f};
        for (int i = 0; i < 4; i++) {
            DType.F16.write(halves, 2L * i, values[i]);
        }
        EmbeddingTable half = new EmbeddingTable(table.vocabulary(), new MappedMatrix(halves, 2, 2, DType.F16));
        ModelDirectory.save(half, ModelConfig.forTable(half, SPLITTER), model);
        ModelDirectory opened = ModelDirectory.open(model);
        assertThat(opened.table().weights().dtype()).isEqualTo(DType.F16);
        Tables.assertSameBits(opened.table(), table);
    }

    @Test
    void replacesAnExistingModelButNotOtherDirectories() throws IOException {
        EmbeddingTable first = Tables.of(List.of("a"), new float[][]{{1f}});
        EmbeddingTable second = Tables.of(List.of("b", "c"), new float[][]{{2f}, {3f}});
        Path model = dir.resolve("m");
        ModelDirectory.save(first, ModelConfig.forTable(first, SPLITTER), model);
        ModelDirectory.save(second, ModelConfig.forTable(second, SPLITTER), model);
        Tables.assertSameBits(ModelDirectory.open(model).table(), second);

        Path photos = Files.createDirectories(dir.resolve("photos"));
        Files.writeString(photos.resolve("cat.jpg"), "meow");
        assertThatThrownBy(() -> ModelDirectory.save(first, ModelConfig.forTable(first, SPLITTER), photos))
                .isInstanceOf(BadInputException.class).hasMessageContaining("refusing to replace");
        assertThat(photos.resolve("cat.jpg")).exists();
    }

    @Test
    void refusesVocabTokensWithTabs() {
        EmbeddingTable table = Tables.of(List.of("a\tb"), new float[][]{{1f}});
        assertThatThrownBy(() -> ModelDirectory.save(table, ModelConfig.forTable(table, SPLITTER), dir.resolve("m")))
                .isInstanceOf(BadInputException.class).hasMessageContaining("'a\\tb' cannot be stored in vocab.txt");
    }

    @Test
    void reportsDisagreementsBetweenTheFiles() throws IOException {
        Path model = dir.resolve("m");
        EmbeddingTable table = Tables.of(List.of("a", "b"), new float[][]{{1f}, {2f}});
        ModelDirectory.save(table, ModelConfig.forTable(table, SPLITTER), model);
        String config = Files.readString(model.resolve("config.json"));

        Files.writeString(model.resolve("config.json"), config.replace("\"F32\"", "\"BF16\""));
        assertOpenFails(model, "config.json, field 'dtype': says BF16, but embeddings.safetensors stores F32");

        Files.writeString(model.resolve("config.json"), config.replace("\"vocab_size\" : 2", "\"vocab_size\" : 3"));
        assertOpenFails(model, "field 'vocab_size': 3 does not match the 2 tokens of vocab.txt");

        Files.writeString(model.resolve("config.json"), config.replace("\"dim\" : 1", "\"dim\" : 4"));
        assertOpenFails(model, "field 'embedding.weight': is 2×1, but config.json says vocab_size=2, dim=4");

        Files.writeString(model.resolve("config.json"), config.replace("\"version\" : 1", "\"version\" : 2"));
        assertOpenFails(model, "field 'version': 2 is not a version this embedkit reads");

        Files.writeString(model.resolve("config.json"), config.replace("PUNCTUATION", "SYLLABLES"));
        assertOpenFails(model, "field 'word_splitter.mode': 'SYLLABLES' is not one of");

        Files.writeString(model.resolve("config.json"), config);
        Files.writeString(model.resolve("vocab.txt"), "a\na\n");
        assertOpenFails(model, "vocab.txt, line 2: duplicate token 'a': it is also on line 1");
    }

    @Test
    void openingSomethingElseSaysWhatAModelIs() {
        assertThatThrownBy(() -> ModelDirectory.open(dir.resolve("nope")))
                .isInstanceOf(BadInputException.class).hasMessageContaining("is not a directory");
    }

    private static void assertOpenFails(Path model, String message) {
        assertThatThrownBy(() -> ModelDirectory.open(model)).isInstanceOf(FormatException.class)
                .hasMessageContaining(message);
    }
}
