package dev.embedkit.train.word2vec;

import dev.embedkit.simd.Kernels;
import dev.embedkit.vocab.Vocabulary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Batched CBOW on tables small enough to follow by hand, its fast kernels against the scalar ones, and the walk
 * that keeps the windows of a batch's words apart.
 */
class CbowBatchStepTest {

    @Test
    void oneWordWithDistinctNoiseWordsTakesThePlainCbowStep() {
        // d = 2; word 0 between context words 1 = (1, 0) and 2 = (0, 1): H = (0.5, 0.5). out0 = (−2, 2) and the
        // noise word 3 has out3 = (2, −2), so both scores are 0, σ = 0.5; alpha 0.1: g = 0.05 for the word, −0.05
        // for the noise. The second noise draw is the word itself: skipped, as the plain step skips it.
        // The plain step's arithmetic: neu1e = 0.05·out0 − 0.05·out3 = (−0.2, 0.2) is added to both context rows;
        // out0 += 0.05·H, out3 −= 0.05·H.
        float[] input = {
                0, 0,
                1, 0,
                0, 1,
                0, 0};
        float[] output = {
                -2, 2,
                0, 0,
                0, 0,
                2, -2};
        CbowBatchStep step = new CbowBatchStep(Kernels.scalar(), 2, 1, 2, 1, input, output);
        step.add(new int[] {1, 0, 2}, 1, 0, 2);
        step.train(new int[] {3, 0}, 0.1f);

        assertClose(input, 0, 0, 0.8f, 0.2f, -0.2f, 1.2f, 0, 0);
        assertClose(output, -1.975f, 2.025f, 0, 0, 0, 0, 1.975f, -2.025f);
        assertThat(step.pairs()).isEqualTo(2);
        assertThat(step.loss()).isCloseTo(2 * Math.log(2), within(1e-3)); // −log σ(0) = log 2 for each pair
    }

    @Test
    void eachWordIsLabelledOnlyAgainstItselfAndTheNoiseWordsItSharesWithTheOthers() {
        // Words 0 (contexts 1, 2: H_a = (0.5, 0.5)) and 4 (contexts 2, 3: H_b = (1, 1.5)); noise words 5 and 4.
        // All output rows are zero, so every score is 0 and ΔH = 0; alpha 0.1.
        //   out0 = 0.05·H_a                  (no −0.05·H_b: word 0 is no noise word for word 4)
        //   out4 = 0.05·H_b − 0.05·H_a       (noise for word 0, masked for word 4 itself)
        //   out5 = −0.05·(H_a + H_b)         (one draw shared by both words)
        float[] input = {
                0, 0,
                1, 0,
                0, 1,
                2, 2,
                0, 0,
                0, 0};
        float[] output = new float[6 * 2];
        CbowBatchStep step = new CbowBatchStep(Kernels.scalar(), 2, 1, 2, 8, input, output);
        int[] sentence = {1, 0, 2, 4, 3};
        step.add(sentence, 1, 0, 2);
        step.add(sentence, 3, 2, 4);
        step.train(new int[] {5, 4}, 0.1f);

        assertClose(input, 0, 0, 1, 0, 0, 1, 2, 2, 0, 0, 0, 0);
        assertClose(output, 0.025f, 0.025f, 0, 0, 0, 0, 0, 0, 0.025f, 0.05f, -0.075f, -0.1f);
        assertThat(step.pairs()).isEqualTo(3 + 2);
    }

    @Test
    void everyScoreAndDeltaComesFromTheRowsAsTheyWereBeforeTheBatch() {
        // (Windows that share a row, 2, which the trainer never batches, so that the sum of the deltas shows.) Word 0 (H_a = (0.5, 0.5)) and word 4 (contexts 2, 3: H_b = (1, 1)); one noise word, 0: masked for word 0,
        // noise for word 4. out0 = (−2, 2), out4 = 0: all scores 0, g = ±0.05 with alpha 0.1.
        //   ΔH_a = 0.05·out0 = (−0.1, 0.1) → rows 1, 2;  ΔH_b = 0.05·out4 − 0.05·out0 = (0.1, −0.1) → rows 2, 3
        //   out0 += 0.05·H_a − 0.05·H_b;  out4 += 0.05·H_b
        // Had word 0 read out0 after word 4's noise update, its score would be −0.05 and every number would move.
        float[] input = {
                0, 0,
                1, 0,
                0, 1,
                2, 1,
                0, 0};
        float[] output = {
                -2, 2,
                0, 0,
                0, 0,
                0, 0,
                0, 0};
        CbowBatchStep step = new CbowBatchStep(Kernels.scalar(), 2, 1, 1, 2, input, output);
        int[] sentence = {1, 0, 2, 4, 3};
        step.add(sentence, 1, 0, 2);
        step.add(sentence, 3, 2, 4);
        step.train(new int[] {0}, 0.1f);

        assertClose(input, 0, 0, 0.9f, 0.1f, 0, 1, 2.1f, 0.9f, 0, 0);
        assertClose(output, -2.025f, 1.975f, 0, 0, 0, 0, 0, 0, 0.05f, 0.05f);
    }

    @Test
    void wordsWithoutContextAreLeftOutAndAnEmptyBatchDrawsNothing() {
        // A one-slot noise table always draws word 0 ("a"): for word 0 all three draws are masked, word 1 gets all.
        Vocabulary vocabulary = Vocabulary.of(List.of("a", "b"), new long[] {10, 5});
        NoiseTable noise = new NoiseTable(vocabulary, 1, NoiseTable.WORD2VEC_POWER);
        CbowBatchStep step = new CbowBatchStep(Kernels.scalar(), 4, 2, 3, 2, new float[8], new float[8]);
        Word2VecRandom random = new Word2VecRandom(1);
        int[] sentence = {0, 1, 1};

        step.add(sentence, 0, 0, 0); // a window of one word: nothing to train
        step.train(noise, 3, random, 0.025f);
        assertThat(step.pairs()).isZero();
        assertThat(random.state()).isEqualTo(new Word2VecRandom(1).state());

        step.add(sentence, 0, 0, 1);
        step.add(sentence, 1, 0, 2);
        step.train(noise, 3, random, 0.025f);
        assertThat(step.pairs()).isEqualTo(1 + (1 + 3));
    }

    @Test
    void theVectorApiStepAgreesWithTheScalarOne() {
        // d = 100 (not a multiple of 16), 8 words of a 12-word sentence with windows of up to 5, 5 noise words.
        int dim = 100;
        ParityTables tables = ParityTables.random(40, dim, 7);
        int[] sentence = {3, 7, 11, 3, 20, 21, 22, 30, 31, 39, 7, 12};
        int[] noiseWords = {1, 2, 5, 21, 2};
        CbowBatchStep fast = new CbowBatchStep(Kernels.get(), dim, 5, 5, 8, tables.input(), tables.output());
        CbowBatchStep scalar = new CbowBatchStep(Kernels.scalar(), dim, 5, 5, 8, tables.scalarInput(),
                tables.scalarOutput());
        for (int position = 2; position < 10; position++) {
            int from = Math.max(0, position - 1 - position % 4);
            int to = Math.min(sentence.length - 1, position + 1 + position % 3);
            fast.add(sentence, position, from, to);
            scalar.add(sentence, position, from, to);
        }
        fast.train(noiseWords, 0.05f);
        scalar.train(noiseWords, 0.05f);
        assertThat(Kernels.get().name()).startsWith("panama");
        tables.assertAgree();
        assertThat(fast.pairs()).isEqualTo(scalar.pairs()).isEqualTo(8 + 8 * 5 - 1); // word 21 is its own noise once
    }

    @Test
    void aSentenceIsCutIntoStretchesLongerThanTwoWindows() {
        // Window 5: a stretch holds at least 11 words, so a batch's words (a stretch apart) have disjoint windows.
        assertThat(CbowBatchStep.stretch(1000, 5, 8)).isEqualTo(125); // 8 stretches: batches of 8
        assertThat(CbowBatchStep.stretch(88, 5, 8)).isEqualTo(11);    // 8 stretches of exactly 11
        assertThat(CbowBatchStep.stretch(87, 5, 8)).isEqualTo(13);    // 7 stretches, the last one 9 words
        assertThat(CbowBatchStep.stretch(30, 5, 8)).isEqualTo(15);    // 2 stretches
        assertThat(CbowBatchStep.stretch(21, 5, 8)).isEqualTo(21);    // one stretch: a word at a time
        assertThat(CbowBatchStep.stretch(1, 1, 8)).isEqualTo(1);
        assertThat(CbowBatchStep.stretch(0, 5, 8)).isZero();          // nothing to walk
    }

    @Property
    void theWordsOfABatchHaveDisjointWindowsAndFillAtMostOneBatch(@ForAll @IntRange(min = 1, max = 3000) int length,
                                                                  @ForAll @IntRange(min = 1, max = 12) int window,
                                                                  @ForAll @IntRange(min = 1, max = 16) int batchSize) {
        // The trainer's walk: batch `first` holds the positions first, first + stretch, ... below length.
        int stretch = CbowBatchStep.stretch(length, window, batchSize);
        int[] seen = new int[length];
        for (int first = 0; first < stretch; first++) {
            int words = 0;
            for (int position = first; position < length; position += stretch) {
                seen[position]++;
                words++;
            }
            assertThat(words).isBetween(1, batchSize);
            if (words > 1) {
                assertThat(stretch).isGreaterThan(2 * window);
            }
        }
        assertThat(seen).as("every position once").containsOnly(1);
        if (batchSize > 1 && length >= 2 * (2 * window + 1)) {
            assertThat(stretch).as("room for two windows: batches of two words or more").isLessThan(length);
        }
    }

    private static void assertClose(float[] actual, float... expected) {
        assertThat(actual).hasSize(expected.length);
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i]).as("[%d]", i).isCloseTo(expected[i], within(1e-6f));
        }
    }
}
