package dev.embedkit.tensor;

import dev.embedkit.BadInputException;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MatrixTest {

    @Test
    void heapMatrixIsRowMajorAndChecksItsShape() {
        HeapMatrix m = new HeapMatrix(2, 3, new float[] {1, 2, 3, 4, 5, 6});
        assertThat(m.get(1, 0)).isEqualTo(4);
        assertThat(m.row(1)).containsExactly(4, 5, 6);
        assertThatThrownBy(() -> new HeapMatrix(2, 3, new float[5])).isInstanceOf(BadInputException.class)
                .hasMessageContaining("2×3 matrix needs 6 values, got 5");
        assertThatThrownBy(() -> m.get(2, 0)).hasMessageContaining("row 2 is out of range");
        assertThatThrownBy(() -> m.get(0, 3)).hasMessageContaining("column 3 is out of range");
        assertThatThrownBy(() -> HeapMatrix.of(new float[][] {{1, 2}, {3}})).hasMessageContaining("row 1 has 1 values");
    }

    @Test
    void tooLargeForTheHeapIsAClearError() {
        assertThatThrownBy(() -> HeapMatrix.zeros(100_000, 100_000))
                .isInstanceOf(BadInputException.class).hasMessageContaining("memory-map");
    }

    @Test
    void mappedMatrixReadsF32F16AndBf16LittleEndian() {
        float[] values = {1.5f, -2f, 0.333251953125f, 65504f, 0f, -0.0f};
        try (Arena arena = Arena.ofConfined()) {
            for (DType dtype : DType.values()) {
                MemorySegment segment = arena.allocate((long) values.length * dtype.bytes());
                for (int i = 0; i < values.length; i++) {
                    dtype.write(segment, (long) i * dtype.bytes(), values[i]);
                }
                MappedMatrix m = new MappedMatrix(segment, 2, 3, dtype);
                float[] expected = dtype == DType.BF16
                        ? new float[] {1.5f, -2f, 0.333984375f, 65536f, 0f, -0.0f} // bf16 keeps 8 bits of mantissa
                        : values;
                assertThat(m.toHeap().data()).as(dtype.name()).containsExactly(expected);
                assertThat(m.get(1, 2)).as(dtype.name()).isEqualTo(expected[5]);
            }
        }
    }

    @Test
    void f16AndBf16DecodeKnownBitPatterns() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment segment = arena.allocate(4);
            segment.set(java.lang.foreign.ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(java.nio.ByteOrder.LITTLE_ENDIAN), 0, (short) 0x3C00);
            segment.set(java.lang.foreign.ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(java.nio.ByteOrder.LITTLE_ENDIAN), 2, (short) 0xC000);
            assertThat(new MappedMatrix(segment, 1, 2, DType.F16).row(0)).containsExactly(1.0f, -2.0f);
            // 0x3F80 is bf16 for 1.0, 0xC000 for -2.0
            segment.set(java.lang.foreign.ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(java.nio.ByteOrder.LITTLE_ENDIAN), 0, (short) 0x3F80);
            assertThat(new MappedMatrix(segment, 1, 2, DType.BF16).row(0)).containsExactly(1.0f, -2.0f);
        }
    }

    @Test
    void mappedMatrixMustMatchTheRegionSize() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment segment = arena.allocate(20);
            assertThatThrownBy(() -> new MappedMatrix(segment, 2, 3, DType.F32))
                    .isInstanceOf(BadInputException.class).hasMessageContaining("needs 24 bytes").hasMessageContaining("has 20");
        }
    }

    @Test
    void dtypeNamesParse() {
        assertThat(DType.fromName("bf16")).isEqualTo(DType.BF16);
        assertThatThrownBy(() -> DType.fromName("I8")).hasMessageContaining("unsupported dtype 'I8'");
    }
}
