package dev.embedkit.tensor;

import dev.embedkit.BadInputException;

import java.util.Arrays;

/** A row-major F32 matrix held in one {@code float[]}: element (r, c) is {@code data[r * cols + c]}. */
public final class HeapMatrix implements FloatMatrix {
    private final int rows;
    private final int cols;
    private final float[] data; // (rows, cols), row-major

    /** Wraps {@code data} without copying; its length must be exactly rows × cols. */
    public HeapMatrix(int rows, int cols, float[] data) {
        checkShape(rows, cols);
        if (data.length != (long) rows * cols) {
            throw new BadInputException("a " + rows + "×" + cols + " matrix needs " + ((long) rows * cols)
                    + " values, got " + data.length);
        }
        this.rows = rows;
        this.cols = cols;
        this.data = data;
    }

    public static HeapMatrix zeros(int rows, int cols) {
        checkShape(rows, cols);
        long size = (long) rows * cols;
        if (size > Integer.MAX_VALUE - 8) {
            throw new BadInputException("a " + rows + "×" + cols + " matrix has " + size
                    + " values, more than a heap matrix can hold (" + (Integer.MAX_VALUE - 8) + "); memory-map it instead");
        }
        return new HeapMatrix(rows, cols, new float[(int) size]);
    }

    /** Copies a rectangular {@code float[rows][cols]}; every row must have the same length. */
    public static HeapMatrix of(float[][] values) {
        int cols = values.length == 0 ? 0 : values[0].length;
        HeapMatrix m = zeros(values.length, cols);
        for (int r = 0; r < values.length; r++) {
            if (values[r].length != cols) {
                throw new BadInputException("row " + r + " has " + values[r].length + " values, expected " + cols);
            }
            System.arraycopy(values[r], 0, m.data, r * cols, cols);
        }
        return m;
    }

    private static void checkShape(int rows, int cols) {
        if (rows < 0 || cols < 0) {
            throw new BadInputException("matrix shape must be non-negative, got " + rows + "×" + cols);
        }
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
        return DType.F32;
    }

    /** The backing array, row-major; kernels read it directly. Writes go straight into the matrix. */
    public float[] data() {
        return data;
    }

    /** Index of element (row, 0) in {@link #data()}. */
    public int offset(int row) {
        checkRow(row);
        return row * cols;
    }

    @Override
    public float get(int row, int col) {
        return data[offset(row) + checkCol(col)];
    }

    public void set(int row, int col, float value) {
        data[offset(row) + checkCol(col)] = value;
    }

    @Override
    public void copyRow(int row, float[] dst, int dstOffset) {
        System.arraycopy(data, offset(row), dst, dstOffset, cols);
    }

    /** Overwrites one row with {@code values}, which must have exactly {@code cols} elements. */
    public void setRow(int row, float[] values) {
        if (values.length != cols) {
            throw new BadInputException("row has " + values.length + " values, the matrix has " + cols + " columns");
        }
        System.arraycopy(values, 0, data, offset(row), cols);
    }

    @Override
    public HeapMatrix toHeap() {
        return this;
    }

    private int checkCol(int col) {
        if (col < 0 || col >= cols) {
            throw new BadInputException("column " + col + " is out of range: the matrix has " + cols + " columns");
        }
        return col;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HeapMatrix m && m.rows == rows && m.cols == cols && Arrays.equals(m.data, data);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * rows + cols) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "HeapMatrix[" + shape() + "]";
    }
}
