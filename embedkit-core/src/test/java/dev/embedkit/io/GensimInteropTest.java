package dev.embedkit.io;

import com.fasterxml.jackson.databind.JsonNode;
import dev.embedkit.embed.EmbeddingTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * word2vec interop with gensim 4.2, through the fixtures of scripts/fixtures/make-gensim-fixtures.py. With
 * {@code -Dembedkit.writeFixtures=true} the writer tests refresh fixtures/embedkit (step 1 of that script).
 */
class GensimInteropTest {
    private static final boolean WRITE_FIXTURES = Boolean.getBoolean("embedkit.writeFixtures");
    private static final Path SOURCE_FIXTURES = Path.of("src/test/resources/fixtures/embedkit");

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"gensim.txt,WORD2VEC_TEXT", "gensim.bin,WORD2VEC_BINARY"})
    void readsWhatGensimWroteToTheBit(String name, VectorFormat format) throws IOException {
        Path file = Fixtures.path("gensim/" + name);
        assertThat(EmbeddingFiles.detect(file)).isEqualTo(format);
        Path renamed = Files.copy(file, dir.resolve("renamed.vectors")); // detection must not need the name
        assertThat(EmbeddingFiles.detect(renamed)).isEqualTo(format);
        assertTable(EmbeddingFiles.load(file), Fixtures.json("gensim/gensim.json"));
    }

    @ParameterizedTest
    @CsvSource({"hard.txt,WORD2VEC_TEXT", "hard.bin,WORD2VEC_BINARY", "hard-glove.txt,GLOVE"})
    void gensimReadsWhatWeWriteAsWeMeantIt(String name, VectorFormat format) throws IOException {
        Path written = dir.resolve(name);
        EmbeddingFiles.save(Tables.hard(), written, format);
        if (WRITE_FIXTURES) {
            Files.createDirectories(SOURCE_FIXTURES);
            Files.copy(written, SOURCE_FIXTURES.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            return;
        }
        // Our writer still produces the very bytes gensim was shown to read...
        assertThat(Files.readAllBytes(written)).isEqualTo(Files.readAllBytes(Fixtures.path("embedkit/" + name)));
        // ...and gensim read them as the table we wrote.
        assertTable(Tables.hard(), Fixtures.json("embedkit/gensim-read.json").get(name));
    }

    @Test
    void gensimsOwnTableWrittenByUsReadsBackTheSame() {
        EmbeddingTable gensim = EmbeddingFiles.load(Fixtures.path("gensim/gensim.bin"));
        Path text = dir.resolve("again.txt");
        EmbeddingFiles.save(gensim, text, VectorFormat.WORD2VEC_TEXT);
        Tables.assertSameBits(EmbeddingFiles.load(text), gensim);
    }

    /** The table has exactly the tokens and float32 bit patterns that the JSON records. */
    private static void assertTable(EmbeddingTable table, JsonNode expected) {
        List<String> tokens = new ArrayList<>();
        expected.get("tokens").forEach(t -> tokens.add(t.asText()));
        assertThat(table.vocabulary().tokens()).isEqualTo(tokens);
        JsonNode rows = expected.get("bits");
        for (int r = 0; r < rows.size(); r++) {
            float[] row = table.lookup(r);
            assertThat(row).hasSize(rows.get(r).size());
            for (int c = 0; c < row.length; c++) {
                assertThat(Integer.toUnsignedLong(Float.floatToRawIntBits(row[c])))
                        .as("token '%s' value %d (%s)", tokens.get(r), c, row[c])
                        .isEqualTo(rows.get(r).get(c).asLong());
            }
        }
    }
}
