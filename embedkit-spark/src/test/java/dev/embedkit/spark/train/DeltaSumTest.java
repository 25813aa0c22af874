package dev.embedkit.spark.train;

import dev.embedkit.train.word2vec.ShardDelta;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DeltaSumTest {
    // d 1; rows {0, 3}, {1, 3}, {3, 4}: row 3 is touched by all three shards.
    private static final DeltaSum A = DeltaSum.of(new ShardDelta(1, new int[] {0, 3}, new float[] {1, 2},
            new float[] {10, 20}));
    private static final DeltaSum B = DeltaSum.of(new ShardDelta(1, new int[] {1, 3}, new float[] {3, 4},
            new float[] {30, 40}));
    private static final DeltaSum C = DeltaSum.of(new ShardDelta(1, new int[] {3, 4}, new float[] {5, 6},
            new float[] {50, 60}));

    @Test
    void addingMergesTheRowListsAndCountsTheShardsPerRow() {
        DeltaSum sum = A.plus(B).plus(C);
        assertThat(sum.rows()).containsExactly(0, 1, 3, 4);
        assertThat(sum.touchedBy()).containsExactly(1, 1, 3, 1);
        assertThat(sum.inputSum()).containsExactly(1, 3, 11, 6);
        assertThat(sum.outputSum()).containsExactly(10, 30, 110, 60);
        // Each shard sent 2 rows: 2 × (2 tables × 1 float + 1 ID) × 4 bytes.
        assertThat(sum.payloadBytes()).isEqualTo(3 * 2 * 3 * 4);
    }

    @Test
    void theGroupingAndOrderOfTheAdditionsDoNotMatter() {
        DeltaSum leftFirst = A.plus(B).plus(C);
        for (DeltaSum other : new DeltaSum[] {A.plus(B.plus(C)), C.plus(A).plus(B), B.plus(C.plus(A))}) {
            assertThat(other.rows()).containsExactly(leftFirst.rows());
            assertThat(other.touchedBy()).containsExactly(leftFirst.touchedBy());
            assertThat(other.inputSum()).containsExactly(leftFirst.inputSum());
            assertThat(other.outputSum()).containsExactly(leftFirst.outputSum());
        }
    }

    @Test
    void aShardThatTouchedNoRowAddsNothing() {
        DeltaSum empty = DeltaSum.of(new ShardDelta(1, new int[0], new float[0], new float[0]));
        assertThat(empty.plus(A).rows()).containsExactly(0, 3);
        assertThat(A.plus(empty).inputSum()).containsExactly(1, 2);
    }
}
