package dev.embedkit.search;

import dev.embedkit.embed.EmbeddingTable;
import dev.embedkit.tensor.HeapMatrix;

import java.util.List;
import java.util.Set;

/**
 * Top-k cosine neighbours over the rows of a table: exact ({@link NeighborIndex}) or approximate
 * ({@code dev.embedkit.search.ann.HnswIndex}). Both keep one contract: k ≥ 1, k above the number of candidates
 * clamped, excluded IDs never returned, scores the exact cosine, equal scores ranked by the lower ID, a token
 * outside the vocabulary an {@link dev.embedkit.UnknownTokenException}.
 */
public interface NeighborSearch {

    EmbeddingTable table();

    /** One line for people: how the answers were found, e.g. "exact" or "approximate (HNSW, …)". */
    String description();

    /** The ID of {@code token}; absent tokens are errors even if the vocabulary maps them to {@code <unk>}. */
    int id(String token);

    /**
     * The k rows most similar to each row of {@code queries}, best first.
     *
     * @param queries (n, dim), finite, no zero row
     * @param exclude null (nothing excluded) or one set per query row, each possibly empty
     */
    List<List<Neighbor>> nearestBatch(HeapMatrix queries /* (n, dim) */, int k, List<Set<Integer>> exclude);

    /** The k rows most similar to {@code query} (dim), leaving out {@code excludeIds} (null: none). */
    default List<Neighbor> nearest(float[] query, int k, Set<Integer> excludeIds) {
        HeapMatrix one = new HeapMatrix(1, query.length, query); // (1, dim); not written to
        return nearestBatch(one, k, excludeIds == null ? null : List.of(excludeIds)).getFirst();
    }

    /** The k tokens most similar to {@code token}, leaving the token itself out (gensim's most_similar). */
    List<Neighbor> nearest(String token, int k);
}
