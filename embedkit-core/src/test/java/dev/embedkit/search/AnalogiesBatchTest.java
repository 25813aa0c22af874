package dev.embedkit.search;

import dev.embedkit.BadInputException;
import dev.embedkit.embed.EmbeddingTable;
import dev.embedkit.tensor.HeapMatrix;
import dev.embedkit.vocab.Vocabulary;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** {@link Analogies#solveAll} gives, question by question, what {@link Analogies#solve} gives alone. */
class AnalogiesBatchTest {

    /** 1500 random words × 13 dims: more than one row block, an odd dim. */
    private static EmbeddingTable randomTable() {
        Random random = new Random(7);
        int vocab = 1500;
        int dim = 13;
        List<String> words = new ArrayList<>();
        float[][] rows = new float[vocab][dim];
        for (int i = 0; i < vocab; i++) {
            words.add("w" + i);
            for (int c = 0; c < dim; c++) {
                rows[i][c] = (float) random.nextGaussian();
            }
        }
        return new EmbeddingTable(Vocabulary.of(words), HeapMatrix.of(rows));
    }

    @Test
    void batchAnswersEqualSingleAnswersForBothMethods() {
        EmbeddingTable table = randomTable();
        Analogies analogies = new Analogies(new NeighborIndex(table));
        Random random = new Random(11);
        int[][] questions = new int[70][];
        for (int q = 0; q < questions.length; q++) {
            questions[q] = new int[] {random.nextInt(1500), random.nextInt(1500), random.nextInt(1500)};
        }
        questions[3] = new int[] {5, 6, 5}; // a repeated word
        for (AnalogyMethod method : AnalogyMethod.values()) {
            List<List<Neighbor>> batch = analogies.solveAll(questions, 5, method);
            assertThat(batch).hasSize(questions.length);
            for (int q = 0; q < questions.length; q++) {
                String a = "w" + questions[q][0];
                String b = "w" + questions[q][1];
                String c = "w" + questions[q][2];
                List<Neighbor> single = analogies.solve(a, b, c, 5, method);
                assertThat(batch.get(q)).extracting(Neighbor::id).as(method + " question " + q)
                        .containsExactlyElementsOf(single.stream().map(Neighbor::id).toList());
                for (int i = 0; i < single.size(); i++) {
                    // the same arithmetic; the Vector API's reductions may still differ in the last bit
                    assertThat(batch.get(q).get(i).score()).isCloseTo(single.get(i).score(), within(1e-6f));
                }
                assertThat(batch.get(q)).extracting(Neighbor::id).doesNotContain(questions[q][0], questions[q][1], questions[q][2]);
            }
        }
    }

    @Test
    void aZeroDirectionHasNoAnswersInsteadOfFailingTheBatch() {
        Analogies analogies = new Analogies(new NeighborIndex(TinyTables.plane()));
        // a = b, c zero row: b − a + c = 0
        List<List<Neighbor>> answers = analogies.solveAll(new int[][] {{0, 0, 4}, {0, 1, 2}}, 2, AnalogyMethod.ADD);
        assertThat(answers.get(0)).isEmpty();
        assertThat(answers.get(1)).hasSize(2);
        assertThat(analogies.solveAll(new int[0][], 2, AnalogyMethod.MUL)).isEmpty();
    }

    @Test
    void badQuestionsAreRefused() {
        Analogies analogies = new Analogies(new NeighborIndex(TinyTables.plane()));
        assertThatThrownBy(() -> analogies.solveAll(new int[][] {{0, 1}}, 2, AnalogyMethod.ADD))
                .isInstanceOf(BadInputException.class).hasMessageContaining("3 IDs");
        assertThatThrownBy(() -> analogies.solveAll(new int[][] {{0, 1, 9}}, 2, AnalogyMethod.ADD))
                .isInstanceOf(BadInputException.class).hasMessageContaining("out of range");
    }
}
