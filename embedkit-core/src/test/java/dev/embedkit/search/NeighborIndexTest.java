package dev.embedkit.search;

import dev.embedkit.BadInputException;
import dev.embedkit.UnknownTokenException;
import dev.embedkit.embed.EmbeddingTable;
import dev.embedkit.embed.Initializer;
import dev.embedkit.tensor.HeapMatrix;
import dev.embedkit.vocab.Vocabulary;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

class NeighborIndexTest {
    private static final float SQRT_HALF = (float) Math.sqrt(0.5);
    private final NeighborIndex index = new NeighborIndex(TinyTables.plane());

    @Test
    void cosinesOfTheUnitRows() {
        assertThat(index.cosine(0, 2)).isCloseTo(0.6f, within(1e-6f));
        assertThat(index.cosine(1, 2)).isCloseTo(0.8f, within(1e-6f));
        assertThat(index.cosine(0, 3)).isEqualTo(-1f);
        assertThat(index.cosine(2, 5)).isCloseTo(1.4f * SQRT_HALF, within(1e-6f));
        assertThat(index.cosine(2, 2)).isCloseTo(1f, within(1e-6f));
        assertThat(index.cosine(0, 4)).isZero(); // a zero row scores 0, not NaN
        assertThat(index.cosine(4, 4)).isZero();
    }

    @Test
    void normalizedRows() {
        assertThat(index.normalizedRow(2)).containsExactly(new float[] {0.6f, 0.8f}, within(1e-7f));
        assertThat(index.normalizedRow(1)).containsExactly(0f, 1f);
        assertThat(index.normalizedRow(4)).containsExactly(0f, 0f);
    }

    @Test
    void nearestTokenLeavesItselfOutAndBreaksTiesByLowerId() {
        // From a: e 1/√2, c 0.6, then b and z both 0 (b has the lower ID), then d −1.
        assertThat(index.nearest("a", 10))
                .extracting(Neighbor::token)
                .containsExactly("e", "c", "b", "z", "d");
        assertThat(index.nearest("a", 2))
                .extracting(Neighbor::id, Neighbor::token)
                .containsExactly(tuple(5, "e"), tuple(2, "c"));
        assertThat(index.nearest("a", 2).getFirst().score()).isCloseTo(SQRT_HALF, within(1e-6f));
    }

    @Test
    void nearestVectorIsNormalizedAndHonoursExclusions() {
        // (0, 5) points along b: c 0.8, e 1/√2, then a, z, d at 0.
        List<Neighbor> neighbors = index.nearest(new float[] {0, 5}, 2, Set.of(1));
        assertThat(neighbors).extracting(Neighbor::token).containsExactly("c", "e");
        assertThat(neighbors.get(0).score()).isCloseTo(0.8f, within(1e-6f));
        assertThat(index.nearest(new float[] {0, 5}, 3, null)).extracting(Neighbor::token)
                .containsExactly("b", "c", "e");
        assertThat(index.nearest(new float[] {0, 5}, 10, Set.of(0, 1, 2, 3, 4, 5))).isEmpty();
    }

    @Test
    void errorsNameWhatWasWrong() {
        assertThatThrownBy(() -> index.nearest("queen", 3))
                .isInstanceOf(UnknownTokenException.class)
                .hasMessage("unknown token 'queen': it is not in the vocabulary");
        assertThatThrownBy(() -> index.nearest(new float[] {1, 2, 3}, 3, Set.of()))
                .isInstanceOf(BadInputException.class)
                .hasMessage("query has dim=3 but the table has dim=2 (vocab_size=6, dim=2)");
        assertThatThrownBy(() -> index.nearest(new float[] {Float.NaN, 1}, 3, Set.of()))
                .isInstanceOf(BadInputException.class)
                .hasMessage("query[0] is NaN; queries must be finite");
        assertThatThrownBy(() -> index.nearest(new float[] {0, 0}, 3, Set.of()))
                .isInstanceOf(BadInputException.class)
                .hasMessage("query is the zero vector; its cosine with anything is undefined");
        assertThatThrownBy(() -> index.nearest("z", 3))
                .isInstanceOf(BadInputException.class)
                .hasMessage("token 'z' has a zero vector; its cosine with anything is undefined");
        assertThatThrownBy(() -> index.nearest("a", 0))
                .isInstanceOf(BadInputException.class)
                .hasMessage("k must be at least 1, got 0");
        assertThatThrownBy(() -> index.nearest(new float[] {1, 0}, 1, Set.of(6)))
                .isInstanceOf(BadInputException.class)
                .hasMessage("token ID 6 is out of range: the vocabulary has V=6 tokens (valid IDs: 0..5)");
        assertThatThrownBy(() -> index.cosine(-1, 0))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("token ID -1 is out of range");
        assertThatThrownBy(() -> index.normalizedRow(6))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("token ID 6 is out of range");
    }

    @Test
    void nonFiniteTableRowsAreRefusedWhenTheIndexIsBuilt() {
        EmbeddingTable bad = new EmbeddingTable(Vocabulary.of(List.of("x", "y")),
                HeapMatrix.of(new float[][] {{1, 0}, {Float.POSITIVE_INFINITY, 0}}));
        assertThatThrownBy(() -> new NeighborIndex(bad))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("row 1 of the table has a squared norm of Infinity");
    }

    @Test
    void batchErrorsNameTheQueryRow() {
        HeapMatrix queries = HeapMatrix.of(new float[][] {{1, 0}, {0, 0}});
        assertThatThrownBy(() -> index.nearestBatch(queries, 2, null))
                .isInstanceOf(BadInputException.class)
                .hasMessage("query 1 is the zero vector; its cosine with anything is undefined");
        assertThatThrownBy(() -> index.nearestBatch(queries, 2, List.of(Set.of())))
                .isInstanceOf(BadInputException.class)
                .hasMessage("2 queries but 1 exclusion sets; give one per query");
    }

    @Test
    void batchEqualsOneQueryAtATimeOverManyBlocks() {
        // 3000 rows of dim 40 make several row blocks; 100 queries make several query blocks and workers.
        int vocabularySize = 3000;
        int dim = 40;
        List<String> tokens = IntStream.range(0, vocabularySize).mapToObj(i -> "t" + i).toList();
        HeapMatrix weights = new Initializer.Normal(1.0).create(vocabularySize, dim, 7); // (vocab_size, dim)
        NeighborIndex big = new NeighborIndex(new EmbeddingTable(Vocabulary.of(tokens), weights));
        HeapMatrix queries = new Initializer.Normal(1.0).create(100, dim, 8); // (n, dim)
        List<Set<Integer>> exclude = new ArrayList<>();
        for (int q = 0; q < queries.rows(); q++) {
            // Excluding the two best answers of the plain search makes the exclusion matter.
            List<Neighbor> plain = big.nearest(queries.row(q), 2, Set.of());
            exclude.add(q % 3 == 0 ? Set.of() : Set.of(plain.get(0).id(), plain.get(1).id(), 2999));
        }

        List<List<Neighbor>> batch = big.nearestBatch(queries, 7, exclude);

        assertThat(batch).hasSize(100);
        for (int q = 0; q < queries.rows(); q++) {
            assertSameRanking(batch.get(q), big.nearest(queries.row(q), 7, exclude.get(q)), "query " + q);
            Set<Integer> excluded = exclude.get(q);
            assertThat(batch.get(q)).hasSize(7).noneMatch(n -> excluded.contains(n.id()));
        }
    }

    @Test
    void splittingTheRowsOfASmallBatchAcrossCoresChangesNothing() {
        // 6000 rows of dim 40 are 4 row blocks; with 8 "cores" a batch of 1 or 5 (one query block) is cut into
        // 4 row parts, a batch of 33 (two query blocks) into 4 parts each; with 1 core nothing is cut.
        int vocabularySize = 6000;
        int dim = 40;
        List<String> tokens = IntStream.range(0, vocabularySize).mapToObj(i -> "t" + i).toList();
        EmbeddingTable table = new EmbeddingTable(Vocabulary.of(tokens),
                new Initializer.Normal(1.0).create(vocabularySize, dim, 9)); // (vocab_size, dim)
        NeighborIndex oneCore = new NeighborIndex(table, 1);
        NeighborIndex eightCores = new NeighborIndex(table, 8);
        for (int n : new int[] {1, 5, 33}) {
            HeapMatrix queries = new Initializer.Normal(1.0).create(n, dim, 10 + n); // (n, dim)
            List<Set<Integer>> exclude = IntStream.range(0, n).mapToObj(q -> q % 2 == 0 ? Set.<Integer>of() : Set.of(q, 5999)).toList();
            List<List<Neighbor>> whole = oneCore.nearestBatch(queries, 12, exclude);
            List<List<Neighbor>> split = eightCores.nearestBatch(queries, 12, exclude);
            for (int q = 0; q < n; q++) {
                assertSameRanking(split.get(q), whole.get(q), "batch of " + n + ", query " + q);
                Set<Integer> excluded = exclude.get(q);
                assertThat(split.get(q)).hasSize(12).noneMatch(neighbor -> excluded.contains(neighbor.id()));
            }
        }
        assertThat(eightCores.nearest("t17", 5)).extracting(Neighbor::id)
                .isEqualTo(oneCore.nearest("t17", 5).stream().map(Neighbor::id).toList());
    }

    /**
     * Same neighbours with the same scores up to the last bits (SIMD reductions may round differently between two
     * calls); two neighbours may only trade places when their scores are that close.
     */
    private static void assertSameRanking(List<Neighbor> actual, List<Neighbor> expected, String what) {
        assertThat(actual).as(what).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            assertThat(actual.get(i).score()).as(what + " score " + i).isCloseTo(expected.get(i).score(), within(1e-6f));
            if (actual.get(i).id() != expected.get(i).id()) {
                int other = i + 1 < expected.size() && expected.get(i + 1).id() == actual.get(i).id() ? i + 1 : i - 1;
                assertThat(other).as(what + ": neighbour " + i + " differs").isBetween(0, expected.size() - 1);
                assertThat(expected.get(other).score()).as(what + ": only near-ties may swap")
                        .isCloseTo(expected.get(i).score(), within(1e-6f));
            }
        }
    }

    @Test
    void nearestAgreesWithABruteForceRanking() {
        int vocabularySize = 500;
        HeapMatrix weights = new Initializer.Normal(1.0).create(vocabularySize, 13, 11); // (vocab_size, dim)
        List<String> tokens = IntStream.range(0, vocabularySize).mapToObj(i -> "t" + i).toList();
        NeighborIndex mid = new NeighborIndex(new EmbeddingTable(Vocabulary.of(tokens), weights));
        float[] query = weights.row(42);
        List<Integer> expected = IntStream.range(0, vocabularySize).filter(i -> i != 42).boxed()
                .sorted((x, y) -> Float.compare(mid.cosine(42, y), mid.cosine(42, x)))
                .limit(20).toList();
        assertThat(mid.nearest(query, 20, Set.of(42))).extracting(Neighbor::id).isEqualTo(expected);
    }

    @Test
    void emptyBatchAndClampedK() {
        assertThat(index.nearestBatch(HeapMatrix.zeros(0, 2), 3, null)).isEmpty();
        assertThat(index.nearest(new float[] {1, 0}, 1000, Set.of())).hasSize(6);
    }
}
