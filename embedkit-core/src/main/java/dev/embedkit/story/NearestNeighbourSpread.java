package dev.embedkit.story;

import dev.embedkit.BadInputException;
import dev.embedkit.search.Neighbor;
import dev.embedkit.search.NeighborIndex;
import dev.embedkit.tensor.HeapMatrix;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Claim 7, why no duplicates: every token's cosine to its nearest other token. A trained table keeps distinct
 * tokens apart (the loss would rise if two shared a vector), so even the closest pairs stay below 1.
 *
 * @param nearest      each queried token's cosine to its nearest other token
 * @param closestPairs the most similar pairs, most similar first, each unordered pair once
 * @param queried      how many tokens were queried: the first (most frequent) {@code maxTokens}
 */
public record NearestNeighbourSpread(Distribution nearest, List<TokenPair> closestPairs, int queried) {

    /** Two tokens and their cosine. */
    public record TokenPair(String a, String b, double cosine) {
    }

    /** Scores the first {@code maxTokens} tokens (all if fewer) against the whole table, in one batched search. */
    public static NearestNeighbourSpread of(NeighborIndex index, int maxTokens, int pairsShown) {
        int n = Math.min(maxTokens, index.table().vocabularySize());
        if (n < 1 || index.table().vocabularySize() < 2) {
            throw new BadInputException("nearest neighbours need at least 2 tokens and maxTokens ≥ 1");
        }
        List<float[]> rows = new ArrayList<>(n);
        int[] ids = new int[n];
        int[] position = new int[n]; // query position of each id, −1 for a zero row (no direction, no neighbour)
        for (int id = 0; id < n; id++) {
            float[] row = index.normalizedRow(id);
            position[id] = isZero(row) ? -1 : rows.size();
            if (position[id] >= 0) {
                ids[rows.size()] = id;
                rows.add(row);
            }
        }
        if (rows.isEmpty()) {
            throw new BadInputException("every one of the first " + n + " rows is zero");
        }
        int dim = index.table().dim();
        HeapMatrix queries = HeapMatrix.zeros(rows.size(), dim); // (queries, dim)
        List<Set<Integer>> self = new ArrayList<>(rows.size());
        for (int q = 0; q < rows.size(); q++) {
            System.arraycopy(rows.get(q), 0, queries.data(), q * dim, dim);
            self.add(Set.of(ids[q]));
        }
        List<List<Neighbor>> answers = index.nearestBatch(queries, 1, self);
        double[] cosines = new double[rows.size()];
        List<TokenPair> pairs = new ArrayList<>();
        for (int q = 0; q < rows.size(); q++) {
            Neighbor best = answers.get(q).getFirst();
            cosines[q] = best.score();
            // a mutual pair (each the other's nearest) is listed once, from its smaller ID
            boolean mutual = best.id() < n && position[best.id()] >= 0
                    && answers.get(position[best.id()]).getFirst().id() == ids[q];
            if (!mutual || ids[q] < best.id()) {
                pairs.add(new TokenPair(index.table().vocabulary().token(ids[q]), best.token(), best.score()));
            }
        }
        pairs.sort(Comparator.comparingDouble(TokenPair::cosine).reversed());
        return new NearestNeighbourSpread(new Distribution(cosines),
                List.copyOf(pairs.subList(0, Math.min(pairsShown, pairs.size()))), rows.size());
    }

    private static boolean isZero(float[] row) {
        for (float v : row) {
            if (v != 0f) {
                return false;
            }
        }
        return true;
    }
}
