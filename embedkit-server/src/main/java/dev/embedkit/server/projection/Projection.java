package dev.embedkit.server.projection;

import java.util.List;

/**
 * The first n tokens of a table (vocabularies are sorted by frequency, so the n most frequent) placed in the plane
 * of the table's first two principal components: what a scatter plot of the vocabulary shows.
 *
 * @param explainedVarianceRatio (2) the share of the n rows' total variance along each axis
 * @param components             (2, dim) the axes
 */
public record Projection(int n, int dim, double[] explainedVarianceRatio, double[][] components, List<Point> points) {

    /** One token at (x, y): its centred row's coordinates along the two components. */
    public record Point(int id, String token, double x, double y) {
    }
}
