package dev.embedkit.tensor;

import dev.embedkit.BadInputException;

import java.lang.foreign.MemorySegment;

/**
 * A row-major matrix that lives in a memory-mapped file region. Opening costs nothing; values are read
 * (and widened from F16/BF16) on access, and the OS shares the pages between processes.
 */
public final class MappedMatrix implements FloatMatrix {
    private final MemorySegment segment; // rows × cols elements of dtype, little-endian, row-major
    private final int rows;
    private final int cols;
    private final DType dtype;

    /**
     * Views {@code segment} as a rows × cols matrix of {@code dtype}. The segment must be exactly
     * rows × cols × dtype.bytes() long; readers check that against the file before calling this.
     */
    public MappedMatrix(MemorySegment segment, int rows, int cols, DType dtype) {
        long expected = (long) rows * cols * dtype.bytes();
        if (rows < 0 || cols < 0 || segment.byteSize() != expected) {
            throw new BadInputException("a " + rows + "×" + cols + " " + dtype + " matrix needs " + expected
                    + " bytes, the mapped region has " + segment.byteSize());
        }
        this.segment = segment;
        this.rows = rows;
        this.cols = cols;
        this.dtype = dtype;
    }

    @Override
    public int rows() {
        return rows;
    }

    @Override
    public int cols() {
        return cols;
    }

    @Override
    public DType dtype() {
        return dtype;
    }

    @Override
    public float get(int row, int col) {
        checkRow(row);
        if (col < 0 || col >= cols) {
            throw new BadInputException("column " + col + " is out of range: the matrix has " + cols + " columns");
        }
        return dtype.read(segment, ((long) row * cols + col) * dtype.bytes());
    }

    @Override
    public void copyRow(int row, float[] dst, int dstOffset) {
        checkRow(row);
        long base = (long) row * cols * dtype.bytes();
        if (dtype == DType.F32) {
            MemorySegment.copy(segment, DType.FLOAT_LE, base, dst, dstOffset, cols);
            return;
        }
        for (int c = 0; c < cols; c++) {
            dst[dstOffset + c] = dtype.read(segment, base + (long) c * dtype.bytes());
        }
    }

    @Override
    public HeapMatrix toHeap() {
        HeapMatrix heap = HeapMatrix.zeros(rows, cols);
        for (int r = 0; r < rows; r++) {
            copyRow(r, heap.data(), r * cols);
        }
        return heap;
    }

    @Override
    public String toString() {
        return "MappedMatrix[" + shape() + ", " + dtype + "]";
    }
}
