package dev.embedkit.search;

/** One search result: a vocabulary row, its token, and its score (a cosine, or a 3CosMul ratio for analogies). */
public record Neighbor(int id, String token, float score) {
}
