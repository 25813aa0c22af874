package dev.embedkit.server;

/**
 * What one request may ask for. Each bound keeps a single request's memory and time small whatever the model's
 * size, and each is named in the 4xx answer that enforces it.
 *
 * @param maxBodyBytes        request body (1 MiB: a 300-d vector is about 4 KB of JSON)
 * @param maxTextChars        a text to tokenize, embed or predict from
 * @param maxIds              IDs in one request
 * @param maxK                results per query
 * @param maxQueries          words (or vectors) searched in one neighbours request
 * @param maxPageSize         vocabulary entries per page
 * @param maxCells            cells of one matrix slice (rows × columns)
 * @param maxProjectionTokens tokens in one 2-D projection
 * @param maxEventStreams     training-log streams open at once
 */
public record Limits(int maxBodyBytes, int maxTextChars, int maxIds, int maxK, int maxQueries, int maxPageSize,
                     int maxCells, int maxProjectionTokens, int maxEventStreams) {

    public static final Limits DEFAULT = new Limits(1 << 20, 10_000, 4_096, 1_000, 64, 1_000, 100_000, 5_000, 16);
}
