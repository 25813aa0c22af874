package dev.embedkit.train.word2vec;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Two identical pairs of random (V, d) input and output tables: one for a step on the Vector API kernels, one for
 * the same step on the scalar kernels, which must end within {@code 1e-5} of each other (and have moved).
 */
record ParityTables(float[] input, float[] output, float[] scalarInput, float[] scalarOutput, float[] before) {

    static ParityTables random(int words, int dim, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] input = new float[words * dim];
        float[] output = new float[words * dim];
        for (int i = 0; i < input.length; i++) {
            input[i] = (float) (random.nextDouble() - 0.5);
            output[i] = (float) (random.nextDouble() - 0.5) * 0.3f;
        }
        return new ParityTables(input, output, input.clone(), output.clone(), input.clone());
    }

    void assertAgree() {
        for (int i = 0; i < input.length; i++) {
            assertThat(input[i]).as("input[%d]", i).isCloseTo(scalarInput[i], within(1e-5f));
            assertThat(output[i]).as("output[%d]", i).isCloseTo(scalarOutput[i], within(1e-5f));
        }
        assertThat(input).isNotEqualTo(before);
    }
}
