package dev.embedkit.search.ann;

import dev.embedkit.EmbedkitException;
import dev.embedkit.embed.EmbeddingTable;
import dev.embedkit.search.Neighbor;
import dev.embedkit.search.NeighborIndex;
import dev.embedkit.search.NeighborSearch;
import dev.embedkit.search.TopK;
import dev.embedkit.search.UnitRows;
import dev.embedkit.tensor.HeapMatrix;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TaskExecutor;
import org.apache.lucene.util.hnsw.HnswConcurrentMergeBuilder;
import org.apache.lucene.util.hnsw.HnswGraphBuilder;
import org.apache.lucene.util.hnsw.HnswGraphSearcher;
import org.apache.lucene.util.hnsw.OnHeapHnswGraph;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Approximate cosine neighbours: Lucene's HNSW graph over the unit rows of an exact {@link NeighborIndex}.
 * A query walks the graph keeping the best ef nodes, which are rescored with the exact cosine and ranked as
 * exact search ranks them; so every answer is a true cosine, only some true neighbours may be missed.
 * Where the graph cannot return k + |excluded| nodes (k near V, or a tiny table) the exact index answers.
 * Immutable once built; searches may run on any number of threads.
 */
public final class HnswIndex implements NeighborSearch {
    private final NeighborIndex exact;   // the unit rows, the query checks, and the fallback
    private final OnHeapHnswGraph graph; // node i is row i
    private final HnswSettings settings;

    private HnswIndex(NeighborIndex exact, OnHeapHnswGraph graph, HnswSettings settings) {
        this.exact = exact;
        this.graph = graph;
        this.settings = settings;
    }

    /** Builds the graph over every row of {@code exact}'s table, with {@code settings.threads()} threads. */
    public static HnswIndex build(NeighborIndex exact, HnswSettings settings) {
        UnitRowScorers scorers = new UnitRowScorers(exact.unitRows());
        int nodes = exact.unitRows().rows();
        try {
            HnswGraphBuilder single = HnswGraphBuilder.create(scorers, settings.maxConnections(), settings.beamWidth(),
                    HnswGraphBuilder.randSeed, nodes);
            if (settings.threads() == 1 || nodes < 2) {
                return new HnswIndex(exact, single.build(nodes), settings);
            }
            // Lucene's merge builder inserts nodes from several threads into one graph (locks per node).
            try (ExecutorService pool = Executors.newFixedThreadPool(settings.threads(), runnable -> {
                Thread thread = new Thread(runnable, "hnsw-build");
                thread.setDaemon(true);
                return thread;
            })) {
                HnswConcurrentMergeBuilder builder = new HnswConcurrentMergeBuilder(new TaskExecutor(pool),
                        settings.threads(), scorers, settings.maxConnections(), settings.beamWidth(), single.getGraph(),
                        null);
                return new HnswIndex(exact, builder.build(nodes), settings);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // the scorers read the heap only; Lucene's signatures declare it
        }
    }

    /** The same graph searched with another ef. */
    public HnswIndex withEf(int ef) {
        return new HnswIndex(exact, graph, settings.withEf(ef));
    }

    public HnswSettings settings() {
        return settings;
    }

    /** Bytes the graph holds on the heap (the unit rows are the exact index's). */
    public long graphBytes() {
        return graph.ramBytesUsed();
    }

    @Override
    public EmbeddingTable table() {
        return exact.table();
    }

    @Override
    public String description() {
        return "approximate (HNSW: M=" + settings.maxConnections() + ", beam width " + settings.beamWidth()
                + ", ef=" + settings.ef() + ")";
    }

    @Override
    public int id(String token) {
        return exact.id(token);
    }

    @Override
    public List<Neighbor> nearest(String token, int k) {
        int id = exact.nonZeroId(token);
        return nearest(table().weights().row(id), k, Set.of(id));
    }

    /** Each query walks the graph on its own; the queries are spread over the cores. */
    @Override
    public List<List<Neighbor>> nearestBatch(HeapMatrix queries /* (n, dim) */, int k, List<Set<Integer>> exclude) {
        NeighborIndex.checkK(k);
        int n = queries.rows();
        int[][] excluded = exact.excludedIds(n, exclude);
        float[] units = exact.unitQueries(queries); // (n, dim)
        @SuppressWarnings("unchecked")
        List<Neighbor>[] results = (List<Neighbor>[]) new List<?>[n];
        IntStream.range(0, n).parallel().forEach(q -> results[q] = nearestOne(units, q, k, excluded[q]));
        return List.of(results);
    }

    private List<Neighbor> nearestOne(float[] units /* (n, dim) */, int q, int k, int[] excluded) {
        UnitRows rows = exact.unitRows();
        int dim = rows.dim();
        int wanted = (int) Math.min((long) k + excluded.length, rows.rows());
        if (wanted == 0) {
            return List.of(); // an empty table
        }
        int kept = Math.max(settings.ef(), wanted);
        ScoreDoc[] found = kept >= rows.rows() ? new ScoreDoc[0] : walk(rows, units, q * dim, kept);
        if (found.length < wanted) {
            float[] query = Arrays.copyOfRange(units, q * dim, (q + 1) * dim);
            return exact.nearest(query, k, Arrays.stream(excluded).boxed().collect(Collectors.toSet()));
        }
        TopK best = new TopK(wanted);
        for (ScoreDoc node : found) {
            best.offer(node.doc, rows.dot(node.doc, units, q * dim)); // the exact cosine, ranked as exact search does
        }
        int[] ids = new int[wanted];
        float[] scores = new float[wanted];
        int count = best.drainTo(ids, scores);
        return exact.neighbors(ids, scores, count, excluded, k);
    }

    private ScoreDoc[] walk(UnitRows rows, float[] units, int offset, int kept) {
        try {
            return HnswGraphSearcher.search(UnitRowScorers.forQuery(rows, units, offset), kept, graph, null,
                    Integer.MAX_VALUE).topDocs().scoreDocs;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
