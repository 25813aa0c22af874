package dev.embedkit.io;

import dev.embedkit.BadInputException;
import dev.embedkit.FormatException;
import dev.embedkit.tensor.DType;
import dev.embedkit.tensor.FloatMatrix;
import dev.embedkit.tensor.HeapMatrix;
import dev.embedkit.tensor.MappedMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SafetensorsFileTest {
    @TempDir
    Path dir;

    @Test
    void decodesHandWrittenF16AndBf16() {
        String header = "{\"__metadata__\":{\"format\":\"pt\"},"
                + "\"half\":{\"dtype\":\"F16\",\"shape\":[1,4],\"data_offsets\":[0,8]},"
                + "\"brain\":{\"dtype\":\"BF16\",\"shape\":[2,1],\"data_offsets\":[8,12]}}";
        // F16: 1.0, -2.0, the smallest subnormal 2^-24, 65504 (the largest finite); BF16: 1.0, 3.140625.
        Path file = write(header, shorts(0x3C00, 0xC000, 0x0001, 0x7BFF, 0x3F80, 0x4049));
        SafetensorsFile st = SafetensorsFile.open(file);
        assertThat(st.names()).containsExactly("half", "brain");
        assertThat(st.metadata()).containsEntry("format", "pt");
        MappedMatrix half = st.tensor("half");
        assertThat(half.dtype()).isEqualTo(DType.F16);
        assertThat(half.row(0)).containsExactly(1f, -2f, 0x1p-24f, 65504f);
        MappedMatrix brain = st.tensor("brain");
        assertThat(brain.dtype()).isEqualTo(DType.BF16);
        assertThat(new float[]{brain.get(0, 0), brain.get(1, 0)}).containsExactly(1f, 3.140625f);
    }

    @Test
    void roundTripsF32BitExact() {
        Path file = dir.resolve("t.safetensors");
        HeapMatrix m = Tables.hard().weights().toHeap();
        SafetensorsFile.write(file, Map.of(SafetensorsFile.EMBEDDING_TENSOR, m));
        assertThat(SafetensorsFile.open(file).tensor(SafetensorsFile.EMBEDDING_TENSOR).toHeap()).isEqualTo(m);
    }

    @Test
    void writesAPaddedHeaderAndKeepsEachMatrixsDtype() throws IOException {
        Path half = write("{\"h\":{\"dtype\":\"F16\",\"shape\":[1,2],\"data_offsets\":[0,4]}}", shorts(0x3C00, 0x0001));
        Path file = dir.resolve("out.safetensors");
        Map<String, FloatMatrix> tensors = new LinkedHashMap<>();
        tensors.put("a", HeapMatrix.of(new float[][]{{1f}}));
        tensors.put("h", SafetensorsFile.open(half).tensor("h"));
        SafetensorsFile.write(file, tensors);
        byte[] bytes = Files.readAllBytes(file);
        String json = "{\"a\":{\"dtype\":\"F32\",\"shape\":[1,1],\"data_offsets\":[0,4]},"
                + "\"h\":{\"dtype\":\"F16\",\"shape\":[1,2],\"data_offsets\":[4,8]}}";
        int padded = (json.length() + 7) / 8 * 8;
        assertThat(ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong(0)).isEqualTo(padded);
        assertThat(new String(bytes, 8, padded, StandardCharsets.UTF_8)).isEqualTo(json + " ".repeat(padded - json.length()));
        assertThat(bytes).hasSize(8 + padded + 8);
        MappedMatrix h = SafetensorsFile.open(file).tensor("h");
        assertThat(h.dtype()).isEqualTo(DType.F16);
        assertThat(h.row(0)).containsExactly(1f, 0x1p-24f);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{\"t\":{\"dtype\":\"Q4\",\"shape\":[1,1],\"data_offsets\":[0,4]}}|field 't.dtype': 'Q4' is not a safetensors dtype",
            "{\"t\":{\"dtype\":\"f32\",\"shape\":[1,1],\"data_offsets\":[0,4]}}|field 't.dtype': 'f32' is not a safetensors dtype",
            "{\"t\":{\"dtype\":\"F32\",\"shape\":[1,1],\"data_offsets\":[0,8]}}|field 't.data_offsets': [0,8] is outside the 4 bytes",
            "{\"t\":{\"dtype\":\"F32\",\"shape\":[1,2],\"data_offsets\":[0,4]}}|field 't.data_offsets': shape [1, 2] of F32 needs 2×4 bytes, but [0,4] spans 4",
            "{\"t\":{\"dtype\":\"F32\",\"shape\":[-1,1],\"data_offsets\":[0,4]}}|field 't.shape': [-1,1] must hold non-negative integers",
            "{\"t\":{\"dtype\":\"F32\",\"shape\":[1,1]}}|field 't.data_offsets': is missing or not an array",
            "{\"t\":{\"dtype\":\"F16\",\"shape\":[1,1],\"data_offsets\":[0,2]},\"u\":{\"dtype\":\"F16\",\"shape\":[1,1],\"data_offsets\":[1,3]}}|field 'u.data_offsets': [1, 3] overlaps tensor 't' at [0, 2]",
            "{\"t\": nonsense}|byte offset 8: the header is not valid JSON",
            "[1, 2]|byte offset 8: the header is not a JSON object",
            "{\"__metadata__\":{\"n\":1}}|field '__metadata__.n': must be a string",
    })
    void rejectsHeadersThatLie(String header, String message) {
        Path file = write(header, new byte[4]);
        assertThatThrownBy(() -> SafetensorsFile.open(file))
                .isInstanceOf(FormatException.class).hasMessageContaining(file.toString()).hasMessageContaining(message);
    }

    @Test
    void rejectsAHeaderLengthBeyondTheFile() throws IOException {
        byte[] bytes = new byte[16];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putLong(1_000_000L);
        Path file = Files.write(dir.resolve("x.safetensors"), bytes);
        assertThatThrownBy(() -> SafetensorsFile.open(file)).isInstanceOf(FormatException.class)
                .hasMessageContaining("byte offset 0: the header length 1000000 does not fit the file (16 bytes");
    }

    @Test
    void rejectsAHeaderLengthOverTheCapBeforeLookingFurther() throws IOException {
        for (long claim : new long[]{100_000_001L, -1L}) {
            byte[] bytes = new byte[16];
            ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putLong(claim);
            Path file = Files.write(dir.resolve("big.safetensors"), bytes);
            assertThatThrownBy(() -> SafetensorsFile.open(file)).isInstanceOf(FormatException.class)
                    .hasMessageContaining(file + ", byte offset 0: the header length " + Long.toUnsignedString(claim)
                            + " is over the 100000000-byte limit");
        }
    }

    @Test
    void rejectsAFileTooShortForTheLength() throws IOException {
        Path file = Files.write(dir.resolve("x.safetensors"), new byte[]{1, 0, 0});
        assertThatThrownBy(() -> SafetensorsFile.open(file)).hasMessageContaining("truncated: 3 bytes");
    }

    @Test
    void namesTheTensorsWhenOneIsMissingOrNotAMatrix() {
        Path file = write("{\"v\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", new byte[4]);
        SafetensorsFile st = SafetensorsFile.open(file);
        assertThatThrownBy(() -> st.tensor("w")).isInstanceOf(BadInputException.class)
                .hasMessageContaining("has no tensor 'w'; it has: v [1] F32");
        assertThatThrownBy(() -> st.tensor("v")).isInstanceOf(FormatException.class)
                .hasMessageContaining("field 'v': has shape [1]; a matrix needs 2 dimensions");
    }

    private Path write(String header, byte[] data) {
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(json.length).array());
        out.writeBytes(json);
        out.writeBytes(data);
        try {
            return Files.write(dir.resolve("in" + header.hashCode() + ".safetensors"), out.toByteArray());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] shorts(int... values) {
        ByteBuffer buffer = ByteBuffer.allocate(2 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : values) {
            buffer.putShort((short) v);
        }
        return buffer.array();
    }
}
