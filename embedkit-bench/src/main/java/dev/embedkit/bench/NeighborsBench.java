package dev.embedkit.bench;

import dev.embedkit.embed.EmbeddingTable;
import dev.embedkit.search.Neighbor;
import dev.embedkit.search.NeighborIndex;
import dev.embedkit.simd.Kernels;
import dev.embedkit.simd.VectorKernels;
import dev.embedkit.tensor.HeapMatrix;
import dev.embedkit.vocab.Vocabulary;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * Exact top-10 cosine neighbours over a word2vec-sized table (100k × 300) with the real search,
 * {@link NeighborIndex}: one word ({@code single}), and a batch of 1000 words in one {@code nearestBatch} call
 * ({@code batch1000}; divide by 1000 for the time per query). The kernels are {@link Kernels#get()}'s, checked
 * to be the Vector API ones. scripts/bench-neighbors.sh compares the same search with gensim's most_similar.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx4g"})
public class NeighborsBench {
    private static final int QUERIES = 1000;

    @Param({"100000"})
    int vocab;

    @Param({"300"})
    int dim;

    @Param({"10"})
    int k;

    private NeighborIndex index;
    private HeapMatrix queryRows; // (QUERIES, dim)
    private List<Set<Integer>> exclude;
    private int[] queries;
    private int next;

    @Setup
    public void setUp() {
        BenchKernels.named("panama"); // fails unless the Vector API kernels are in use
        float[] values = BenchKernels.randomMatrix(vocab, dim, 31); // (vocab, dim)
        List<String> words = IntStream.range(0, vocab).mapToObj(i -> "w" + i).toList();
        EmbeddingTable table = new EmbeddingTable(Vocabulary.of(words), new HeapMatrix(vocab, dim, values));
        index = new NeighborIndex(table);
        SplittableRandom random = new SplittableRandom(32);
        queries = random.ints(0, vocab).distinct().limit(QUERIES).toArray();
        queryRows = table.lookup(queries);
        exclude = IntStream.of(queries).mapToObj(id -> Set.of(id)).toList();
        check(values);
    }

    /** Batch and single answers agree, and both match a scalar scan (IDs wherever a score is not tied within rounding). */
    private void check(float[] values) {
        List<List<Neighbor>> batch = index.nearestBatch(queryRows, k, exclude);
        VectorKernels scalar = Kernels.scalar();
        for (int q = 0; q < 3; q++) {
            List<Neighbor> single = single(queries[q]);
            if (!single.stream().map(Neighbor::id).toList().equals(batch.get(q).stream().map(Neighbor::id).toList())) {
                throw new AssertionError("query row " + queries[q] + ": single " + single + " but batch " + batch.get(q));
            }
            float[] unitQuery = unit(values, queries[q]);
            List<Neighbor> reference = new ArrayList<>();
            for (int r = 0; r < vocab; r++) {
                if (r != queries[q]) {
                    reference.add(new Neighbor(r, "", scalar.dot(unitQuery, 0, unit(values, r), 0, dim)));
                }
            }
            reference.sort(Comparator.comparingDouble((Neighbor n) -> -n.score()).thenComparingInt(Neighbor::id));
            for (int i = 0; i < k; i++) {
                float tie = 1e-5f;
                Neighbor expected = reference.get(i);
                boolean separated = (i == 0 || reference.get(i - 1).score() - expected.score() > tie)
                        && reference.get(i).score() - reference.get(i + 1).score() > tie;
                Neighbor actual = single.get(i);
                if (Math.abs(actual.score() - expected.score()) > tie || (separated && actual.id() != expected.id())) {
                    throw new AssertionError("query row " + queries[q] + ", rank " + i + ": found " + actual
                            + ", the scalar scan found row " + expected.id() + " (" + expected.score() + ")");
                }
            }
        }
    }

    private float[] unit(float[] values, int row) {
        float[] v = new float[dim];
        System.arraycopy(values, row * dim, v, 0, dim);
        double norm = Math.sqrt(Kernels.scalar().dot(v, 0, v, 0, dim));
        for (int c = 0; c < dim; c++) {
            v[c] = (float) (v[c] / norm);
        }
        return v;
    }

    private List<Neighbor> single(int id) {
        return index.nearest(index.table().weights().row(id), k, Set.of(id));
    }

    @Benchmark
    public List<Neighbor> single() {
        int query = queries[next];
        next = next + 1 == QUERIES ? 0 : next + 1;
        return single(query);
    }

    @Benchmark
    public List<List<Neighbor>> batch1000() {
        return index.nearestBatch(queryRows, k, exclude);
    }
}
