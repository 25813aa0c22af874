package dev.embedkit.story;

import dev.embedkit.BadInputException;
import dev.embedkit.embed.EmbeddingTable;
import dev.embedkit.search.NeighborIndex;
import dev.embedkit.story.OffsetDirections.WordPair;
import dev.embedkit.tensor.HeapMatrix;
import dev.embedkit.vocab.Vocabulary;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

/** Each claim of the tour on a tiny table whose answer is known by construction. */
class StoryTest {

    private static NeighborIndex index(List<String> tokens, float[][] rows) {
        return new NeighborIndex(new EmbeddingTable(Vocabulary.of(tokens), HeapMatrix.of(rows)));
    }

    @Test
    void distributionSummariesMatchHandComputedValues() {
        Distribution d = new Distribution(new double[] {4, 1, 3, 2});
        assertThat(d.mean()).isEqualTo(2.5);
        assertThat(d.standardDeviation()).isCloseTo(Math.sqrt(5.0 / 3), within(1e-12));
        assertThat(d.quantile(0.5)).isEqualTo(2.5);
        assertThat(d.quantile(0.25)).isEqualTo(1.75); // NumPy: np.quantile([1,2,3,4], 0.25) = 1.75
        assertThat(d.histogram(0, 4, 2)).containsExactly(1, 3); // 4 clamps into the last bin
        assertThat(d.ksDistance(new Distribution(new double[] {1, 2, 3, 4}))).isZero();
        assertThat(d.ksDistance(new Distribution(new double[] {10, 11}))).isEqualTo(1.0);
        assertThat(d.ksDistance(new Distribution(new double[] {3, 4, 5, 6}))).isEqualTo(0.5);
        assertThatThrownBy(() -> new Distribution(new double[0])).isInstanceOf(BadInputException.class);
    }

    @Test
    void adjacentIdsAreAsAlikeAsTheirRowsMakeThem() {
        // Rows alternate between two orthogonal directions: every adjacent pair has cosine exactly 0, while a random
        // pair shares a direction half the time.
        float[][] rows = new float[40][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = i % 2 == 0 ? new float[] {1, 0} : new float[] {0, 1};
        }
        List<String> tokens = java.util.stream.IntStream.range(0, 40).mapToObj(i -> "t" + i).toList();
        IdAdjacency adjacency = IdAdjacency.of(index(tokens, rows), 500, 3);
        assertThat(adjacency.adjacent().count()).isEqualTo(39);
        assertThat(adjacency.adjacent().max()).isZero();
        assertThat(adjacency.random().mean()).isCloseTo(0.5, within(0.06)); // same parity: 19/39 of the others
        assertThat(adjacency.meanGap()).isLessThan(-0.4);
    }

    @Test
    void lookupIsTheRowAndTheOneHotProductDiffersOnlyInTheSignOfZero() {
        EmbeddingTable table = new EmbeddingTable(Vocabulary.of(List.of("a", "b", "c")),
                HeapMatrix.of(new float[][] {{1, 2}, {-0f, 3.5f}, {7, -1}}));
        LookupCheck b = LookupCheck.of(table, 1);
        assertThat(b.row()).containsExactly(-0f, 3.5f);
        assertThat(b.lookupBitIdentical()).isTrue();
        assertThat(b.oneHotDiffering()).isEqualTo(1); // 0·1 + 1·(−0) + 0·7 = +0
        assertThat(LookupCheck.of(table, 2).oneHotDiffering()).isZero();
        assertThat(LookupCheck.oneHotProduct(table, 2)).containsExactly(7f, -1f);
        assertThatThrownBy(() -> LookupCheck.of(table, 3)).isInstanceOf(BadInputException.class);
    }

    @Test
    void plantedParallelOffsetsHaveMeanOffsetCosineOne() {
        // Unit vectors with queen − king = woman − man = (−1, 1, 0, 0) exactly; apple and pear are unrelated.
        NeighborIndex index = index(List.of("man", "woman", "king", "queen", "apple", "pear"), new float[][] {
                {1, 0, 0, 0},
                {0, 1, 0, 0},
                {0.5f, -0.5f, 0.70710677f, 0},
                {-0.5f, 0.5f, 0.70710677f, 0},
                {0, 0, 0, 1},
                {0, 0, 0.6f, 0.8f}});
        OffsetDirections directions = OffsetDirections.of(index,
                List.of(new WordPair("man", "woman"), new WordPair("king", "queen")), 200, 1);
        assertThat(directions.meanOffsetCosine()).isCloseTo(1.0, within(1e-6));
        assertThat(directions.offsetCosines()[0][1]).isCloseTo(1.0, within(1e-6));
        assertThat(directions.randomCosines().mean()).isLessThan(0.5);
        assertThat(OffsetDirections.project(index, new WordPair("man", "woman"), List.of("man", "woman", "apple")))
                .extracting(OffsetDirections.Projection::word, p -> Math.round(p.value() * 1e4) / 1e4)
                .containsExactly(tuple("man", -0.7071), tuple("woman", 0.7071), tuple("apple", 0.0));
        assertThatThrownBy(() -> OffsetDirections.of(index, List.of(new WordPair("man", "woman")), 10, 1))
                .isInstanceOf(BadInputException.class).hasMessageContaining("at least 2 word pairs");
    }

    @Test
    void randomDirectionsConcentrateNearOrthogonalAsTheDimensionGrows() {
        Distribution d2 = RandomCosines.of(2, 4000, 1);
        Distribution d768 = RandomCosines.of(768, 4000, 1);
        assertThat(d2.standardDeviation()).isCloseTo(Math.sqrt(0.5), within(0.03)); // cos of a uniform angle
        assertThat(d768.mean()).isCloseTo(0, within(0.003));
        assertThat(d768.standardDeviation()).isCloseTo(1 / Math.sqrt(768), within(0.002));
        assertThat(d768.max()).isLessThan(0.2);
    }

    @Test
    void nearestNeighboursListEachMutualPairOnce() {
        NeighborIndex index = index(List.of("a", "a-copy", "b", "c"), new float[][] {
                {1, 0, 0}, {2, 0, 0}, {0, 1, 0}, {0, 0.8f, 0.6f}});
        NearestNeighbourSpread spread = NearestNeighbourSpread.of(index, 10, 10);
        assertThat(spread.queried()).isEqualTo(4);
        assertThat(spread.nearest().values()).containsExactly(0.8f, 0.8f, 1.0, 1.0); // float cosines, widened
        assertThat(spread.closestPairs()).extracting(NearestNeighbourSpread.TokenPair::a, NearestNeighbourSpread.TokenPair::b)
                .containsExactly(tuple("a", "a-copy"), tuple("b", "c"));
    }
}
