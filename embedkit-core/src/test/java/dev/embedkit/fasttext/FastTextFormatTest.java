package dev.embedkit.fasttext;

import dev.embedkit.BadInputException;
import dev.embedkit.FormatException;
import dev.embedkit.embed.WordVector;
import dev.embedkit.io.EmbeddingFiles;
import dev.embedkit.io.VectorFormat;
import dev.embedkit.subword.SubwordVectors;
import dev.embedkit.tensor.FloatMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FastTextFormatTest {
    private static final List<String> KNOWN = List.of("the", "king", "kingdom", "naïve", "café", "日本", "東京", "straße",
            SubwordVectors.END_OF_SENTENCE);

    @TempDir
    Path dir;

    private static FastTextModel skipgram() {
        return FastTextFormat.read(FastTextFixtures.path("skipgram.bin"));
    }

    @Test
    void readsTheSettingsAndTheDictionary() {
        FastTextModel model = skipgram();
        FastTextArgs args = model.args();
        assertThat(List.of(args.dim(), args.minn(), args.maxn(), args.bucket(), args.epoch(), args.minCount()))
                .containsExactly(8, 2, 4, 200, 1, 1);
        assertThat(args.modelName()).isEqualTo("skipgram");
        assertThat(args.lossName()).isEqualTo("ns");
        assertThat(model.vocabulary().tokens()).containsAll(KNOWN).doesNotContain("kingdoms", "x");
        assertThat(model.vocabulary().token(0)).isEqualTo("the"); // sorted by count, as fastText keeps them
        assertThat(model.vocabulary().count(0)).isGreaterThan(model.vocabulary().count(model.vocabulary().size() - 1));
        assertThat(model.wordMatrix().rows()).isEqualTo(model.vocabulary().size());
        assertThat(model.bucketMatrix().shape()).isEqualTo("200×8");
        assertThat(model.output().shape()).isEqualTo(model.vocabulary().size() + "×8");
        assertThat(model.tokens()).isPositive();
        assertThat(model.skippedLabels()).isZero();
    }

    @Test
    void everyWordVectorEqualsFastTextsPrintWordVectors() {
        FastTextModel model = skipgram();
        Map<String, float[]> golden = FastTextFixtures.golden();
        assertThat(golden.keySet()).containsExactlyElementsOf(FastTextFixtures.words());
        for (Map.Entry<String, float[]> entry : golden.entrySet()) {
            String word = entry.getKey();
            FastTextFixtures.assertSameAsPrinted(word, model.wordVector(word), entry.getValue());
            WordVector found = model.find(word);
            assertThat(found.oov()).as("'%s' out of the vocabulary", word).isEqualTo(!KNOWN.contains(word));
            FastTextFixtures.assertSameAsPrinted(word, found.values(), entry.getValue());
        }
        assertThat(model.find("x").ngrams()).isEqualTo(3);       // <x, <x>, x>
        assertThat(model.find("日本語").ngrams()).isEqualTo(9);    // <日 <日本 <日本語 日本 日本語 日本語> 本語 本語> 語>
    }

    @Test
    void detectedByItsMagicAndLoadedAsTheWordsVectors() {
        Path renamed = dir.resolve("vectors.txt");
        copy(FastTextFixtures.path("skipgram.bin"), renamed);
        assertThat(EmbeddingFiles.detect(renamed)).isEqualTo(VectorFormat.FASTTEXT_BIN);
        assertThat(EmbeddingFiles.load(renamed).lookup("naïve")).containsExactly(skipgram().wordVector("naïve"));
    }

    @Test
    void aClassifiersLabelsAreSkippedAndItsWordsKept() {
        FastTextModel model = FastTextFormat.read(FastTextFixtures.path("supervised.bin"));
        assertThat(model.args().modelName()).isEqualTo("supervised");
        assertThat(model.skippedLabels()).isEqualTo(2);
        assertThat(model.vocabulary().tokens()).contains("king", "café").noneMatch(w -> w.startsWith("__label__"));
        assertThat(model.output().rows()).isEqualTo(2); // one row per label
        assertThatThrownBy(() -> FastTextFormat.write(model, dir.resolve("s.bin"))).isInstanceOf(BadInputException.class)
                .hasMessageContaining("had 2 labels");
    }

    @Test
    void quantizedModelsAreRefused() {
        Path ftz = FastTextFixtures.path("supervised.ftz");
        assertThatThrownBy(() -> FastTextFormat.read(ftz)).isInstanceOf(FormatException.class)
                .hasMessageStartingWith(ftz + ", field 'quant_input' at byte offset ")
                .hasMessageContaining(": is set: quantized fastText models (.ftz) are not supported");
    }

    @Test
    void writingWhatWasReadGivesTheSameBytes() throws IOException {
        Path copy = dir.resolve("copy.bin");
        FastTextFormat.write(skipgram(), copy);
        assertThat(Files.readAllBytes(copy)).isEqualTo(Files.readAllBytes(FastTextFixtures.path("skipgram.bin")));
    }

    @Test
    void writeThenReadIsIdentity() {
        FastTextModel original = FastTextModel.ofTable(skipgram().table());
        Path file = dir.resolve("table.bin");
        FastTextFormat.write(original, file);
        FastTextModel read = FastTextFormat.read(file);
        assertThat(read.args()).isEqualTo(original.args());
        assertThat(read.tokens()).isEqualTo(original.tokens());
        assertThat(read.vocabulary().tokens()).isEqualTo(original.vocabulary().tokens());
        for (int id = 0; id < read.vocabulary().size(); id++) {
            assertThat(read.vocabulary().count(id)).isEqualTo(original.vocabulary().count(id));
        }
        assertSameBits(read.wordMatrix(), original.wordMatrix());
        assertSameBits(read.bucketMatrix(), original.bucketMatrix());
        assertSameBits(read.output(), original.output());
        assertThat(read.find("kingdoms").values()).containsExactly(new float[8]); // no n-grams: fastText's zero
    }

    @Test
    void everyTruncationIsAnErrorNamingTheOffset() throws IOException {
        byte[] bytes = Files.readAllBytes(FastTextFixtures.path("skipgram.bin"));
        Path cut = dir.resolve("cut.bin");
        for (int length = 4; length < bytes.length; length += length < 600 ? 1 : 97) {
            Files.write(cut, Arrays.copyOf(bytes, length));
            int at = length;
            assertThatThrownBy(() -> FastTextFormat.read(cut)).as("cut at %d", at).isInstanceOf(FormatException.class)
                    .hasMessageStartingWith(cut + ", field '").hasMessageContaining("' at byte offset ");
        }
    }

    @Test
    void aHeaderClaimingAHugeMatrixFailsAtOnceNamingTheField() throws IOException {
        byte[] bytes = Files.readAllBytes(FastTextFixtures.path("skipgram.bin"));
        int words = skipgram().vocabulary().size();
        long outputBytes = 16 + 4L * words * 8;
        long inputRowsOffset = bytes.length - outputBytes - 1 - (16 + 4L * (words + 200) * 8);
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putLong((int) inputRowsOffset, 1_000_000_000_000L);
        Path file = dir.resolve("huge.bin");
        Files.write(file, bytes);
        assertThatThrownBy(() -> FastTextFormat.read(file)).isInstanceOf(FormatException.class)
                .hasMessage(file + ", field 'input.rows' at byte offset " + inputRowsOffset + ": is 1000000000000; it must"
                        + " be between 0 and 2147483647");
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putLong((int) inputRowsOffset, 2_000_000_000L);
        Files.write(file, bytes);
        assertThatThrownBy(() -> FastTextFormat.read(file)).isInstanceOf(FormatException.class)
                .hasMessageContaining("field 'input.rows' at byte offset " + inputRowsOffset + ": claims 2000000000×8"
                        + " float32 values, but only");
    }

    @Test
    void aDictionaryClaimingMoreEntriesThanTheFileHoldsFailsBeforeReadingThem() throws IOException {
        byte[] bytes = Files.readAllBytes(FastTextFixtures.path("skipgram.bin"));
        int sizeOffset = 8 + FastTextArgs.BYTES;
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(sizeOffset, Integer.MAX_VALUE)
                .putInt(sizeOffset + 4, Integer.MAX_VALUE).putInt(sizeOffset + 8, 0);
        Path file = dir.resolve("dict.bin");
        Files.write(file, bytes);
        assertThatThrownBy(() -> FastTextFormat.read(file)).isInstanceOf(FormatException.class)
                .hasMessageContaining("field 'dictionary.size' at byte offset " + sizeOffset + ": claims 2147483647 entries");
    }

    @Test
    void bytesAfterTheOutputMatrixAreRefused() throws IOException {
        byte[] bytes = Files.readAllBytes(FastTextFixtures.path("skipgram.bin"));
        Path file = dir.resolve("long.bin");
        Files.write(file, Arrays.copyOf(bytes, bytes.length + 3));
        assertThatThrownBy(() -> FastTextFormat.read(file)).isInstanceOf(FormatException.class)
                .hasMessage(file + ", field 'output.data' at byte offset " + bytes.length + ": is followed by 3 more"
                        + " bytes; a fastText model ends with its output matrix");
    }

    @Test
    void otherVersionsAndMagicsAreRefused() throws IOException {
        byte[] bytes = Files.readAllBytes(FastTextFixtures.path("skipgram.bin"));
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(4, 13);
        Path file = dir.resolve("v13.bin");
        Files.write(file, bytes);
        assertThatThrownBy(() -> FastTextFormat.read(file)).isInstanceOf(FormatException.class)
                .hasMessage(file + ", field 'version' at byte offset 4: is 13; fastText .bin versions 11 and 12 are supported");
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(4, 11);
        Files.write(file, bytes);
        assertThat(FastTextFormat.read(file).wordVector("kingdoms")).containsExactly(skipgram().wordVector("kingdoms"));
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(0, 42);
        Files.write(file, bytes);
        assertThatThrownBy(() -> FastTextFormat.read(file)).isInstanceOf(FormatException.class)
                .hasMessageContaining("field 'magic' at byte offset 0: is 42, not fastText's 793712314");
    }

    @Test
    void nonFiniteValuesAreRefusedWithTheirPlace() throws IOException {
        byte[] bytes = Files.readAllBytes(FastTextFixtures.path("skipgram.bin"));
        int words = skipgram().vocabulary().size();
        long outputBytes = 16 + 4L * words * 8;
        long inputData = bytes.length - outputBytes - 1 - 4L * (words + 200) * 8;
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putFloat((int) inputData + 4 * 9, Float.NaN);
        Path file = dir.resolve("nan.bin");
        Files.write(file, bytes);
        assertThatThrownBy(() -> FastTextFormat.read(file)).isInstanceOf(FormatException.class)
                .hasMessage(file + ", field 'input.data' at byte offset " + (inputData + 36) + ": holds NaN at row 1,"
                        + " column 1: NaN and infinity are not allowed");
    }

    private static void assertSameBits(FloatMatrix actual, FloatMatrix expected) {
        assertThat(actual.shape()).isEqualTo(expected.shape());
        for (int r = 0; r < expected.rows(); r++) {
            float[] a = actual.row(r);
            float[] e = expected.row(r);
            for (int c = 0; c < e.length; c++) {
                assertThat(Float.floatToRawIntBits(a[c])).as("row %d col %d", r, c).isEqualTo(Float.floatToRawIntBits(e[c]));
            }
        }
    }

    private static void copy(Path from, Path to) {
        try {
            Files.copy(from, to);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
