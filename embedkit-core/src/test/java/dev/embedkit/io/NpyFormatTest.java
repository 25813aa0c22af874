package dev.embedkit.io;

import dev.embedkit.FormatException;
import dev.embedkit.tensor.DType;
import dev.embedkit.tensor.FloatMatrix;
import dev.embedkit.tensor.HeapMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NpyFormatTest {
    @TempDir
    Path dir;

    @Test
    void readsNumpysFloat32ExactlyAndMapsIt() {
        FloatMatrix m = NpyFormat.read(Fixtures.path("numpy/f32.npy"));
        assertThat(m.dtype()).isEqualTo(DType.F32);
        assertSameBits(m, Fixtures.matrix(Fixtures.json("numpy/values.json").get("f32")));
    }

    @Test
    void readsNumpysFloat16() {
        FloatMatrix m = NpyFormat.read(Fixtures.path("numpy/f16.npy"));
        assertThat(m.dtype()).isEqualTo(DType.F16);
        assertSameBits(m, Fixtures.matrix(Fixtures.json("numpy/values.json").get("f16")));
    }

    @Test
    void readsFormatVersions2And3() {
        for (String version : new String[]{"v2.npy", "v3.npy"}) {
            assertSameBits(NpyFormat.read(Fixtures.path("numpy/" + version)), Fixtures.matrix(Fixtures.json("numpy/values.json").get("f32")));
        }
    }

    @Test
    void aShapeWhoseByteSizeOverflowsIsTruncationNotACrash() throws IOException {
        byte[] header = NpyFormat.header(Integer.MAX_VALUE, Integer.MAX_VALUE);
        Path file = Files.write(dir.resolve("huge.npy"), header);
        assertThatThrownBy(() -> NpyFormat.read(file)).isInstanceOf(FormatException.class)
                .hasMessageContaining("the shape (2147483647, 2147483647) of F32 needs over 2^63 bytes of data,"
                        + " the file has 0: it is truncated");
    }

    @Test
    void writesTheBytesNumpyWrites() throws IOException {
        HeapMatrix values = HeapMatrix.of(Fixtures.matrix(Fixtures.json("numpy/values.json").get("f32")));
        Path file = dir.resolve("out.npy");
        NpyFormat.write(file, values);
        assertThat(Files.readAllBytes(file)).isEqualTo(Files.readAllBytes(Fixtures.path("numpy/f32.npy")));
        NpyFormat.write(file, HeapMatrix.zeros(0, 5));
        assertThat(Files.readAllBytes(file)).isEqualTo(Files.readAllBytes(Fixtures.path("numpy/empty.npy")));
    }

    @Test
    void headerIsAlignedTo64BytesForAnyShape() {
        for (int rows : new int[]{0, 7, 123_456, Integer.MAX_VALUE}) {
            for (int cols : new int[]{1, 300, 65_536}) {
                assertThat(NpyFormat.header(rows, cols).length % 64).isZero();
            }
        }
    }

    @Test
    void roundTripsHardValues() {
        Path file = dir.resolve("hard.npy");
        HeapMatrix m = Tables.hard().weights().toHeap();
        NpyFormat.write(file, m);
        assertThat(NpyFormat.read(file).toHeap()).isEqualTo(m);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "fortran.npy|field 'fortran_order': the array is stored in Fortran (column-major) order",
            "f64.npy|field 'descr': dtype '<f8' is not supported",
            "vector.npy|field 'shape': (4,) is not 2-D",
            "big-endian.npy|field 'descr': dtype '>f4' is big-endian; embedkit reads little-endian only: convert with a.astype('<f4')",
    })
    void rejectsWhatItCannotMap(String fixture, String message) {
        assertThatThrownBy(() -> NpyFormat.read(Fixtures.path("numpy/" + fixture)))
                .isInstanceOf(FormatException.class).hasMessageContaining(fixture).hasMessageContaining(message);
    }

    @Test
    void rejectsTruncatedData() throws IOException {
        byte[] full = Files.readAllBytes(Fixtures.path("numpy/f32.npy"));
        Path file = Files.write(dir.resolve("cut.npy"), Arrays.copyOf(full, full.length - 3));
        assertThatThrownBy(() -> NpyFormat.read(file)).isInstanceOf(FormatException.class)
                .hasMessageContaining("byte offset 128: the shape (3, 4) of F32 needs 48 bytes of data, the file has 45: it is truncated");
    }

    @Test
    void rejectsAHeaderLongerThanTheFile() throws IOException {
        byte[] full = Files.readAllBytes(Fixtures.path("numpy/f32.npy"));
        Path file = Files.write(dir.resolve("cut.npy"), Arrays.copyOf(full, 60));
        assertThatThrownBy(() -> NpyFormat.read(file)).isInstanceOf(FormatException.class)
                .hasMessageContaining("byte offset 8: the header claims 118 bytes");
    }

    @Test
    void rejectsAFileWithoutTheMagic() throws IOException {
        Path file = Files.writeString(dir.resolve("x.npy"), "hello world, not numpy");
        assertThatThrownBy(() -> NpyFormat.read(file)).hasMessageContaining("byte offset 0: is not a .npy file");
    }

    static void assertSameBits(FloatMatrix m, float[][] expected) {
        assertThat(m.rows()).isEqualTo(expected.length);
        for (int r = 0; r < expected.length; r++) {
            float[] row = m.row(r);
            for (int c = 0; c < row.length; c++) {
                assertThat(Float.floatToRawIntBits(row[c])).as("(%d, %d)", r, c)
                        .isEqualTo(Float.floatToRawIntBits(expected[r][c]));
            }
        }
    }
}
