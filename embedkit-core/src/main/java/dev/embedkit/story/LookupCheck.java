package dev.embedkit.story;

import dev.embedkit.embed.EmbeddingTable;

/**
 * Claim 2, lookup is indexing: the row {@link EmbeddingTable#lookup(int)} returns, the matrix row itself, and the
 * product of a one-hot vector with the matrix are the same numbers; the product only costs V·d multiply-adds to
 * find them.
 *
 * @param id                 the token looked up
 * @param row                E[id]
 * @param lookupBitIdentical lookup(id) has the same bits as the matrix row
 * @param oneHotDiffering    values of onehot(id)ᵀ·E whose bits differ from the row: only −0.0 can (0 + −0 = +0 in
 *                           IEEE arithmetic), or a row whose other entries hold ±∞ or NaN (0·∞ = NaN)
 * @param lookupNanos        time of one lookup, mean over repetitions
 * @param oneHotNanos        time of one one-hot product
 */
public record LookupCheck(int id, float[] row, boolean lookupBitIdentical, int oneHotDiffering, double lookupNanos,
                          double oneHotNanos) {
    /** Written after the timed loops so the JIT cannot drop their work. */
    private static volatile float sink;

    public static LookupCheck of(EmbeddingTable table, int id) {
        table.vocabulary().checkId(id);
        int dim = table.dim();
        float[] matrixRow = new float[dim];
        table.weights().copyRow(id, matrixRow, 0);

        float[] looked = table.lookup(id);
        boolean identical = sameBits(looked, matrixRow) == 0;
        float[] product = oneHotProduct(table, id);
        int differing = sameBits(product, matrixRow);

        double lookupNanos = fastest(() -> table.lookup(id)[0], 10_000);
        double oneHotNanos = fastest(() -> oneHotProduct(table, id)[0], 3);
        return new LookupCheck(id, matrixRow, identical, differing, lookupNanos, oneHotNanos);
    }

    /**
     * Nanoseconds per call of {@code work}, the best of three rounds of {@code repeats} calls: the first rounds
     * also warm the JIT, so the minimum is the steady-state cost.
     */
    private static double fastest(java.util.function.DoubleSupplier work, int repeats) {
        double best = Double.MAX_VALUE;
        double total = 0;
        for (int round = 0; round < 3; round++) {
            long start = System.nanoTime();
            for (int r = 0; r < repeats; r++) {
                total += work.getAsDouble();
            }
            best = Math.min(best, (System.nanoTime() - start) / (double) repeats);
        }
        sink = (float) total;
        return best;
    }

    /** x = onehot(id), (V); returns xᵀ·E, (d), summed in row order as a plain matrix product would. */
    static float[] oneHotProduct(EmbeddingTable table, int id) {
        int dim = table.dim();
        float[] result = new float[dim];
        float[] row = new float[dim];
        for (int v = 0; v < table.vocabularySize(); v++) {
            float x = v == id ? 1f : 0f;
            table.weights().copyRow(v, row, 0);
            for (int c = 0; c < dim; c++) {
                result[c] += x * row[c];
            }
        }
        return result;
    }

    private static int sameBits(float[] a, float[] b) {
        int differing = 0;
        for (int i = 0; i < a.length; i++) {
            if (Float.floatToRawIntBits(a[i]) != Float.floatToRawIntBits(b[i])) {
                differing++;
            }
        }
        return differing;
    }
}
