package dev.embedkit.bench;

import dev.embedkit.simd.Kernels;
import dev.embedkit.simd.VectorKernels;
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

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Exact top-10 cosine neighbours of one word over a word2vec-sized table (100k × 300) by brute force:
 * one GEMV over the unit-length table plus a bounded heap. scripts/bench-neighbors.sh compares the same
 * search with gensim's most_similar.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx4g"})
public class NeighborsBench {
    private static final int QUERIES = 200;

    @Param({"100000"})
    int vocab;

    @Param({"300"})
    int dim;

    @Param({"10"})
    int k;

    @Param({"scalar", "panama"})
    String impl;

    private BruteForceNeighbors neighbors;
    private int[] queries;
    private int next;
    private int[] ids;
    private float[] scores;

    @Setup
    public void setUp() {
        VectorKernels kernels = BenchKernels.named(impl);
        float[] table = BenchKernels.randomMatrix(vocab, dim, 31); // (vocab, dim)
        neighbors = new BruteForceNeighbors(kernels, table, vocab, dim, k);
        SplittableRandom random = new SplittableRandom(32);
        queries = new int[QUERIES];
        for (int q = 0; q < QUERIES; q++) {
            queries[q] = random.nextInt(vocab);
        }
        ids = new int[k];
        scores = new float[k];
        checkAgainstScalar(table);
    }

    /** The top-k scores must match the scalar search's; IDs too wherever a score is not tied within rounding. */
    private void checkAgainstScalar(float[] table) {
        BruteForceNeighbors reference = new BruteForceNeighbors(Kernels.scalar(), table, vocab, dim, k);
        int[] expectedIds = new int[k];
        float[] expectedScores = new float[k];
        for (int q = 0; q < 5; q++) {
            reference.nearest(queries[q], k, expectedIds, expectedScores);
            neighbors.nearest(queries[q], k, ids, scores);
            for (int i = 0; i < k; i++) {
                float tie = 1e-5f;
                boolean separated = (i == 0 || expectedScores[i - 1] - expectedScores[i] > tie)
                        && (i == k - 1 || expectedScores[i] - expectedScores[i + 1] > tie);
                if (Math.abs(scores[i] - expectedScores[i]) > tie || (separated && ids[i] != expectedIds[i])) {
                    throw new AssertionError("query row " + queries[q] + ", rank " + i + ": " + impl + " found row "
                            + ids[i] + " (" + scores[i] + "), scalar found row " + expectedIds[i] + " (" + expectedScores[i] + ")");
                }
            }
        }
    }

    @Benchmark
    public int[] topK() {
        int query = queries[next];
        next = next + 1 == QUERIES ? 0 : next + 1;
        neighbors.nearest(query, k, ids, scores);
        return ids;
    }
}
