package dev.embedkit.train.word2vec;

import dev.embedkit.simd.Kernels;
import dev.embedkit.vocab.Vocabulary;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The HogBatch step on tables small enough to follow by hand, and its fast kernels against the scalar ones. */
class SharedNegativesStepTest {

    @Test
    void withZeroOutputVectorsTheWordPullsTowardsTheContextSumAndTheNoiseAwayFromIt() {
        // d = 3; context words 1 and 2, word 0, noise word 3; alpha 0.1. Out = 0, so S = 0, σ(0) = 0.5 and
        // G = [[0.05, -0.05], [0.05, -0.05]]; ΔIn = G·Out = 0; ΔOut = Gᵀ·In: word 0 gets 0.05·(in1 + in2),
        // noise 3 gets −0.05·(in1 + in2), with in1 + in2 = (1.5, 2, 3).
        float[] input = {
                0, 0, 0,
                1, 2, -1,
                0.5f, 0, 4,
                0, 0, 0};
        float[] output = new float[4 * 3];
        SharedNegativesStep step = new SharedNegativesStep(Kernels.scalar(), 3, 1, 1, input, output);
        step.train(0, new int[] {1, 2}, new int[] {3}, 0.1f);

        assertThat(input).containsExactly(0, 0, 0, 1, 2, -1, 0.5f, 0, 4, 0, 0, 0);
        float[] expected = {0.075f, 0.1f, 0.15f, 0, 0, 0, 0, 0, 0, -0.075f, -0.1f, -0.15f};
        for (int i = 0; i < expected.length; i++) {
            assertThat(output[i]).as("output[%d]", i).isCloseTo(expected[i], within(1e-7f));
        }
        assertThat(step.pairs()).isEqualTo(4);
        assertThat(step.loss()).isCloseTo(4 * Math.log(2), within(1e-3)); // −log σ(0) = log 2 for each pair
    }

    @Test
    void everyDeltaComesFromTheRowsAsTheyWereAndARepeatedContextWordGetsEachOfItsShares() {
        // d = 2; word 0 with out = (8, 0), noise word 3 with out = (0, −8); context words 1, 2, 1 with
        // in1 = (1, 0), in2 = (0, 1); alpha 0.1. Scores (rows: contexts, columns: word, noise):
        //   in1: 8 → σ = 1 (clipped), g = 0;      0 → σ = 0.5, g = −0.05
        //   in2: 0 → σ = 0.5, g = 0.05;          −8 → σ = 0 (clipped), g = 0
        // ΔIn1 = −0.05·(0, −8) = (0, 0.4), twice; ΔIn2 = 0.05·(8, 0) = (0.4, 0);
        // ΔOut_word = 0.05·in2 = (0, 0.05); ΔOut_noise = −0.05·in1 twice = (−0.1, 0).
        // Had In been updated first, ΔOut_word would read the new in2 = (0.4, 1) and be (0.02, 0.05).
        float[] input = {
                0, 0,
                1, 0,
                0, 1,
                0, 0};
        float[] output = {
                8, 0,
                0, 0,
                0, 0,
                0, -8};
        SharedNegativesStep step = new SharedNegativesStep(Kernels.scalar(), 2, 2, 1, input, output);
        step.train(0, new int[] {1, 2, 1}, new int[] {3}, 0.1f);

        float[] expectedInput = {0, 0, 1, 0.8f, 0.4f, 1, 0, 0};
        float[] expectedOutput = {8, 0.05f, 0, 0, 0, 0, -0.1f, -8};
        for (int i = 0; i < 8; i++) {
            assertThat(input[i]).as("input[%d]", i).isCloseTo(expectedInput[i], within(1e-6f));
            assertThat(output[i]).as("output[%d]", i).isCloseTo(expectedOutput[i], within(1e-6f));
        }
        assertThat(step.pairs()).isEqualTo(6);
    }

    @Test
    void theWindowExcludesThePositionAndANoiseDrawOfTheWordItselfIsSkipped() {
        // A one-slot noise table always draws word 0 ("a"); training word 0 then has no noise words at all,
        // while word 1 gets all five draws. Positions 1..4 of the sentence around position 2: three contexts.
        Vocabulary vocabulary = Vocabulary.of(List.of("a", "b"), new long[] {10, 5});
        NoiseTable noise = new NoiseTable(vocabulary, 1, NoiseTable.WORD2VEC_POWER);
        int[] sentence = {1, 0, 0, 1, 1, 0};
        SharedNegativesStep step = new SharedNegativesStep(Kernels.scalar(), 4, 2, 5, new float[8], new float[8]);
        Word2VecRandom random = new Word2VecRandom(1);

        step.train(sentence, 2, 1, 4, noise, 5, random, 0.025f); // word 0
        assertThat(step.pairs()).isEqualTo(3 * 1);
        step.train(sentence, 3, 1, 4, noise, 5, random, 0.025f); // word 1
        assertThat(step.pairs()).isEqualTo(3 * 6);
        step.train(sentence, 0, 0, 0, noise, 5, random, 0.025f); // a window of one word: nothing to train
        assertThat(step.pairs()).isZero();
    }

    @Test
    void theVectorApiStepAgreesWithTheScalarOne() {
        // d = 100 (not a multiple of 16), 10 contexts, 5 noise words: the shape of a default run.
        int dim = 100;
        ParityTables tables = ParityTables.random(40, dim, 5);
        int[] contexts = {3, 7, 11, 3, 20, 21, 22, 30, 31, 39};
        int[] noiseWords = {1, 2, 5, 8, 2};
        new SharedNegativesStep(Kernels.get(), dim, 5, 5, tables.input(), tables.output())
                .train(0, contexts, noiseWords, 0.025f);
        new SharedNegativesStep(Kernels.scalar(), dim, 5, 5, tables.scalarInput(), tables.scalarOutput())
                .train(0, contexts, noiseWords, 0.025f);
        assertThat(Kernels.get().name()).startsWith("panama");
        tables.assertAgree();
    }
}
