package dev.embedkit.bench;

import dev.embedkit.simd.VectorKernels;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Java half of scripts/bench-neighbors.sh: loads the table embedkit-bench/scripts/neighbors_gensim.py wrote
 * (vectors.f32: V×d little-endian float32, vocab.txt: one word a line), answers the same top-10 queries
 * (queries.txt) with {@link BruteForceNeighbors}, prints ms/query, and checks the answers against gensim's
 * (gensim-top10.tsv). A plain timed loop rather than JMH, so it runs on exactly the files gensim used.
 *
 * <p>Usage: {@code java --add-modules jdk.incubator.vector -cp benchmarks.jar dev.embedkit.bench.NeighborsHarness DIR [passes]}
 */
public final class NeighborsHarness {
    private static final int K = 10;
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
        List<String> vocab = Files.readAllLines(dir.resolve("vocab.txt"));
        int rows = vocab.size();
        float[] table = readFloats(dir.resolve("vectors.f32"));
        if (rows == 0 || table.length % rows != 0) {
            throw new IllegalStateException("vectors.f32 holds " + table.length + " floats, not a multiple of V=" + rows);
        }
        int dim = table.length / rows;
        Map<String, Integer> ids = new HashMap<>(rows * 2);
        for (int r = 0; r < rows; r++) {
            ids.put(vocab.get(r), r);
        }
        List<String> queryWords = Files.readAllLines(dir.resolve("queries.txt"));
        int[] queries = queryWords.stream().mapToInt(w -> {
            Integer id = ids.get(w);
            if (id == null) {
                throw new IllegalStateException("query word '" + w + "' is not in vocab.txt");
            }
            return id;
        }).toArray();
        Map<String, List<String>> gensim = readGensim(dir.resolve("gensim-top10.tsv"));
        System.out.printf("table %d×%d, %d queries, top-%d, %d timed passes after %d warm-up passes%n",
                rows, dim, queries.length, K, passes, WARMUP_PASSES);

        for (String impl : new String[] {"scalar", "panama"}) {
            VectorKernels kernels = BenchKernels.named(impl);
            long start = System.nanoTime();
            BruteForceNeighbors neighbors = new BruteForceNeighbors(kernels, table, rows, dim, K);
            double normalizeMs = (System.nanoTime() - start) / 1e6;
            int[] top = new int[K];
            float[] scores = new float[K];
            int[][] answers = new int[queries.length][K];
            for (int pass = 0; pass < WARMUP_PASSES; pass++) {
                for (int q = 0; q < queries.length; q++) {
                    neighbors.nearest(queries[q], K, answers[q], scores);
                }
            }
            double[] msPerQuery = new double[passes];
            for (int pass = 0; pass < passes; pass++) {
                long t0 = System.nanoTime();
                for (int query : queries) {
                    neighbors.nearest(query, K, top, scores);
                }
                msPerQuery[pass] = (System.nanoTime() - t0) / 1e6 / queries.length;
            }
            Arrays.sort(msPerQuery);
            int sameSets = 0;
            int sameOrder = 0;
            for (int q = 0; q < queries.length; q++) {
                List<String> theirs = gensim.get(queryWords.get(q));
                if (theirs == null) {
                    continue;
                }
                List<String> ours = Arrays.stream(answers[q]).mapToObj(vocab::get).toList();
                sameOrder += ours.equals(theirs) ? 1 : 0;
                sameSets += new HashSet<>(ours).equals(Set.copyOf(theirs)) ? 1 : 0;
            }
            System.out.printf("embedkit %-10s (%s): %.3f ms/query median, %.3f min, %.3f max; normalize %.0f ms (first call, cold JIT); "
                            + "vs gensim: %d/%d same top-%d set, %d/%d same order%n",
                    impl, kernels.name(), msPerQuery[passes / 2], msPerQuery[0], msPerQuery[passes - 1], normalizeMs,
                    sameSets, gensim.size(), K, sameOrder, gensim.size());
        }
    }

    private static float[] readFloats(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size % Float.BYTES != 0 || size / Float.BYTES > Integer.MAX_VALUE - 8) {
                throw new IllegalStateException(file + " is " + size + " bytes: not a float32 array that fits a float[]");
            }
            ByteBuffer bytes = ByteBuffer.allocate((int) size).order(ByteOrder.LITTLE_ENDIAN);
            while (bytes.hasRemaining() && channel.read(bytes) >= 0) {
                // read until full
            }
            bytes.flip();
            float[] values = new float[(int) (size / Float.BYTES)];
            bytes.asFloatBuffer().get(values);
            return values;
        }
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
