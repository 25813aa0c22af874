package dev.embedkit.train.word2vec;

import dev.embedkit.simd.Kernels;
import dev.embedkit.subword.CharNgrams;
import dev.embedkit.subword.SubwordIndex;
import dev.embedkit.tensor.HeapMatrix;
import dev.embedkit.vocab.Vocabulary;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SubwordStepTest {
    // Words "ab" and "cd" with 3-grams only: "<ab" "ab>" and "<cd" "cd>", in 1000 buckets (distinct here).
    private static final CharNgrams NGRAMS = new CharNgrams(3, 3, 1000);
    private static final Vocabulary WORDS = Vocabulary.of(List.of("ab", "cd"));

    /** Records each input vector the step asks to train and answers with a fixed gradient per call. */
    private static final class RecordingSampling implements SubwordStep.NegativeSampling {
        final List<float[]> inputs = new ArrayList<>();
        final List<Integer> targets = new ArrayList<>();
        final float[] gradient;
        final float[] answer;

        RecordingSampling(float[] gradient, float[] answer) {
            this.gradient = gradient;
            this.answer = answer;
        }

        @Override
        public void train(float[] input, int inputOffset, int word, Word2VecRandom random, float alpha) {
            inputs.add(java.util.Arrays.copyOfRange(input, inputOffset, inputOffset + gradient.length));
            targets.add(word);
            System.arraycopy(answer, 0, gradient, 0, gradient.length);
        }
    }

    private static SubwordTables tables(float[][] bucketRows) {
        SubwordIndex index = SubwordIndex.of(WORDS, NGRAMS);
        assertThat(index.usedBucketCount()).isEqualTo(4);
        return new SubwordTables(NGRAMS, index, HeapMatrix.of(bucketRows));
    }

    /** Row r of the compact table: the word rows, then the bucket rows. */
    private static float[] row(float[] words, SubwordTables tables, int row) {
        int dim = 2;
        return row < 2 ? new float[]{words[row * dim], words[row * dim + 1]}
                : tables.buckets().row(row - 2);
    }

    @Test
    void skipGramMovesTheCentresVectorByEachContextWordsGradientAndAddsTheirSumToEachRow() {
        float[] words = {1, 2, 3, 4};                  // ab = (1, 2), cd = (3, 4)
        SubwordTables tables = tables(new float[][]{{10, 20}, {30, 40}, {50, 60}, {70, 80}});
        SubwordIndex index = tables.index();
        int[] abRows = index.rows(0);
        assertThat(abRows).hasSize(3).startsWith(0);
        float[] expectedMean = new float[2];
        for (int r : abRows) {
            float[] v = row(words, tables, r);
            expectedMean[0] += v[0] / 3f;
            expectedMean[1] += v[1] / 3f;
        }
        float[][] before = new float[6][];
        for (int r = 0; r < 6; r++) {
            before[r] = row(words, tables, r).clone();
        }
        float[] gradient = new float[2];
        RecordingSampling sampling = new RecordingSampling(gradient, new float[]{0.5f, -0.25f});
        SubwordStep step = new SubwordStep(Kernels.scalar(), 2, words, tables, sampling, gradient);

        // sentence "cd ab cd": centre ab at position 1, both neighbours are context words
        step.skipGram(new int[]{1, 0, 1}, 1, 0, 2, null, 0.1f);

        assertThat(sampling.targets).containsExactly(1, 1);
        // The second context word sees the centre as fastText recomposes it: each row moved by the first gradient,
        // so their mean did too.
        assertThat(sampling.inputs.get(0)).containsExactly(new float[]{expectedMean[0], expectedMean[1]},
                within(1e-5f));
        assertThat(sampling.inputs.get(1)).containsExactly(new float[]{expectedMean[0] + 0.5f,
                expectedMean[1] - 0.25f}, within(1e-5f));
        for (int r = 0; r < 6; r++) {
            boolean ofAb = r == abRows[0] || r == abRows[1] || r == abRows[2];
            float[] expected = ofAb ? new float[]{before[r][0] + 1f, before[r][1] - 0.5f} : before[r];
            assertThat(row(words, tables, r)).as("row %d", r).containsExactly(expected);
        }
    }

    @Test
    void skipGramEqualsFastTextsRecompositionAfterEveryContextWord() {
        // fastText's Model::update per (centre, context) pair: h = mean of the centre's rows; g = gradient(h);
        // each row += g. Here the gradient depends on h as negative sampling's does: g = (0.1·h1 − 0.2, −0.3·h0).
        float[] words = {1, 2, 3, 4};
        SubwordTables tables = tables(new float[][]{{10, 20}, {30, 40}, {50, 60}, {70, 80}});
        int[] abRows = tables.index().rows(0);
        double[][] rows = new double[6][];
        for (int r = 0; r < 6; r++) {
            float[] v = row(words, tables, r);
            rows[r] = new double[]{v[0], v[1]};
        }
        float[] gradient = new float[2];
        SubwordStep.NegativeSampling dependent = (input, offset, word, random, alpha) -> {
            gradient[0] = 0.1f * input[offset + 1] - 0.2f;
            gradient[1] = -0.3f * input[offset];
        };
        SubwordStep step = new SubwordStep(Kernels.scalar(), 2, words, tables, dependent, gradient);

        step.skipGram(new int[]{1, 1, 0, 1, 1}, 2, 0, 4, null, 0.1f); // ab with four context words

        for (int context = 0; context < 4; context++) {
            double h0 = 0;
            double h1 = 0;
            for (int r : abRows) {
                h0 += rows[r][0] / 3;
                h1 += rows[r][1] / 3;
            }
            double g0 = 0.1 * h1 - 0.2;
            double g1 = -0.3 * h0;
            for (int r : abRows) {
                rows[r][0] += g0;
                rows[r][1] += g1;
            }
        }
        for (int r = 0; r < 6; r++) {
            assertThat(row(words, tables, r)).as("row %d", r)
                    .containsExactly(new float[]{(float) rows[r][0], (float) rows[r][1]}, within(1e-3f));
        }
    }

    @Test
    void cbowTrainsTheMeanOfTheContextWordsComposedVectorsAndUpdatesTheirRows() {
        float[] words = {1, 2, 3, 4};
        SubwordTables tables = tables(new float[][]{{10, 20}, {30, 40}, {50, 60}, {70, 80}});
        SubwordIndex index = tables.index();
        float[][] composed = new float[2][2];
        for (int w = 0; w < 2; w++) {
            for (int r : index.rows(w)) {
                composed[w][0] += row(words, tables, r)[0] / 3f;
                composed[w][1] += row(words, tables, r)[1] / 3f;
            }
        }
        float[][] before = new float[6][];
        for (int r = 0; r < 6; r++) {
            before[r] = row(words, tables, r).clone();
        }
        float[] gradient = new float[2];
        RecordingSampling sampling = new RecordingSampling(gradient, new float[]{2f, 4f});
        SubwordStep step = new SubwordStep(Kernels.scalar(), 2, words, tables, sampling, gradient);

        // sentence "ab cd ab": the centre cd (position 1) from the context ab, ab
        step.cbow(new int[]{0, 1, 0}, 1, 0, 2, null, 0.1f);

        assertThat(sampling.targets).containsExactly(1);
        assertThat(sampling.inputs.getFirst()[0]).isCloseTo(composed[0][0], org.assertj.core.data.Offset.offset(1e-5f));
        assertThat(sampling.inputs.getFirst()[1]).isCloseTo(composed[0][1], org.assertj.core.data.Offset.offset(1e-5f));
        int[] abRows = index.rows(0);
        for (int r = 0; r < 6; r++) {
            boolean ofAb = r == abRows[0] || r == abRows[1] || r == abRows[2];
            // ab is a context word twice, so its rows get the gradient twice; cd's rows stay
            float[] expected = ofAb ? new float[]{before[r][0] + 4f, before[r][1] + 8f} : before[r];
            assertThat(row(words, tables, r)).as("row %d", r).containsExactly(expected);
        }
    }
}
