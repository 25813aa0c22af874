package dev.embedkit.embed;

import dev.embedkit.BadInputException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class SoftmaxTest {

    // Expected values from exp((l − 3)/T) / Σ, computed in double by hand (python math.exp).
    @Test
    void probabilitiesAtTemperatureOne() {
        assertThat(Softmax.probabilities(new float[] {1, 2, 3}, 1.0))
                .containsExactly(new double[] {0.09003057317038046, 0.24472847105479764, 0.6652409557748218},
                        within(1e-15));
    }

    @Test
    void temperatureFlattensAndSharpens() {
        assertThat(Softmax.probabilities(new float[] {1, 2, 3}, 2.0))
                .containsExactly(new double[] {0.1863237232258476, 0.3071958857184984, 0.506480391055654}, within(1e-15));
        assertThat(Softmax.probabilities(new float[] {1, 2, 3}, 0.5))
                .containsExactly(new double[] {0.015876239976466765, 0.11731042782619838, 0.8668133321973349},
                        within(1e-15));
    }

    @Test
    void hugeLogitsDoNotOverflow() {
        // exp(1000) is +Inf in double; only subtracting the max keeps this finite.
        assertThat(Softmax.probabilities(new float[] {1000, 1001, 1002}, 1.0))
                .containsExactly(new double[] {0.09003057317038046, 0.24472847105479764, 0.6652409557748218},
                        within(1e-15));
        assertThat(Softmax.probabilities(new float[] {-1000, 1000}, 1.0)).containsExactly(0.0, 1.0);
    }

    @Test
    void probabilitiesSumToOne() {
        float[] logits = new float[1000];
        for (int i = 0; i < logits.length; i++) {
            logits[i] = (i % 17) - 8.5f;
        }
        double sum = 0;
        for (double p : Softmax.probabilities(logits, 0.7)) {
            sum += p;
        }
        assertThat(sum).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void rejectsBadTemperature() {
        float[] logits = {1, 2};
        for (double t : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertThatThrownBy(() -> Softmax.probabilities(logits, t))
                    .isInstanceOf(BadInputException.class)
                    .hasMessage("temperature must be finite and > 0, got " + t);
        }
    }

    @Test
    void rejectsNonFiniteOrEmptyLogits() {
        assertThatThrownBy(() -> Softmax.probabilities(new float[] {1, Float.NaN}, 1))
                .isInstanceOf(BadInputException.class)
                .hasMessage("logit 1 is NaN; softmax needs finite logits");
        assertThatThrownBy(() -> Softmax.probabilities(new float[] {Float.POSITIVE_INFINITY}, 1))
                .isInstanceOf(BadInputException.class)
                .hasMessage("logit 0 is Infinity; softmax needs finite logits");
        assertThatThrownBy(() -> Softmax.probabilities(new float[0], 1))
                .isInstanceOf(BadInputException.class)
                .hasMessage("softmax of an empty array of logits");
    }

    @Test
    void argmaxFirstMaxWins() {
        assertThat(Softmax.argmax(new float[] {1, 3, 2})).isEqualTo(1);
        assertThat(Softmax.argmax(new float[] {3, 1, 3})).isEqualTo(0);
        assertThat(Softmax.argmax(new float[] {Float.NEGATIVE_INFINITY, -5, -5})).isEqualTo(1);
    }

    @Test
    void argmaxRejectsNaNAndEmpty() {
        assertThatThrownBy(() -> Softmax.argmax(new float[] {1, Float.NaN, 2}))
                .isInstanceOf(BadInputException.class)
                .hasMessage("value 1 is NaN; argmax is undefined");
        assertThatThrownBy(() -> Softmax.argmax(new float[0]))
                .isInstanceOf(BadInputException.class)
                .hasMessage("argmax of an empty array");
    }
}
