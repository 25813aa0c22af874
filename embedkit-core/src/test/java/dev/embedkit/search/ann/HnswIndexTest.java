package dev.embedkit.search.ann;

import dev.embedkit.BadInputException;
import dev.embedkit.UnknownTokenException;
import dev.embedkit.embed.EmbeddingTable;
import dev.embedkit.embed.Initializer;
import dev.embedkit.search.Neighbor;
import dev.embedkit.search.NeighborIndex;
import dev.embedkit.tensor.HeapMatrix;
import dev.embedkit.vocab.Vocabulary;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class HnswIndexTest {
    private static final int VOCAB = 4000;
    private static final int DIM = 32;
    private static final NeighborIndex EXACT = new NeighborIndex(randomTable(VOCAB, DIM, 5));

    private static EmbeddingTable randomTable(int vocabularySize, int dim, long seed) {
        List<String> tokens = IntStream.range(0, vocabularySize).mapToObj(i -> "t" + i).toList();
        return new EmbeddingTable(Vocabulary.of(tokens), new Initializer.Normal(1.0).create(vocabularySize, dim, seed));
    }

    /** Mean share of the exact top-10 (each query's own row left out) that the approximate search finds. */
    private static double recallAt10(HnswIndex approximate, int queries) {
        int[] ids = IntStream.range(0, queries).map(q -> q * (VOCAB / queries)).toArray();
        HeapMatrix rows = EXACT.table().lookup(ids); // (queries, dim)
        List<Set<Integer>> exclude = IntStream.of(ids).mapToObj(Set::of).toList();
        List<List<Neighbor>> truth = EXACT.nearestBatch(rows, 10, exclude);
        List<List<Neighbor>> found = approximate.nearestBatch(rows, 10, exclude);
        int hits = 0;
        for (int q = 0; q < queries; q++) {
            Set<Integer> expected = new HashSet<>(truth.get(q).stream().map(Neighbor::id).toList());
            hits += (int) found.get(q).stream().filter(n -> expected.contains(n.id())).count();
            int self = ids[q];
            assertThat(found.get(q)).hasSize(10).noneMatch(n -> n.id() == self);
        }
        return hits / (10.0 * queries);
    }

    @Test
    void recallAt10IsHighAtTheDefaultSettings() {
        HnswIndex approximate = HnswIndex.build(EXACT, HnswSettings.defaults().withThreads(2));
        assertThat(recallAt10(approximate, 400)).isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void aSingleThreadedBuildIsAsGood() {
        HnswIndex approximate = HnswIndex.build(EXACT, HnswSettings.defaults().withThreads(1));
        assertThat(recallAt10(approximate, 400)).isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void aTinyEfStillAnswersKButFindsFewerTrueNeighbours() {
        // ef below k is raised to k; the walk keeps so few candidates that recall drops: the graph is what answers.
        HnswIndex graph = HnswIndex.build(EXACT, new HnswSettings(2, 4, 1, 1));
        double recall = recallAt10(graph, 400);
        assertThat(recall).isLessThan(0.9);
    }

    @Test
    void answersAreExactCosinesRankedLikeExactSearch() {
        HnswIndex approximate = HnswIndex.build(EXACT, HnswSettings.defaults());
        List<Neighbor> found = approximate.nearest("t123", 10);
        assertThat(found).hasSize(10).noneMatch(n -> n.id() == 123);
        for (int i = 0; i < found.size(); i++) {
            Neighbor n = found.get(i);
            assertThat(n.token()).isEqualTo("t" + n.id());
            assertThat(n.score()).isCloseTo(EXACT.cosine(123, n.id()), within(1e-6f));
            if (i > 0) {
                assertThat(n.score()).isLessThanOrEqualTo(found.get(i - 1).score());
            }
        }
    }

    @Test
    void kIsClampedAndExcludedIdsStayOut() {
        EmbeddingTable small = randomTable(50, 8, 6);
        NeighborIndex exact = new NeighborIndex(small);
        HnswIndex approximate = HnswIndex.build(exact, new HnswSettings(4, 10, 10, 2));
        // k + excluded above V: every other row, ranked exactly as the exact index ranks them.
        assertThat(approximate.nearest("t7", 100)).hasSize(49)
                .extracting(Neighbor::id).isEqualTo(exact.nearest("t7", 100).stream().map(Neighbor::id).toList());
        List<Neighbor> some = approximate.nearest(small.lookup(3), 5, Set.of(3, 4, 5));
        assertThat(some).hasSize(5).noneMatch(n -> Set.of(3, 4, 5).contains(n.id()));
        assertThat(approximate.nearest(small.lookup(3), 5, Set.copyOf(IntStream.range(0, 50).boxed().toList())))
                .isEmpty();
        EmbeddingTable empty = new EmbeddingTable(Vocabulary.of(List.of()), HeapMatrix.zeros(0, 8));
        assertThat(HnswIndex.build(new NeighborIndex(empty), HnswSettings.defaults()).nearest(small.lookup(3), 5, null))
                .isEmpty();
    }

    @Test
    void errorsAreTheExactSearchsErrors() {
        HnswIndex approximate = HnswIndex.build(EXACT, HnswSettings.defaults());
        assertThatThrownBy(() -> approximate.nearest("queen", 3))
                .isInstanceOf(UnknownTokenException.class)
                .hasMessage("unknown token 'queen': it is not in the vocabulary");
        assertThatThrownBy(() -> approximate.nearest("t1", 0))
                .isInstanceOf(BadInputException.class)
                .hasMessage("k must be at least 1, got 0");
        assertThatThrownBy(() -> approximate.nearest(new float[] {1, 2}, 3, Set.of()))
                .isInstanceOf(BadInputException.class)
                .hasMessage("query has dim=2 but the table has dim=32 (vocab_size=4000, dim=32)");
        assertThatThrownBy(() -> approximate.nearest(new float[DIM], 3, Set.of()))
                .isInstanceOf(BadInputException.class)
                .hasMessage("query is the zero vector; its cosine with anything is undefined");
        assertThatThrownBy(() -> approximate.nearest(EXACT.table().lookup(1), 3, Set.of(VOCAB)))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("token ID 4000 is out of range");
    }

    @Test
    void aZeroRowIsRefusedAsAQueryWord() {
        EmbeddingTable withZero = new EmbeddingTable(Vocabulary.of(List.of("a", "z", "b")),
                HeapMatrix.of(new float[][] {{1, 0}, {0, 0}, {0, 1}}));
        HnswIndex approximate = HnswIndex.build(new NeighborIndex(withZero), HnswSettings.defaults());
        assertThatThrownBy(() -> approximate.nearest("z", 1))
                .isInstanceOf(BadInputException.class)
                .hasMessage("token 'z' has a zero vector; its cosine with anything is undefined");
        // b and z both score 0 against a: the lower ID, z, first, as in exact search.
        assertThat(approximate.nearest("a", 2)).extracting(Neighbor::token).containsExactly("z", "b");
    }

    @Test
    void settingsAreChecked() {
        assertThatThrownBy(() -> new HnswSettings(0, 100, 100, 1))
                .isInstanceOf(BadInputException.class)
                .hasMessage("HNSW M (max connections) must be between 1 and 512, got 0");
        assertThatThrownBy(() -> HnswSettings.defaults().withEf(0))
                .isInstanceOf(BadInputException.class)
                .hasMessage("HNSW ef must be between 1 and 2147483647, got 0");
        assertThat(HnswIndex.build(EXACT, HnswSettings.defaults()).withEf(250).description())
                .isEqualTo("approximate (HNSW: M=16, beam width 100, ef=250)");
    }
}
