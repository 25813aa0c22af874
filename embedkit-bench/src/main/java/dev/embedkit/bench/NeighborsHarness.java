package dev.embedkit.bench;

import dev.embedkit.embed.EmbeddingTable;
import dev.embedkit.io.EmbeddingFiles;
import dev.embedkit.search.Neighbor;
import dev.embedkit.search.NeighborIndex;
import dev.embedkit.simd.Kernels;
import dev.embedkit.tensor.HeapMatrix;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The Java half of scripts/bench-neighbors.sh: loads the word2vec binary embedkit-bench/scripts/neighbors_gensim.py
 * wrote with gensim (table.w2v.bin) through {@link EmbeddingFiles#load}, answers the same top-10 queries
 * (queries.txt) with {@link NeighborIndex} — one query at a time, and as one batch of {@value #BATCH} queries (the
 * gensim queries, then seeded other words) — prints ms per query, and checks the answers against gensim's
 * (gensim-top10.tsv). A plain timed loop rather than JMH, so it runs on exactly the file gensim used.
 * The kernels are {@link Kernels#get()}'s: pass {@code -Dembedkit.kernels=scalar} for the reference ones.
 *
 * <p>Usage: {@code java --add-modules jdk.incubator.vector -cp benchmarks.jar dev.embedkit.bench.NeighborsHarness DIR [passes]}
 */
public final class NeighborsHarness {
    private static final int K = 10;
    private static final int BATCH = 1000;
    private static final int WARMUP_PASSES = 3;

    private NeighborsHarness() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: NeighborsHarness DIR [passes]");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        int passes = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        long loadStart = System.nanoTime();
        EmbeddingTable table = EmbeddingFiles.load(dir.resolve("table.w2v.bin"));
        double loadMs = (System.nanoTime() - loadStart) / 1e6;
        long indexStart = System.nanoTime();
        NeighborIndex index = new NeighborIndex(table);
        double indexMs = (System.nanoTime() - indexStart) / 1e6;
        List<String> queries = Files.readAllLines(dir.resolve("queries.txt"));
        Map<String, List<String>> gensim = readGensim(dir.resolve("gensim-top10.tsv"));
        System.out.printf("table %d×%d (%s), %d queries, top-%d, kernels %s, %d cores; load %.0f ms, index %.0f ms%n",
                table.vocabularySize(), table.dim(), table.weights().dtype(), queries.size(), K, Kernels.get().name(),
                Runtime.getRuntime().availableProcessors(), loadMs, indexMs);

        // One query at a time, as gensim's most_similar is called.
        List<List<Neighbor>> single = new ArrayList<>();
        for (int pass = 0; pass < WARMUP_PASSES; pass++) {
            single.clear();
            for (String query : queries) {
                single.add(index.nearest(query, K));
            }
        }
        double[] singleMs = new double[passes];
        for (int pass = 0; pass < passes; pass++) {
            long t0 = System.nanoTime();
            for (String query : queries) {
                index.nearest(query, K);
            }
            singleMs[pass] = (System.nanoTime() - t0) / 1e6 / queries.size();
        }
        report("single query", singleMs, compare(queries, single, gensim), gensim.size());

        // One batch: the gensim queries first, then seeded other words (batch.txt, as NumPy uses), each leaving itself out.
        List<String> batchWords = batchWords(dir, table, queries);
        HeapMatrix rows = table.lookup(batchWords.stream().mapToInt(index::id).toArray()); // (BATCH, dim)
        List<Set<Integer>> exclude = batchWords.stream().map(w -> Set.of(index.id(w))).toList();
        List<List<Neighbor>> batch = null;
        for (int pass = 0; pass < WARMUP_PASSES; pass++) {
            batch = index.nearestBatch(rows, K, exclude);
        }
        double[] batchMs = new double[passes];
        for (int pass = 0; pass < passes; pass++) {
            long t0 = System.nanoTime();
            index.nearestBatch(rows, K, exclude);
            batchMs[pass] = (System.nanoTime() - t0) / 1e6 / batchWords.size();
        }
        report("batch of " + batchWords.size(), batchMs, compare(queries, batch.subList(0, queries.size()), gensim),
                gensim.size());
    }

    /** batch.txt if the Python half wrote it, else the queries and seeded others. */
    static List<String> batchWords(Path dir, EmbeddingTable table, List<String> queries) throws IOException {
        if (Files.exists(dir.resolve("batch.txt"))) {
            return Files.readAllLines(dir.resolve("batch.txt")).stream().filter(line -> !line.isBlank()).toList();
        }
        Set<String> words = new LinkedHashSet<>(queries);
        SplittableRandom random = new SplittableRandom(1000);
        while (words.size() < Math.min(BATCH, table.vocabularySize())) {
            words.add(table.vocabulary().token(random.nextInt(table.vocabularySize())));
        }
        return List.copyOf(words);
    }

    /** {same set, same order} counts against gensim's answers. */
    private static int[] compare(List<String> queries, List<List<Neighbor>> answers, Map<String, List<String>> gensim) {
        int sameSets = 0;
        int sameOrder = 0;
        for (int q = 0; q < queries.size(); q++) {
            List<String> theirs = gensim.get(queries.get(q));
            if (theirs == null) {
                continue;
            }
            List<String> ours = answers.get(q).stream().map(Neighbor::token).toList();
            sameOrder += ours.equals(theirs) ? 1 : 0;
            sameSets += new HashSet<>(ours).equals(Set.copyOf(theirs)) ? 1 : 0;
        }
        return new int[] {sameSets, sameOrder};
    }

    private static void report(String what, double[] msPerQuery, int[] same, int compared) {
        Arrays.sort(msPerQuery);
        System.out.printf("embedkit %-14s: %.3f ms/query median, %.3f min, %.3f max; vs gensim: %d/%d same top-%d set,"
                        + " %d/%d same order%n", what, msPerQuery[msPerQuery.length / 2], msPerQuery[0],
                msPerQuery[msPerQuery.length - 1], same[0], compared, K, same[1], compared);
    }

    /** query \t w1 \t ... \t w10 per line; empty if the file is absent. */
    private static Map<String, List<String>> readGensim(Path file) throws IOException {
        Map<String, List<String>> answers = new HashMap<>();
        if (!Files.exists(file)) {
            return answers;
        }
        for (String line : Files.readAllLines(file)) {
            String[] fields = line.split("\t");
            answers.put(fields[0], List.of(fields).subList(1, fields.length));
        }
        return answers;
    }
}
