package dev.embedkit.io;

import dev.embedkit.embed.EmbeddingTable;
import dev.embedkit.tensor.HeapMatrix;
import dev.embedkit.vocab.Vocabulary;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Test tables and a bit-exact comparison of two tables. */
final class Tables {
    /** Values that a decimal round trip most easily gets wrong. */
    static final float[] HARD_VALUES = {
            0f, -0f, 1f, -1f, 0.1f, 1f / 3, Float.MAX_VALUE, -Float.MAX_VALUE, Float.MIN_VALUE, -Float.MIN_VALUE,
            Float.MIN_NORMAL, Float.intBitsToFloat(0x007FFFFF), Float.intBitsToFloat(0x00000123), 3.4e-39f,
            16777217f, 1e-10f, 123456.79f, (float) Math.PI, 2.5e38f, -7.006492e-45f
    };

    private Tables() {
    }

    static EmbeddingTable of(List<String> tokens, float[][] rows) {
        return new EmbeddingTable(Vocabulary.of(tokens), HeapMatrix.of(rows));
    }

    /** A table whose rows cycle through {@link #HARD_VALUES}, with unicode tokens. */
    static EmbeddingTable hard() {
        List<String> tokens = List.of("the", "naïve", "日本語", "😀", "<unk>", "x");
        int dim = 7;
        float[][] rows = new float[tokens.size()][dim];
        for (int r = 0; r < rows.length; r++) {
            for (int c = 0; c < dim; c++) {
                rows[r][c] = HARD_VALUES[(r * dim + c) % HARD_VALUES.length];
            }
        }
        return of(tokens, rows);
    }

    /** Same tokens in the same order and the same float bits everywhere (so -0.0 ≠ 0.0). */
    static void assertSameBits(EmbeddingTable actual, EmbeddingTable expected) {
        assertThat(actual.vocabulary().tokens()).isEqualTo(expected.vocabulary().tokens());
        assertThat(actual.dim()).isEqualTo(expected.dim());
        for (int r = 0; r < expected.vocabularySize(); r++) {
            float[] a = actual.lookup(r);
            float[] e = expected.lookup(r);
            for (int c = 0; c < e.length; c++) {
                assertThat(Float.floatToRawIntBits(a[c]))
                        .as("row %d col %d: %s vs %s", r, c, a[c], e[c])
                        .isEqualTo(Float.floatToRawIntBits(e[c]));
            }
        }
    }
}
