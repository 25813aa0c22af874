package dev.embedkit.gguf;

import dev.embedkit.FormatException;
import dev.embedkit.tensor.DType;
import dev.embedkit.tensor.FloatMatrix;
import dev.embedkit.tensor.HeapMatrix;
import dev.embedkit.tensor.MappedMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static dev.embedkit.checkpoint.CheckpointFixtures.assertSameValues;
import static dev.embedkit.checkpoint.CheckpointFixtures.expected;
import static dev.embedkit.checkpoint.CheckpointFixtures.path;
import static dev.embedkit.checkpoint.CheckpointFixtures.strings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GgufFileTest {
    @TempDir
    Path dir;

    @Test
    void readsAnF32TableInPlaceWithItsVocabulary() {
        GgufFile gguf = GgufFile.open(path("llama-f32.gguf"));
        assertThat(gguf.version()).isEqualTo(3);
        assertThat(gguf.alignment()).isEqualTo(32);
        GgufTensorInfo info = gguf.tensor(GgufFile.TOKEN_EMBEDDING);
        assertThat(info.dims()).containsExactly(32L, 6L); // ne[0] (the row length) first
        assertThat(info.shape()).containsExactly(6L, 32L);
        assertThat(info.type()).isEqualTo(GgmlType.F32);
        FloatMatrix table = gguf.matrix(GgufFile.TOKEN_EMBEDDING);
        assertThat(table).isInstanceOf(MappedMatrix.class);
        assertSameValues(table, expected("gguf", "token_embd"));
        assertThat(gguf.tokens()).contains(strings(expected("gguf", "tokens")));
        assertThat(gguf.tokenScores().orElseThrow()).containsExactly(0f, 0f, 0f, -1.5f, -2.25f, -3f);
        assertThat(gguf.tokenTypes().orElseThrow()).containsExactly(2, 3, 3, 1, 1, 1);
        assertThat(gguf.hasTensor(GgufFile.OUTPUT)).isFalse();
    }

    @Test
    void readsF16InPlace() {
        FloatMatrix table = GgufFile.open(path("llama-f16.gguf")).matrix(GgufFile.TOKEN_EMBEDDING);
        assertThat(table.dtype()).isEqualTo(DType.F16);
        assertThat(table).isInstanceOf(MappedMatrix.class);
        assertSameValues(table, expected("gguf", "token_embd_f16"));
    }

    @Test
    void dequantizesQ8_0AsNumpyDid() {
        GgufFile gguf = GgufFile.open(path("llama-q8_0.gguf"));
        assertThat(gguf.alignment()).isEqualTo(64);
        FloatMatrix table = gguf.matrix(GgufFile.TOKEN_EMBEDDING);
        assertThat(table).isInstanceOf(HeapMatrix.class);
        assertSameValues(table, expected("gguf", "token_embd_q8_0"));
        assertThat(table.get(3, 7)).isNotEqualTo((float) expected("gguf", "token_embd").get(3).get(7).doubleValue());
        assertSameValues(gguf.matrix(GgufFile.OUTPUT), expected("gguf", "output"));
    }

    @Test
    void readsVersion2() {
        GgufFile gguf = GgufFile.open(path("llama-v2.gguf"));
        assertThat(gguf.version()).isEqualTo(2);
        assertSameValues(gguf.matrix(GgufFile.TOKEN_EMBEDDING), expected("gguf", "token_embd"));
    }

    @Test
    void decodesEveryMetadataType() {
        var metadata = GgufFile.open(path("llama-f32.gguf")).metadata();
        assertThat(metadata).containsEntry("general.architecture", "llama").containsEntry("test.u8", 200L)
                .containsEntry("test.i8", -5L).containsEntry("test.u16", 65000L).containsEntry("test.i16", -300L)
                .containsEntry("test.i32", -70000L).containsEntry("test.f32", 0.5).containsEntry("test.bool", true)
                .containsEntry("test.u64", 1L << 40).containsEntry("test.i64", -(1L << 40)).containsEntry("test.f64", 0.1)
                .containsEntry("llama.embedding_length", 32L);
        assertThat(metadata.get("test.nested")).isEqualTo(new GgufArray(GgufValueType.ARRAY, List.of(
                new GgufArray(GgufValueType.UINT8, List.of(1L, 2L)), new GgufArray(GgufValueType.UINT8, List.of(3L)))));
    }

    @Test
    void refusesAQuantizationItCannotDecodeByName() {
        Path file = path("llama-q8_0.gguf");
        GgufFile gguf = GgufFile.open(file);
        assertThat(gguf.tensor("blk.0.attn_q.weight").type()).isEqualTo(GgmlType.Q4_K);
        assertThatThrownBy(() -> gguf.matrix("blk.0.attn_q.weight")).isInstanceOf(FormatException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("field 'blk.0.attn_q.weight.type': is Q4_K, which embedkit cannot decode");
    }

    @Test
    void refusesVersion1AndBigEndianFiles() throws IOException {
        Path v1 = patched("v1.gguf", 4, le32(1));
        assertThatThrownBy(() -> GgufFile.open(v1)).isInstanceOf(FormatException.class).hasMessageContaining(v1.toString())
                .hasMessageContaining("field 'version' at byte offset 4: GGUF version 1");
        Path big = patched("be.gguf", 4, new byte[]{0, 0, 0, 3});
        assertThatThrownBy(() -> GgufFile.open(big)).isInstanceOf(FormatException.class).hasMessageContaining(big.toString())
                .hasMessageContaining("field 'version' at byte offset 4: reads as 3 byte-swapped: the file is big-endian");
        Path magic = patched("magic.gguf", 0, "GGML".getBytes(StandardCharsets.US_ASCII));
        assertThatThrownBy(() -> GgufFile.open(magic)).hasMessageContaining("field 'magic' at byte offset 0")
                .hasMessageContaining("not a GGUF file");
    }

    @Test
    void refusesCountsTheFileCannotHoldAtOnce() throws IOException {
        byte[] bytes = Arrays.copyOf(Files.readAllBytes(path("llama-f32.gguf")), 1024);
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putLong(8, 1_000_000_000_000L);
        Path file = Files.write(dir.resolve("lying.gguf"), bytes);
        assertThatThrownBy(() -> GgufFile.open(file)).isInstanceOf(FormatException.class).hasMessageContaining(file.toString())
                .hasMessageContaining("field 'tensor_count' at byte offset 8: claims 1000000000000 items of at least 24 bytes"
                        + " each, but only 1008 bytes follow");
        Path kv = patched("kv.gguf", 16, le64(-1));
        assertThatThrownBy(() -> GgufFile.open(kv)).hasMessageContaining("field 'metadata_kv_count' at byte offset 16:"
                + " claims 18446744073709551615 items");
        Path key = patched("key.gguf", 24, le64(1L << 40));
        assertThatThrownBy(() -> GgufFile.open(key)).hasMessageContaining("field 'metadata[0].key' at byte offset 24:"
                + " a string of 1099511627776 bytes, but only");
        int tokensCount = keyEnd("llama-f32.gguf", GgufFile.TOKENS) + 4 + 4; // after the value type and element type
        Path array = patched("array.gguf", tokensCount, le64(1L << 50));
        assertThatThrownBy(() -> GgufFile.open(array)).hasMessageContaining("field 'tokenizer.ggml.tokens (count)' at byte"
                + " offset " + tokensCount + ": claims 1125899906842624 items of at least 8 bytes each, but only");
        Path type = patched("type.gguf", 24 + 8 + "general.architecture".length(), le32(99));
        assertThatThrownBy(() -> GgufFile.open(type)).hasMessageContaining("field 'general.architecture (type)' at byte"
                + " offset 52: value type 99 is not a GGUF type");
    }

    @Test
    void everyTruncationIsAFormatErrorNamingTheFile() throws IOException {
        byte[] full = Files.readAllBytes(path("llama-q8_0.gguf"));
        int dataEnd = full.length;
        while (full[dataEnd - 1] == 0) {
            dataEnd--; // the zeros after the last tensor only pad it to the alignment: cutting them is harmless
        }
        assertThat(GgufFile.open(Files.write(dir.resolve("unpadded.gguf"), Arrays.copyOf(full, dataEnd))).tensors()).hasSize(4);
        for (int length = 0; length < dataEnd; length++) {
            Path file = Files.write(dir.resolve("cut.gguf"), Arrays.copyOf(full, length));
            assertThatThrownBy(() -> GgufFile.open(file)).as("cut at %d", length)
                    .isInstanceOf(FormatException.class).hasMessageContaining(file.toString());
        }
    }

    @Test
    void refusesTensorOffsetsOutOfBoundsMisalignedOrOverlapping() throws IOException {
        int embd = offsetField("llama-q8_0.gguf", "token_embd.weight", 2);
        int output = offsetField("llama-q8_0.gguf", "output.weight", 2);
        Path far = patched("far.gguf", "llama-q8_0.gguf", embd, le64(64 * 1000));
        assertThatThrownBy(() -> GgufFile.open(far)).isInstanceOf(FormatException.class)
                .hasMessageContaining("field 'token_embd.weight.offset': [64000, 64204) (Q8_0 [32, 6]) is outside the");
        Path odd = patched("odd.gguf", "llama-q8_0.gguf", embd, le64(3));
        assertThatThrownBy(() -> GgufFile.open(odd)).hasMessageContaining("field 'token_embd.weight.offset' at byte offset "
                + embd + ": 3 is not a multiple of the 64-byte alignment");
        Path overlap = patched("overlap.gguf", "llama-q8_0.gguf", output, le64(128));
        assertThatThrownBy(() -> GgufFile.open(overlap)).hasMessageContaining("overlaps tensor");
    }

    /** Byte offset of the offset field of {@code tensor}'s description: after the name, n_dims, dims and type. */
    private static int offsetField(String fixture, String tensor, int dims) throws IOException {
        return keyEnd(fixture, tensor) + 4 + 8 * dims + 4;
    }

    /** Byte offset just past the GGUF string {@code text} (its u64 length, then its bytes) in the fixture. */
    private static int keyEnd(String fixture, String text) throws IOException {
        byte[] bytes = Files.readAllBytes(path(fixture));
        byte[] name = text.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i + name.length <= bytes.length; i++) {
            if (Arrays.equals(bytes, i, i + name.length, name, 0, name.length)
                    && ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong(i - 8) == name.length) {
                return i + name.length;
            }
        }
        throw new AssertionError(text + " not in " + fixture);
    }

    private Path patched(String name, int at, byte[] bytes) throws IOException {
        return patched(name, "llama-f32.gguf", at, bytes);
    }

    private Path patched(String name, String fixture, int at, byte[] bytes) throws IOException {
        byte[] all = Files.readAllBytes(path(fixture));
        System.arraycopy(bytes, 0, all, at, bytes.length);
        return Files.write(dir.resolve(name), all);
    }

    private static byte[] le32(int value) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(value).array();
    }

    private static byte[] le64(long value) {
        return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(value).array();
    }
}
