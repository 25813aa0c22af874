package dev.embedkit.io;

import dev.embedkit.BadInputException;
import dev.embedkit.FormatException;
import dev.embedkit.embed.EmbeddingTable;
import dev.embedkit.tensor.HeapMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmbeddingFilesTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(VectorFormat.class)
    void everyFormatRoundTripsAndIsDetectedFromItsName(VectorFormat format) {
        Path path = dir.resolve(fileName(format));
        EmbeddingFiles.save(Tables.hard(), path, format);
        assertThat(EmbeddingFiles.detect(path)).isEqualTo(format);
        EmbeddingTable loaded = EmbeddingFiles.load(path);
        if (storesTokens(format)) {
            Tables.assertSameBits(loaded, Tables.hard());
        } else {
            assertThat(loaded.vocabulary().tokens()).containsExactly("0", "1", "2", "3", "4", "5");
            assertThat(loaded.weights().toHeap()).isEqualTo(Tables.hard().weights());
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(path); // nothing temporary left behind
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @ParameterizedTest
    @EnumSource(value = VectorFormat.class, mode = EnumSource.Mode.EXCLUDE, names = "MODEL_DIR")
    void detectionLooksAtTheContentNotTheName(VectorFormat format) throws IOException {
        Path original = dir.resolve(fileName(format));
        EmbeddingFiles.save(Tables.hard(), original, format);
        Path misnamed = Files.move(original, dir.resolve("misnamed.dat"));
        VectorFormat expected = format == VectorFormat.FASTTEXT_VEC ? VectorFormat.WORD2VEC_TEXT : format;
        assertThat(EmbeddingFiles.detect(misnamed)).isEqualTo(expected);
    }

    @Test
    void aBinaryFileRenamedToTxtStillLoads() throws IOException {
        Path bin = dir.resolve("v.bin");
        EmbeddingFiles.save(Tables.hard(), bin, VectorFormat.WORD2VEC_BINARY);
        Path txt = Files.move(bin, dir.resolve("v.txt"));
        Tables.assertSameBits(EmbeddingFiles.load(txt), Tables.hard());
    }

    @Test
    void aTextFileNamedBinStillLoads() throws IOException {
        Path txt = dir.resolve("v.txt");
        EmbeddingFiles.save(Tables.hard(), txt, VectorFormat.WORD2VEC_TEXT);
        Path bin = Files.move(txt, dir.resolve("v.bin"));
        Tables.assertSameBits(EmbeddingFiles.load(bin), Tables.hard());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "5 3\\n6 1\\n7 2\\n|GLOVE",          // d=1 GloVe rows: "5 3" is not a header, line 2 has too few values
            "3 1\\n6 1\\n7 2\\n|GLOVE",          // passes for a header, but 3 rows are promised and 2 follow
            "2 1\\n6 1\\n7 2\\n|WORD2VEC_TEXT",  // a consistent header
            "the 0.1 -2e-3\\n|GLOVE",
    })
    void tellsShortTextFilesApart(String content, VectorFormat expected) throws IOException {
        Path file = Files.writeString(dir.resolve("v.txt"), content.replace("\\n", "\n"));
        assertThat(EmbeddingFiles.detect(file)).isEqualTo(expected);
    }

    @Test
    void unknownContentIsAClearError() throws IOException {
        Path file = Files.writeString(dir.resolve("notes.txt"), "Dear diary,\ntoday I embedded.\n");
        assertThatThrownBy(() -> EmbeddingFiles.load(file)).isInstanceOf(FormatException.class)
                .hasMessageContaining("notes.txt, byte offset 0: cannot tell the format");
        Path plain = Files.createDirectory(dir.resolve("plain"));
        assertThatThrownBy(() -> EmbeddingFiles.detect(plain)).isInstanceOf(FormatException.class)
                .hasMessageContaining("is a directory without config.json");
        assertThatThrownBy(() -> EmbeddingFiles.detect(dir.resolve("missing.bin")))
                .isInstanceOf(BadInputException.class).hasMessageContaining("no such file");
    }

    @Test
    void aGgufFileIsSentToTheCheckpointReader() {
        Path gguf = Fixtures.path("checkpoints/llama-f32.gguf");
        assertThatThrownBy(() -> EmbeddingFiles.load(gguf)).isInstanceOf(FormatException.class)
                .hasMessageContaining(gguf + ", byte offset 0: is a GGUF model checkpoint: open it with"
                        + " dev.embedkit.checkpoint.Checkpoints.open");
    }

    @Test
    void bareSafetensorsUseTheOnly2dTensorOrListTheNames() {
        Path one = dir.resolve("one.safetensors");
        HeapMatrix m = HeapMatrix.of(new float[][]{{1f, 2f}, {3f, 4f}});
        SafetensorsFile.write(one, Map.of("wte", m));
        assertThat(EmbeddingFiles.load(one).weights().toHeap()).isEqualTo(m);

        Path two = dir.resolve("two.safetensors");
        Map<String, HeapMatrix> tensors = new LinkedHashMap<>();
        tensors.put("a", m);
        tensors.put("b", m);
        SafetensorsFile.write(two, tensors);
        assertThatThrownBy(() -> EmbeddingFiles.load(two)).isInstanceOf(FormatException.class)
                .hasMessageContaining("has none of the usual token embedding tensors (embedding.weight, wte.weight,")
                .hasMessageContaining("and not exactly one 2-D tensor to use instead; its 2-D tensors are: a [2, 2], b [2, 2]")
                .hasMessageContaining("--tensor NAME");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"out,MODEL_DIR", "out.bin,WORD2VEC_BINARY", "out.TXT,WORD2VEC_TEXT", "out.vec,FASTTEXT_VEC",
            "out.npy,NPY", "out.safetensors,SAFETENSORS", ".hidden,MODEL_DIR"})
    void outputFormatFollowsTheExtension(String name, VectorFormat expected) {
        assertThat(VectorFormat.forOutputPath(Path.of("some/dir", name))).isEqualTo(expected);
    }

    @Test
    void unknownExtensionsAndNamesListTheValidOnes() {
        assertThatThrownBy(() -> VectorFormat.forOutputPath(Path.of("out.csv"))).isInstanceOf(BadInputException.class)
                .hasMessageContaining("'.csv'").hasMessageContaining("word2vec-binary");
        assertThatThrownBy(() -> VectorFormat.fromCliName("gguf")).isInstanceOf(BadInputException.class)
                .hasMessageContaining("unknown format 'gguf'; valid formats: model, word2vec-text, word2vec-binary, "
                        + "glove, fasttext-vec, safetensors, npy, fasttext-bin");
        for (VectorFormat format : VectorFormat.values()) {
            assertThat(VectorFormat.fromCliName(format.cliName())).isEqualTo(format);
        }
    }

    @Test
    void tokensWithSpacesAreRejectedOnlyWhereTheyAreDelimiters() {
        EmbeddingTable table = Tables.of(List.of("new york", "a"), new float[][]{{1f}, {2f}});
        for (VectorFormat format : List.of(VectorFormat.WORD2VEC_TEXT, VectorFormat.WORD2VEC_BINARY,
                VectorFormat.GLOVE, VectorFormat.FASTTEXT_VEC)) {
            assertThatThrownBy(() -> EmbeddingFiles.save(table, dir.resolve("x"), format))
                    .isInstanceOf(BadInputException.class)
                    .hasMessageContaining("token 0 'new york' contains whitespace, which " + format.cliName());
        }
        Path model = dir.resolve("model");
        EmbeddingFiles.save(table, model, VectorFormat.MODEL_DIR);
        Tables.assertSameBits(EmbeddingFiles.load(model), table);
    }

    static String fileName(VectorFormat format) {
        return switch (format) {
            case MODEL_DIR -> "model";
            case WORD2VEC_TEXT -> "v.txt";
            case WORD2VEC_BINARY -> "v.bin";
            case GLOVE -> "glove.txt";
            case FASTTEXT_VEC -> "v.vec";
            case SAFETENSORS -> "v.safetensors";
            case NPY -> "v.npy";
            case FASTTEXT_BIN -> "ft.bin";
        };
    }

    static boolean storesTokens(VectorFormat format) {
        return format != VectorFormat.NPY && format != VectorFormat.SAFETENSORS;
    }
}
