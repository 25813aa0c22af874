package dev.embedkit.bench;

import dev.embedkit.embed.EmbeddingTable;
import dev.embedkit.io.EmbeddingFiles;
import dev.embedkit.search.Neighbor;
import dev.embedkit.search.NeighborIndex;
import dev.embedkit.search.NeighborSearch;
import dev.embedkit.search.ann.HnswIndex;
import dev.embedkit.search.ann.HnswSettings;
import dev.embedkit.simd.Kernels;
import dev.embedkit.tensor.HeapMatrix;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The HNSW half of scripts/bench-neighbors.sh: on the same table.w2v.bin and batch.txt as NeighborsHarness, builds
 * {@link HnswIndex} (timed), then for several ef reports recall@10 against the exact answers and ms per query, one
 * query at a time and as one batch, beside exact search's figures from the same run (the speed-up). A plain timed
 * loop: the build is minutes, and the exact answers are computed once.
 *
 * <p>Usage: {@code java --add-modules jdk.incubator.vector -cp benchmarks.jar dev.embedkit.bench.HnswHarness DIR [passes] [ef…]}
 */
public final class HnswHarness {
    private static final int K = 10;
    private static final int SINGLE = 200; // queries timed one at a time

    private HnswHarness() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: HnswHarness DIR [passes] [ef…]");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        int passes = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int[] efs = args.length > 2 ? Arrays.stream(args, 2, args.length).mapToInt(Integer::parseInt).toArray()
                : new int[] {20, 50, 100, 200, 400};
        EmbeddingTable table = EmbeddingFiles.load(dir.resolve("table.w2v.bin"));
        NeighborIndex exact = new NeighborIndex(table);
        List<String> words = NeighborsHarness.batchWords(dir, table, Files.readAllLines(dir.resolve("queries.txt")));
        int[] ids = words.stream().mapToInt(exact::id).toArray();
        HeapMatrix rows = table.lookup(ids); // (n, dim)
        List<Set<Integer>> exclude = Arrays.stream(ids).mapToObj(Set::of).toList();
        List<List<Neighbor>> truth = exact.nearestBatch(rows, K, exclude);
        HeapMatrix firstRows = table.lookup(Arrays.copyOf(ids, SINGLE)); // (SINGLE, dim)

        HnswSettings settings = HnswSettings.defaults();
        long start = System.nanoTime();
        HnswIndex graph = HnswIndex.build(exact, settings);
        double buildSeconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("table %d×%d, kernels %s, %d cores; HNSW M=%d, beam width %d, %d build threads: built in %.1f s"
                        + " (graph %.0f MB)%n", table.vocabularySize(), table.dim(), Kernels.get().name(),
                Runtime.getRuntime().availableProcessors(), settings.maxConnections(), settings.beamWidth(),
                settings.threads(), buildSeconds, graph.graphBytes() / 1e6);

        double exactSingle = perQuery(passes, SINGLE, () -> oneAtATime(exact, firstRows, exclude));
        double exactBatch = perQuery(passes, ids.length, () -> exact.nearestBatch(rows, K, exclude));
        System.out.printf("exact: one query at a time %.3f ms/query, batch of %d %.3f ms/query (median of %d passes)%n",
                exactSingle, ids.length, exactBatch, passes);
        System.out.println("   ef  recall@10  one query ms  speed-up  batch ms/query  speed-up");
        for (int ef : efs) {
            HnswIndex search = graph.withEf(ef);
            double recall = recall(truth, search.nearestBatch(rows, K, exclude));
            double single = perQuery(passes, SINGLE, () -> oneAtATime(search, firstRows, exclude));
            double batch = perQuery(passes, ids.length, () -> search.nearestBatch(rows, K, exclude));
            System.out.printf("%5d  %9.4f  %12.3f  %7.1f×  %14.3f  %7.1f×%n", ef, recall, single, exactSingle / single,
                    batch, exactBatch / batch);
        }
    }

    private static int oneAtATime(NeighborSearch search, HeapMatrix rows, List<Set<Integer>> exclude) {
        int found = 0;
        for (int q = 0; q < rows.rows(); q++) {
            found += search.nearest(rows.row(q), K, exclude.get(q)).size();
        }
        return found;
    }

    /** Median ms per query over {@code passes} timed runs after one warm-up run. */
    private static double perQuery(int passes, int queries, Supplier<?> run) {
        run.get();
        double[] ms = new double[passes];
        for (int pass = 0; pass < passes; pass++) {
            long t0 = System.nanoTime();
            run.get();
            ms[pass] = (System.nanoTime() - t0) / 1e6 / queries;
        }
        Arrays.sort(ms);
        return ms[passes / 2];
    }

    /** The mean share of each query's exact top-k found by the approximate search. */
    private static double recall(List<List<Neighbor>> truth, List<List<Neighbor>> found) {
        long hits = 0;
        long total = 0;
        for (int q = 0; q < truth.size(); q++) {
            Set<Integer> expected = new HashSet<>(truth.get(q).stream().map(Neighbor::id).toList());
            hits += found.get(q).stream().filter(n -> expected.contains(n.id())).count();
            total += expected.size();
        }
        return (double) hits / total;
    }
}
