package dev.embedkit.spark.train;

import dev.embedkit.train.word2vec.ShardDelta;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DeltaMergeTest {

    @Test
    void eachRowMovesByTheMeanOfTheShardsThatTouchedIt() {
        // 3 rows, d 2. Shard A touches rows 0 and 2, shard B rows 0 and 1.
        float[] input = {1, 1, 2, 2, 3, 3};
        float[] output = {0, 0, 0, 0, 0, 0};
        ShardDelta a = new ShardDelta(2, new int[] {0, 2}, new float[] {1, 2, 10, 10}, new float[] {4, 4, 1, 1});
        ShardDelta b = new ShardDelta(2, new int[] {0, 1}, new float[] {3, 4, 6, 6}, new float[] {0, 2, 2, 2});
        int changed = DeltaMerge.MEAN.apply(DeltaSum.of(a).plus(DeltaSum.of(b)), input, output);
        assertThat(changed).isEqualTo(3);
        // Row 0: mean of (1,2) and (3,4) = (2,3); rows 1 and 2: one shard each, its whole delta.
        assertThat(input).containsExactly(3, 4, 8, 8, 13, 13);
        assertThat(output).containsExactly(2, 3, 2, 2, 1, 1);
    }

    @Test
    void summingAddsEveryShardsDelta() {
        float[] input = {1, 1, 2, 2, 3, 3};
        float[] output = {0, 0, 0, 0, 0, 0};
        ShardDelta a = new ShardDelta(2, new int[] {0, 2}, new float[] {1, 2, 10, 10}, new float[] {4, 4, 1, 1});
        ShardDelta b = new ShardDelta(2, new int[] {0, 1}, new float[] {3, 4, 6, 6}, new float[] {0, 2, 2, 2});
        assertThat(DeltaMerge.SUM.apply(DeltaSum.of(a).plus(DeltaSum.of(b)), input, output)).isEqualTo(3);
        assertThat(input).containsExactly(5, 7, 8, 8, 13, 13);
        assertThat(output).containsExactly(4, 6, 2, 2, 1, 1);
    }

    @Test
    void untouchedRowsStayExactlyAsTheyWere() {
        float[] input = {0.1f, 0.2f, 0.3f, 0.4f};
        float[] output = {0.5f, 0.6f, 0.7f, 0.8f};
        DeltaMerge.SUM.apply(DeltaSum.of(new ShardDelta(2, new int[] {1}, new float[] {1, 1}, new float[] {1, 1})),
                input, output);
        assertThat(input[0]).isEqualTo(0.1f);
        assertThat(output[1]).isEqualTo(0.6f);
    }

    @Test
    void aRoundTakesEveryNthSentenceStartingAtItsOwnOffset() {
        List<int[]> sentences = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            sentences.add(new int[] {i});
        }
        for (int round = 0; round < 3; round++) {
            List<Integer> taken = new ArrayList<>();
            Iterator<int[]> it = ShardJob.everyNth(sentences.iterator(), 3, round);
            it.forEachRemaining(s -> taken.add(s[0]));
            assertThat(taken).isEqualTo(round == 0 ? List.of(0, 3, 6) : round == 1 ? List.of(1, 4) : List.of(2, 5));
        }
    }
}
