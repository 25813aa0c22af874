package dev.embedkit.search;

import dev.embedkit.BadInputException;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TopKTest {

    @Test
    void keepsTheBestSortedBestFirst() {
        TopK top = new TopK(3);
        float[] scores = {0.1f, 0.9f, -0.5f, 0.7f, 0.3f, 0.8f};
        for (int id = 0; id < scores.length; id++) {
            top.offer(id, scores[id]);
        }
        int[] ids = new int[3];
        float[] kept = new float[3];
        assertThat(top.drainTo(ids, kept)).isEqualTo(3);
        assertThat(ids).containsExactly(1, 5, 3);
        assertThat(kept).containsExactly(0.9f, 0.8f, 0.7f);
    }

    @Test
    void onEqualScoresTheLowerIdWinsWhateverTheOrderOfOffers() {
        TopK top = new TopK(2);
        top.offer(7, 1f);
        top.offer(3, 1f);
        top.offer(5, 1f);
        top.offer(9, 0.5f);
        int[] ids = new int[2];
        top.drainTo(ids, new float[2]);
        assertThat(ids).containsExactly(3, 5);
    }

    @Test
    void fewerOffersThanKAndReuseAfterDrain() {
        TopK top = new TopK(5);
        top.offer(0, 2f);
        top.offer(1, 3f);
        int[] ids = new int[5];
        float[] scores = new float[5];
        assertThat(top.drainTo(ids, scores)).isEqualTo(2);
        assertThat(top.size()).isZero();
        top.offer(4, -1f);
        assertThat(top.drainTo(ids, scores)).isEqualTo(1);
        assertThat(ids[0]).isEqualTo(4);
        assertThat(scores[0]).isEqualTo(-1f);
    }

    @Test
    void rejectsBadKAndNaN() {
        assertThatThrownBy(() -> new TopK(0)).isInstanceOf(BadInputException.class)
                .hasMessage("k must be at least 1, got 0");
        assertThatThrownBy(() -> new TopK(2).offer(4, Float.NaN)).isInstanceOf(BadInputException.class)
                .hasMessage("score of id 4 is NaN; it cannot be ranked");
    }

    @Property
    void agreesWithAFullSort(@ForAll @Size(max = 60) List<@IntRange(min = -5, max = 5) Integer> values,
                             @ForAll @IntRange(min = 1, max = 70) int k) {
        TopK top = new TopK(k);
        for (int id = 0; id < values.size(); id++) {
            top.offer(id, values.get(id));
        }
        int[] ids = new int[k];
        float[] scores = new float[k];
        int n = top.drainTo(ids, scores);

        List<Integer> expected = IntStream.range(0, values.size()).boxed()
                .sorted(Comparator.<Integer>comparingInt(values::get).reversed().thenComparing(id -> id))
                .limit(k).toList();
        assertThat(IntStream.of(ids).limit(n).boxed().toList()).isEqualTo(expected);
    }
}
