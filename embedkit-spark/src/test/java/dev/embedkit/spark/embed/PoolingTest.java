package dev.embedkit.spark.embed;

import dev.embedkit.tensor.HeapMatrix;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PoolingTest {
    // Rows: 0 = (1, -2), 1 = (3, 4), 2 = (-1, 0).
    private static final HeapMatrix ROWS = HeapMatrix.of(new float[][] {{1, -2}, {3, 4}, {-1, 0}});

    @Test
    void meanSumAndMaxOfHandPickedRows() {
        int[] ids = {0, 1, 2, 1};
        assertThat(Pooling.SUM.pool(ROWS, ids)).containsExactly(6, 6);
        assertThat(Pooling.MEAN.pool(ROWS, ids)).containsExactly(1.5f, 1.5f);
        assertThat(Pooling.MAX.pool(ROWS, ids)).containsExactly(3, 4);
    }

    @Test
    void oneTokenIsItsOwnRowWhateverThePoolingAndTheTableIsLeftAlone() {
        for (Pooling pooling : Pooling.values()) {
            assertThat(pooling.pool(ROWS, new int[] {2})).containsExactly(-1, 0);
        }
        assertThat(ROWS.row(2)).containsExactly(-1, 0);
    }
}
