package dev.embedkit.server.projection;

import dev.embedkit.embed.EmbeddingTable;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The 2-D projections of one table, computed once per n and kept (the newest {@value #KEPT}; a projection of 5,000
 * tokens costs n·d² to compute but only ~100 KB to keep). Computing holds this object's lock, so concurrent
 * requests for the same n wait for one computation instead of each starting their own.
 */
public final class Projections {
    static final int KEPT = 8;

    private final EmbeddingTable table;
    private final Map<Integer, Projection> cache = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, Projection> eldest) {
            return size() > KEPT;
        }
    };

    public Projections(EmbeddingTable table) {
        this.table = table;
    }

    /** The projection of the first min(n, V) tokens; n must be at least 2 and V at least 2. */
    public synchronized Projection of(int n) {
        int count = Math.min(n, table.vocabularySize());
        return cache.computeIfAbsent(count, this::compute);
    }

    private Projection compute(int n) {
        int dim = table.dim();
        float[] rows = new float[n * dim]; // (n, dim)
        for (int id = 0; id < n; id++) {
            table.weights().copyRow(id, rows, id * dim);
        }
        int components = Math.min(2, dim);
        Pca.Result pca = Pca.fit(rows, n, dim, components);
        List<Projection.Point> points = new ArrayList<>(n);
        for (int id = 0; id < n; id++) {
            double[] xy = pca.project(rows, id);
            points.add(new Projection.Point(id, table.vocabulary().token(id), xy[0], components > 1 ? xy[1] : 0));
        }
        return new Projection(n, dim, pca.explainedVarianceRatio(), pca.components(), List.copyOf(points));
    }
}
