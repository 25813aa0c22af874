package dev.embedkit.io;

import dev.embedkit.BadInputException;
import dev.embedkit.FormatException;
import dev.embedkit.embed.EmbeddingTable;
import dev.embedkit.tokenize.WordSplitter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class Word2VecBinaryTest {
    @TempDir
    Path dir;

    @Test
    void roundTripsBitExact() {
        Path file = dir.resolve("v.bin");
        Word2VecBinary.write(Tables.hard(), file);
        Tables.assertSameBits(Word2VecBinary.read(file), Tables.hard());
    }

    @Test
    void writesTheLayoutOfTheCToolAndGensim() throws IOException {
        Path file = dir.resolve("v.bin");
        Word2VecBinary.write(Tables.of(List.of("é"), new float[][]{{1f, -2f}}), file);
        assertThat(Files.readAllBytes(file)).isEqualTo(new Bytes().text("1 2\né ").floats(1f, -2f).text("\n").array());
    }

    @Test
    void streamingToAModelDirectoryWritesWhatLoadingAndSavingWrites() throws IOException {
        Path file = dir.resolve("v.bin");
        Word2VecBinary.write(Tables.hard(), file);
        WordSplitter splitter = new WordSplitter(WordSplitter.Mode.WHITESPACE, false);
        ModelConfig config = ModelDirectory.fromWord2VecBinary(file, dir.resolve("streamed"), splitter);
        EmbeddingTable loaded = Word2VecBinary.read(file);
        ModelDirectory.save(loaded, ModelConfig.forTable(loaded, splitter), dir.resolve("saved"));
        assertThat(config).isEqualTo(ModelConfig.forTable(loaded, splitter));
        for (String name : List.of(ModelDirectory.CONFIG, ModelDirectory.VOCAB, ModelDirectory.EMBEDDINGS)) {
            assertThat(Files.readAllBytes(dir.resolve("streamed").resolve(name))).as(name)
                    .isEqualTo(Files.readAllBytes(dir.resolve("saved").resolve(name)));
        }
        Tables.assertSameBits(ModelDirectory.open(dir.resolve("streamed")).table(), Tables.hard());
    }

    @Test
    void aFailedStreamingConversionLeavesNoDirectory() throws IOException {
        Path duplicate = write(new Bytes().text("2 1\na ").floats(1f).text("\na ").floats(2f).text("\n"));
        WordSplitter splitter = new WordSplitter(WordSplitter.Mode.WHITESPACE, false);
        assertThatThrownBy(() -> ModelDirectory.fromWord2VecBinary(duplicate, dir.resolve("m"), splitter))
                .hasMessageContaining("byte offset 11: duplicate token 'a' in rows 0 and 1");
        Path infinite = write(new Bytes().text("1 2\na ").floats(1f, Float.NEGATIVE_INFINITY).text("\n"));
        assertThatThrownBy(() -> ModelDirectory.fromWord2VecBinary(infinite, dir.resolve("m"), splitter))
                .hasMessageContaining("byte offset 10: value 2 of token 'a' is -Infinity");
        assertThat(dir.resolve("m")).doesNotExist();
        try (var left = Files.list(dir)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactly("in.bin"); // no temp directories
        }
    }

    @Test
    void rejectsControlWhitespaceInsideATokenAtItsOffset() { // fuzz finding: read, and then the writer refused it
        Path tab = write(new Bytes().text("1 1\na\tb ").floats(1f));
        assertThatThrownBy(() -> Word2VecBinary.read(tab)).isInstanceOf(FormatException.class)
                .hasMessageContaining("byte offset 4: the token 'a\\tb' of row 0 contains a tab, CR or newline");
        Path newline = write(new Bytes().text("2 1\na ").floats(1f).text("\nb\nc ").floats(2f));
        assertThatThrownBy(() -> Word2VecBinary.read(newline))
                .hasMessageContaining("byte offset 11: the token 'b\\nc' of row 1");
    }

    @Test
    void anEmptyTableClaimingAHugeDimensionAllocatesNothing() { // fuzz finding: it allocated 16·d floats
        EmbeddingTable table = Word2VecBinary.read(write(new Bytes().text("0 2000000000\n")));
        assertThat(table.vocabularySize()).isZero();
    }

    @Test
    void toleratesMissingNewlinesAfterRows() {
        Path file = write(new Bytes().text("2 1\na ").floats(1f).text("b ").floats(2f));
        EmbeddingTable table = Word2VecBinary.read(file);
        assertThat(table.lookup("b")).containsExactly(2f);
    }

    @Test
    void hugeHeaderOnATinyFileFailsBeforeAllocating() {
        Path file = write(new Bytes().text("1000000000 300\na ").floats(1f));
        assertThatThrownBy(() -> Word2VecBinary.read(file)).isInstanceOf(FormatException.class)
                .hasMessageContaining("line 1: the header claims 1000000000 rows of d=300 values");
    }

    @Test
    void aFileTooBigForTheHeapIsAClearErrorNotAnOutOfMemory() throws IOException {
        // A sparse 12 GB file: long enough for what its header claims (10^6 rows × 3000 floats = 3·10^9 values),
        // so only the heap limit stops it, before anything is allocated.
        Path file = write(new Bytes().text("1000000 3000\n"));
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(12_100_000_000L);
        }
        assertThatThrownBy(() -> Word2VecBinary.read(file)).isInstanceOf(FormatException.class)
                .hasMessageContaining("a table of 1000000×3000 = 3000000000 values is more than a heap matrix can hold");
    }

    @Test
    void truncatedValuesNameTheOffset() {
        Path file = write(new Bytes().text("2 2\nlongtoken ").floats(1f, 2f).text("\nbb ").floats(3f));
        assertThatThrownBy(() -> Word2VecBinary.read(file)).isInstanceOf(FormatException.class)
                .hasMessageContaining("byte offset 30: truncated in the values of token 'bb' (row 1): 4 of 8 bytes");
    }

    @Test
    void truncatedFileNamesTheOffset() {
        Path file = write(new Bytes().text("1 2\nab ").floats(1f).text("123"));
        assertThatThrownBy(() -> Word2VecBinary.read(file))
                .hasMessageContaining("truncated in the values of token 'ab' (row 0): 7 of 8 bytes");
    }

    @Test
    void duplicateTokenNamesBothRows() {
        Path file = write(new Bytes().text("2 1\na ").floats(1f).text("\na ").floats(2f).text("\n"));
        assertThatThrownBy(() -> Word2VecBinary.read(file))
                .hasMessageContaining("byte offset 11: duplicate token 'a' in rows 0 and 1");
    }

    @Test
    void nonFiniteValueNamesItsOffset() {
        Path file = write(new Bytes().text("1 2\na ").floats(1f, Float.POSITIVE_INFINITY).text("\n"));
        assertThatThrownBy(() -> Word2VecBinary.read(file))
                .hasMessageContaining("byte offset 10: value 2 of token 'a' is Infinity");
    }

    @Test
    void invalidUtf8TokenNamesItsOffset() {
        Path file = write(new Bytes().text("1 1\n").raw((byte) 0xFF, (byte) ' ').floats(1f).text("\n"));
        assertThatThrownBy(() -> Word2VecBinary.read(file))
                .hasMessageContaining("byte offset 4: the token bytes are not valid UTF-8");
    }

    @Test
    void extraDataAfterTheDeclaredRows() {
        Path file = write(new Bytes().text("1 1\na ").floats(1f).text("\nb ").floats(2f));
        assertThatThrownBy(() -> Word2VecBinary.read(file))
                .hasMessageContaining("byte offset 11: extra data after the 1 rows the header declares");
    }

    @Test
    void emptyTokenAndZeroDimensionAreErrors() {
        Path empty = write(new Bytes().text("1 1\n ").floats(1f).text("\n"));
        assertThatThrownBy(() -> Word2VecBinary.read(empty)).hasMessageContaining("byte offset 4: empty token in row 0");
        Path zero = write(new Bytes().text("1 0\na \n"));
        assertThatThrownBy(() -> Word2VecBinary.read(zero)).hasMessageContaining("line 1: the header claims dimension d=0");
    }

    @Test
    void rejectsTokensWithSpaces() {
        EmbeddingTable table = Tables.of(List.of("a b"), new float[][]{{1f}});
        assertThatThrownBy(() -> Word2VecBinary.write(table, dir.resolve("v.bin")))
                .isInstanceOf(BadInputException.class).hasMessageContaining("contains whitespace");
    }

    private Path write(Bytes bytes) {
        try {
            return Files.write(dir.resolve("in.bin"), bytes.array());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Builds binary test files byte by byte. */
    static final class Bytes {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Bytes text(String s) {
            out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
            return this;
        }

        Bytes raw(byte... bytes) {
            out.writeBytes(bytes);
            return this;
        }

        Bytes floats(float... values) {
            ByteBuffer buffer = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
            for (float v : values) {
                buffer.putFloat(v);
            }
            out.writeBytes(buffer.array());
            return this;
        }

        byte[] array() {
            return out.toByteArray();
        }
    }
}
