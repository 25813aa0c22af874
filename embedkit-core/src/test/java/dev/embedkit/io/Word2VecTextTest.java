package dev.embedkit.io;

import dev.embedkit.BadInputException;
import dev.embedkit.FormatException;
import dev.embedkit.embed.EmbeddingTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class Word2VecTextTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(value = VectorFormat.class, names = {"WORD2VEC_TEXT", "FASTTEXT_VEC", "GLOVE"})
    void roundTripsBitExactWithUnicodeTokens(VectorFormat format) {
        Path file = dir.resolve("v.txt");
        Word2VecText.write(Tables.hard(), file, format);
        Tables.assertSameBits(Word2VecText.read(file, format != VectorFormat.GLOVE), Tables.hard());
    }

    @Test
    void writesHeaderAndShortestDecimals() throws IOException {
        Path file = dir.resolve("v.txt");
        Word2VecText.write(Tables.of(List.of("a", "b"), new float[][]{{0.1f, -0f}, {1f, 1e-45f}}), file,
                VectorFormat.WORD2VEC_TEXT);
        assertThat(Files.readString(file)).isEqualTo("2 2\na 0.1 -0.0\nb 1.0 1.4E-45\n");
    }

    @Test
    void readsTheCToolsTrailingSpaceAndCrlf() {
        EmbeddingTable table = Word2VecText.read(write("2 2\r\na 0.500000 1.000000 \r\nb\t2 3e0 \n"), true);
        assertThat(table.lookup("a")).containsExactly(0.5f, 1f);
        assertThat(table.lookup("b")).containsExactly(2f, 3f);
    }

    @Test
    void rejectsTokensWithWhitespaceOnWrite() {
        EmbeddingTable table = Tables.of(List.of("new york"), new float[][]{{1f}});
        assertThatThrownBy(() -> Word2VecText.write(table, dir.resolve("v.txt"), VectorFormat.WORD2VEC_TEXT))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("'new york' contains whitespace");
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void rejectsNonFiniteValuesOnWriteAndLeavesNoFile() {
        EmbeddingTable table = Tables.of(List.of("a"), new float[][]{{Float.NaN}});
        assertThatThrownBy(() -> Word2VecText.write(table, dir.resolve("v.txt"), VectorFormat.WORD2VEC_TEXT))
                .isInstanceOf(BadInputException.class).hasMessageContaining("NaN");
        assertThat(dir).isEmptyDirectory();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "2 2\\na 1.5 2.5\\n|line 2: truncated: the header declares 2 rows, the file ends after 1",
            "1 2\\na 1 2\\nb 3 4\\n|line 3: extra row (token 'b') after the 1 rows",
            "2 2\\na 1 2\\nb 3\\n|line 3: the row of token 'b' has 1 values, expected d=2",
            "2 2\\na 1 2\\nb 3 x\\n|line 3: value 2 of token 'b' is 'x', which is not a number",
            "2 2\\na 1 2\\nb 3 1f\\n|line 3: value 2 of token 'b' is '1f', which is not a number",
            "2 2\\na 1 nan\\nb 3 4\\n|line 2: value 2 of token 'a' is 'nan': NaN and infinity are not allowed",
            "2 2\\na 1 -Infinity\\nb 3 4\\n|line 2: value 2 of token 'a' is '-Infinity'",
            "2 2\\na 1 1e39\\nb 3 4\\n|line 2: value 2 of token 'a' is '1e39', beyond the float range",
            "2 2\\na 1 2\\na 3 4\\n|line 3: duplicate token 'a': it is also on line 2",
            "2 2\\n 1 2\\nb 3 4\\n|line 2: empty token",
            "2 0\\n|line 1: the header claims dimension d=0",
            "-2 3\\n|line 1: the header's row count V is negative",
            "2 x\\n|line 1: the header's dimension d 'x' is not an integer",
            "a 1 2\\n|line 1: the header must be 'V d'",
            "1000000000 300\\na 1 2\\n|line 1: the header claims 1000000000 rows of d=300 values, which need at least",
            "1 2\\na 1 2 3\\n|line 2: the row of token 'a' has 3 values, expected d=2 (tokens cannot contain spaces",
            // fuzz finding: a huge d with no rows (it allocated 16·d floats before reading on)
            "0 2000000000\\na 1\\n|line 2: extra row (token 'a') after the 0 rows",
    })
    void rejectsMalformedFilesNamingTheLine(String content, String message) {
        Path file = write(content.replace("\\n", "\n"));
        assertThatThrownBy(() -> Word2VecText.read(file, true))
                .isInstanceOf(FormatException.class)
                .hasMessageStartingWith(file.toString())
                .hasMessageContaining(message);
    }

    @Test
    void rejectsInvalidUtf8AtItsLine() throws IOException {
        Path file = dir.resolve("v.txt");
        Files.write(file, new byte[]{'1', ' ', '1', '\n', (byte) 0xC3, (byte) 0x28, ' ', '1', '\n'});
        assertThatThrownBy(() -> Word2VecText.read(file, true)).isInstanceOf(FormatException.class)
                .hasMessageContaining("line 2: is not valid UTF-8");
    }

    @Test
    void rejectsAnEmptyFile() {
        Path file = write("");
        assertThatThrownBy(() -> Word2VecText.read(file, false)).hasMessageContaining("is empty");
    }

    @Test
    void gloveTakesTheDimensionFromTheFirstRow() {
        Path file = write("a 1 2 3\nb 4 5\n");
        assertThatThrownBy(() -> Word2VecText.read(file, false))
                .hasMessageContaining("line 2: the row of token 'b' has 2 values, expected d=3");
    }

    @Test
    void emptyHeaderFileIsAnEmptyTable() {
        assertThat(Word2VecText.read(write("0 5\n"), true).vocabularySize()).isZero();
    }

    @Test
    void rejectsACarriageReturnInsideAToken() { // fuzz finding: it was read, and then the writer refused it
        assertThatThrownBy(() -> Word2VecText.read(write("1 2\na\rb 1 2\n"), true))
                .isInstanceOf(FormatException.class)
                .hasMessageContaining("in.txt, line 2: the token 'a\\rb' contains a carriage return");
    }

    @Test
    void anEmptyTableClaimingAHugeDimensionAllocatesNothing() { // fuzz finding: it allocated 16·d floats
        EmbeddingTable table = Word2VecText.read(write("0 2000000000\n"), true);
        assertThat(table.vocabularySize()).isZero();
        assertThat(table.dim()).isEqualTo(2_000_000_000);
    }

    private Path write(String content) {
        try {
            return Files.writeString(dir.resolve("in.txt"), content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
