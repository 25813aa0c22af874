package dev.embedkit.embed;

import dev.embedkit.BadInputException;
import dev.embedkit.tensor.DType;
import dev.embedkit.tensor.HeapMatrix;
import dev.embedkit.tensor.MappedMatrix;
import dev.embedkit.vocab.Vocabulary;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

class UnembeddingTest {
    private static final Vocabulary VOCAB = Vocabulary.of(List.of("a", "b", "c"));
    // (vocab_size=3, dim=2): h·E[v] is h0 for a, h1 for b, h0 + h1 for c.
    private static final EmbeddingTable TABLE = new EmbeddingTable(VOCAB, HeapMatrix.of(new float[][] {
            {1, 0},
            {0, 1},
            {1, 1}}));

    @Test
    void logitsOfATiedTable() {
        assertThat(Unembedding.tied(TABLE).logits(new float[] {2, 3})).containsExactly(2f, 3f, 5f);
    }

    @Test
    void aBiasAddsOneNumberPerTokenToEveryLogit() {
        Unembedding biased = Unembedding.tied(TABLE).withBias(new float[] {0.5f, -1, 0});
        assertThat(biased.logits(new float[] {2, 3})).containsExactly(2.5f, 2f, 5f);
        HeapMatrix batch = biased.logits(HeapMatrix.of(new float[][] {{2, 3}, {0, 0}}));
        assertThat(batch.data()).containsExactly(2.5f, 2f, 5f, 0.5f, -1f, 0f);
        // h = 0: only the bias speaks, so a (0.5) outranks c (0) and b (−1)
        assertThat(biased.topK(new float[] {0, 0}, 3, 1.0)).extracting(TokenScore::token).containsExactly("a", "c", "b");
        assertThatThrownBy(() -> Unembedding.tied(TABLE).withBias(new float[2]))
                .isInstanceOf(BadInputException.class).hasMessageContaining("bias has 2 values but the vocabulary has V=3");
        assertThatThrownBy(() -> Unembedding.tied(TABLE).withBias(new float[] {0, Float.NaN, 0}))
                .isInstanceOf(BadInputException.class).hasMessageContaining("output bias[1] is NaN");
    }

    @Test
    void logitsOfASeparateOutputMatrix() {
        HeapMatrix output = HeapMatrix.of(new float[][] {{-1, 2}, {0.5f, 0.5f}, {3, 0}}); // (vocab_size, dim)
        Unembedding unembedding = new Unembedding(output, VOCAB);
        assertThat(unembedding.logits(new float[] {2, 3})).containsExactly(4f, 2.5f, 6f);
        assertThat(unembedding.argmax(new float[] {2, 3})).isEqualTo(2);
    }

    @Test
    void aMappedHalfPrecisionTableGivesTheSameLogits() {
        // Small integers are exact in F16, so the widened table equals the heap one value for value.
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment segment = arena.allocate(3 * 2 * DType.F16.bytes());
            float[] values = {1, 0, 0, 1, 1, 1}; // (vocab_size, dim), the rows of TABLE
            for (int i = 0; i < values.length; i++) {
                DType.F16.write(segment, (long) i * DType.F16.bytes(), values[i]);
            }
            Unembedding mapped = Unembedding.tied(new EmbeddingTable(VOCAB, new MappedMatrix(segment, 3, 2, DType.F16)));
            assertThat(mapped.logits(new float[] {2, 3})).containsExactly(2f, 3f, 5f);
        }
    }

    @Test
    void batchLogitsAreOneRowPerPosition() {
        HeapMatrix h = HeapMatrix.of(new float[][] {{2, 3}, {-1, 0.5f}}); // (n=2, dim)
        HeapMatrix logits = Unembedding.tied(TABLE).logits(h);
        assertThat(logits).isEqualTo(HeapMatrix.of(new float[][] {{2, 3, 5}, {-1, 0.5f, -0.5f}}));
    }

    @Test
    void aLargeVocabularyIsScoredInParallelRangesWithTheSameResultAsOnePositionAtATime() {
        // V = 10,001 rows: more than two ranges' worth, and not a multiple of 4, so the split and the tile edges
        // both matter; each batch row must equal the single-position logits (the same dot products).
        int vocab = 10_001;
        int dim = 19;
        java.util.SplittableRandom random = new java.util.SplittableRandom(3);
        float[][] rows = new float[vocab][dim];
        for (float[] row : rows) {
            for (int c = 0; c < dim; c++) {
                row[c] = (float) random.nextGaussian();
            }
        }
        List<String> tokens = java.util.stream.IntStream.range(0, vocab).mapToObj(i -> "t" + i).toList();
        Unembedding unembedding = Unembedding.tied(new EmbeddingTable(Vocabulary.of(tokens), HeapMatrix.of(rows)));
        HeapMatrix h = HeapMatrix.of(new float[][] {rows[5], rows[9_999], rows[10_000]}); // (n=3, dim)
        HeapMatrix batch = unembedding.logits(h);
        for (int i = 0; i < h.rows(); i++) {
            float[] single = unembedding.logits(h.row(i));
            for (int v = 0; v < vocab; v++) {
                assertThat(batch.get(i, v)).as("logit[%d][%d]", i, v).isCloseTo(single[v], within(1e-4f));
            }
        }
    }

    @Test
    void topKCarriesLogitsAndProbabilitiesOverTheWholeVocabulary() {
        // softmax([2, 3, 5]) = exp([-3, -2, 0]) / Σ, by hand in double.
        List<TokenScore> top = Unembedding.tied(TABLE).topK(new float[] {2, 3}, 2, 1.0);
        assertThat(top).extracting(TokenScore::id, TokenScore::token, TokenScore::logit)
                .containsExactly(
                        tuple(2, "c", 5f),
                        tuple(1, "b", 3f));
        assertThat(top.get(0).probability()).isCloseTo(0.8437947344813395, within(1e-12));
        assertThat(top.get(1).probability()).isCloseTo(0.11419519938459449, within(1e-12));
    }

    @Test
    void topKAtTemperatureTwoAndKClampedToV() {
        List<TokenScore> top = Unembedding.tied(TABLE).topK(new float[] {2, 3}, 10, 2.0);
        assertThat(top).extracting(TokenScore::token).containsExactly("c", "b", "a");
        double[] probabilities = top.stream().mapToDouble(TokenScore::probability).toArray();
        assertThat(probabilities).containsExactly(
                new double[] {0.6285317192117624, 0.23122389762214907, 0.14024438316608848}, within(1e-12));
    }

    @Test
    void equalLogitsRankTheLowerIdFirst() {
        assertThat(Unembedding.tied(TABLE).topK(new float[] {1, 1}, 3, 1.0))
                .extracting(TokenScore::token).containsExactly("c", "a", "b");
        assertThat(Unembedding.tied(TABLE).argmax(new float[] {1, 0})).isEqualTo(0); // a and c tie at 1
    }

    @Test
    void rejectsWrongDimensionNamingBothDims() {
        Unembedding unembedding = Unembedding.tied(TABLE);
        assertThatThrownBy(() -> unembedding.logits(new float[] {1, 2, 3}))
                .isInstanceOf(BadInputException.class)
                .hasMessage("h has 3 values but the output matrix has dim=2 (vocab_size=3, dim=2)");
        assertThatThrownBy(() -> unembedding.logits(HeapMatrix.zeros(4, 3)))
                .isInstanceOf(BadInputException.class)
                .hasMessage("h is 4×3 but the output matrix has dim=2 (vocab_size=3, dim=2)");
    }

    @Test
    void rejectsNonFiniteHiddenState() {
        Unembedding unembedding = Unembedding.tied(TABLE);
        assertThatThrownBy(() -> unembedding.logits(new float[] {1, Float.NaN}))
                .isInstanceOf(BadInputException.class)
                .hasMessage("h[1] is NaN; the hidden state must be finite");
        assertThatThrownBy(() -> unembedding.topK(new float[] {Float.POSITIVE_INFINITY, 0}, 1, 1.0))
                .isInstanceOf(BadInputException.class)
                .hasMessage("h[0] is Infinity; the hidden state must be finite");
        assertThatThrownBy(() -> unembedding.logits(HeapMatrix.of(new float[][] {{0, 0}, {0, Float.NaN}})))
                .isInstanceOf(BadInputException.class)
                .hasMessage("h[1][1] is NaN; the hidden state must be finite");
    }

    @Test
    void rejectsBadKAndMismatchedVocabulary() {
        assertThatThrownBy(() -> Unembedding.tied(TABLE).topK(new float[] {1, 1}, 0, 1.0))
                .isInstanceOf(BadInputException.class)
                .hasMessage("k must be at least 1, got 0");
        assertThatThrownBy(() -> new Unembedding(HeapMatrix.zeros(2, 2), VOCAB))
                .isInstanceOf(BadInputException.class)
                .hasMessage("output matrix has 2 rows but the vocabulary has V=3 tokens");
    }
}
