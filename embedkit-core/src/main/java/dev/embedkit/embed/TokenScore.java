package dev.embedkit.embed;

/**
 * One candidate next token as the unembedding ranks it: its ID and text, the raw logit h·E[id],
 * and its softmax probability over the whole vocabulary at the temperature that was asked for.
 */
public record TokenScore(int id, String token, float logit, double probability) {
}
