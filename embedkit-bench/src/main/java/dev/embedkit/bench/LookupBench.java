package dev.embedkit.bench;

import dev.embedkit.embed.EmbeddingTable;
import dev.embedkit.embed.Initializer;
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
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Embedding lookup, the first arrow of the data flow: one row E[id], and a sequence of n IDs stacked into an
 * (n, d) matrix. Pure copying, so there is no kernel parameter; IDs are random so rows come from all over the table.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx2g"})
public class LookupBench {
    @Param({"50000"})
    int vocab;

    @Param({"768"})
    int dim;

    @Param({"512"})
    int length;

    private EmbeddingTable table;
    private int[] ids; // (length)
    private int next;

    @Setup
    public void setUp() {
        List<String> tokens = new ArrayList<>(vocab);
        for (int i = 0; i < vocab; i++) {
            tokens.add("t" + i);
        }
        HeapMatrix weights = new Initializer.Normal(0.02).create(vocab, dim, 21); // (vocab, dim)
        table = new EmbeddingTable(Vocabulary.of(tokens), weights);
        SplittableRandom random = new SplittableRandom(22);
        ids = new int[length];
        for (int j = 0; j < length; j++) {
            ids[j] = random.nextInt(vocab);
        }
        HeapMatrix stacked = table.lookup(ids);
        for (int j = 0; j < length; j++) {
            float[] row = Arrays.copyOfRange(weights.data(), ids[j] * dim, (ids[j] + 1) * dim);
            if (!Arrays.equals(row, table.lookup(ids[j])) || !Arrays.equals(row, 0, dim, stacked.data(), j * dim, (j + 1) * dim)) {
                throw new AssertionError("lookup of id " + ids[j] + " (position " + j + ") is not row " + ids[j] + " of E");
            }
        }
    }

    /** One row; cycles through the random IDs so the row is not always in L1. */
    @Benchmark
    public float[] lookupOne() {
        int id = ids[next];
        next = next + 1 == ids.length ? 0 : next + 1;
        return table.lookup(id);
    }

    /** A whole sequence, stacked into a fresh (length, dim) matrix. */
    @Benchmark
    public HeapMatrix lookupStacked() {
        return table.lookup(ids);
    }
}
