package dev.embedkit.tensor;

/**
 * A row-major matrix of floats, rows × cols. Either on the heap ({@link HeapMatrix}) or memory-mapped
 * from a file ({@link MappedMatrix}); every accessor checks its indices and names the bound it broke.
 */
public sealed interface FloatMatrix permits HeapMatrix, MappedMatrix {

    int rows();

    int cols();

    /** The element type the values are stored in; reads always return float. */
    DType dtype();

    float get(int row, int col);

    /** Copies row {@code row} into {@code dst[dstOffset .. dstOffset + cols)}. */
    void copyRow(int row, float[] dst, int dstOffset);

    /** A fresh copy of one row. */
    default float[] row(int row) {
        float[] copy = new float[cols()];
        copyRow(row, copy, 0);
        return copy;
    }

    /** This matrix as a heap F32 matrix: itself if it already is one, otherwise a converted copy. */
    HeapMatrix toHeap();

    /** Throws a {@link dev.embedkit.BadInputException} naming the row and the number of rows if out of range. */
    default void checkRow(int row) {
        if (row < 0 || row >= rows()) {
            throw new dev.embedkit.BadInputException(
                    "row " + row + " is out of range: the matrix has " + rows() + " rows (valid: 0.." + (rows() - 1) + ")");
        }
    }

    default String shape() {
        return rows() + "×" + cols();
    }
}
