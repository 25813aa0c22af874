package dev.embedkit.embed;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class CosineTest {

    @Test
    void cosineOfHandComputedPairs() {
        assertThat(Cosine.between(new float[] {3, 4}, new float[] {6, 8})).isEqualTo(1.0);
        assertThat(Cosine.between(new float[] {1, 0}, new float[] {0, 2})).isZero();
        assertThat(Cosine.between(new float[] {1, 1}, new float[] {-1, -1})).isEqualTo(-1.0);
        // (1·2 + 2·1) / (√5 · √5) = 4/5
        assertThat(Cosine.between(new float[] {1, 2}, new float[] {2, 1})).isCloseTo(0.8, within(1e-15));
    }

    @Test
    void aZeroVectorHasNoDirectionAndScoresZero() {
        assertThat(Cosine.between(new float[] {0, 0}, new float[] {1, 2})).isZero();
    }

    @Test
    void vectorsOfDifferentLengthsAreRefused() {
        assertThatThrownBy(() -> Cosine.between(new float[2], new float[3]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lengths 2 and 3");
    }
}
