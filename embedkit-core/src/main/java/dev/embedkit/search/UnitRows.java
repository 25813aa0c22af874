package dev.embedkit.search;

import dev.embedkit.BadInputException;
import dev.embedkit.simd.Kernels;
import dev.embedkit.simd.VectorKernels;
import dev.embedkit.tensor.FloatMatrix;

/**
 * The rows of a table scaled to unit length, computed once, so that a cosine is a plain dot product.
 * They are kept in row blocks of about {@value #BLOCK_VALUES} floats (256 KB): one block stays in cache while
 * a block of queries is multiplied against it, and a table of more than 2³¹ values still fits.
 * A zero row stays zero, so it scores 0 against everything instead of NaN.
 * Public (read-only) so that graph indexes over the same rows, {@code search.ann}, score with them too.
 */
public final class UnitRows {
    private static final int BLOCK_VALUES = 1 << 16;

    private final int rows;
    private final int dim;
    private final int rowsPerBlock;
    private final float[][] blocks; // blocks[b] is (blockRows(b), dim): rows b·rowsPerBlock onwards

    UnitRows(FloatMatrix table /* (vocab_size, dim) */) {
        this.rows = table.rows();
        this.dim = table.cols();
        this.rowsPerBlock = Math.max(1, BLOCK_VALUES / Math.max(1, dim));
        this.blocks = new float[(rows + rowsPerBlock - 1) / rowsPerBlock][];
        for (int b = 0; b < blocks.length; b++) {
            float[] block = new float[blockRows(b) * dim];
            for (int r = 0; r < blockRows(b); r++) {
                table.copyRow(blockStart(b) + r, block, r * dim);
                normalize(block, r * dim, dim, "row " + (blockStart(b) + r) + " of the table");
            }
            blocks[b] = block;
        }
    }

    /**
     * Scales {@code v[offset .. offset+dim)} to unit length in place and returns whether it was non-zero.
     * A non-finite squared norm (NaN, infinite or overflowing values) is an error naming {@code what}.
     */
    static boolean normalize(float[] v, int offset, int dim, String what) {
        VectorKernels kernels = Kernels.get();
        float squaredNorm = kernels.dot(v, offset, v, offset, dim);
        if (!Float.isFinite(squaredNorm)) {
            throw new BadInputException(what + " has a squared norm of " + squaredNorm
                    + "; its values must be finite and below ~1e19 in magnitude");
        }
        if (squaredNorm == 0f) {
            return false;
        }
        kernels.scale((float) (1.0 / Math.sqrt(squaredNorm)), v, offset, dim);
        return true;
    }

    public int rows() {
        return rows;
    }

    public int dim() {
        return dim;
    }

    int blockCount() {
        return blocks.length;
    }

    /** The ID of the first row of block {@code b}. */
    int blockStart(int b) {
        return b * rowsPerBlock;
    }

    int blockRows(int b) {
        return Math.min(rowsPerBlock, rows - blockStart(b));
    }

    /** Block {@code b} itself, (blockRows(b), dim); read-only by convention. */
    float[] block(int b) {
        return blocks[b];
    }

    /** The most rows any block has: the width of a score buffer for one query. */
    int maxBlockRows() {
        return Math.min(rowsPerBlock, rows);
    }

    /** Unit row {@code id}, copied. The ID must already be checked. */
    float[] row(int id) {
        float[] copy = new float[dim];
        copyRow(id, copy);
        return copy;
    }

    /** Copies unit row {@code id} into {@code dst[0 .. dim)}. The ID must already be checked. */
    public void copyRow(int id, float[] dst) {
        System.arraycopy(blocks[id / rowsPerBlock], (id % rowsPerBlock) * dim, dst, 0, dim);
    }

    /** cos(row a, row b): the dot product of the unit rows. The IDs must already be checked. */
    public float dot(int a, int b) {
        return Kernels.get().dot(blocks[a / rowsPerBlock], (a % rowsPerBlock) * dim,
                blocks[b / rowsPerBlock], (b % rowsPerBlock) * dim, dim);
    }

    /** Unit row {@code id} · {@code v[offset .. offset+dim)}; the ID must already be checked. */
    public float dot(int id, float[] v, int offset) {
        return Kernels.get().dot(blocks[id / rowsPerBlock], (id % rowsPerBlock) * dim, v, offset, dim);
    }
}
