package dev.embedkit.bench;

import dev.embedkit.embed.EmbeddingTable;
import dev.embedkit.embed.Unembedding;
import dev.embedkit.simd.Kernels;
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

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * The unembedding measure through the public API: logits of a batch of n = 64 hidden states against
 * GPT-2's table (V = 50,257, d = 768), {@link Unembedding#logits(HeapMatrix)}, which splits the vocabulary
 * between the cores. The peer is NumPy's {@code H @ E.T} (OpenBLAS sgemm), see {@code scripts/bench-unembed.sh}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx4g"})
public class UnembedBench {
    @Param({"50257"})
    int vocab;

    @Param({"768"})
    int dim;

    @Param({"64"})
    int batch;

    private Unembedding unembedding;
    private HeapMatrix hidden; // (batch, dim)

    @Setup
    public void setUp() {
        if (!Kernels.get().name().startsWith("panama")) {
            throw new IllegalStateException("the Vector API kernels are not in use (" + Kernels.get().name() + ")");
        }
        float[] table = BenchKernels.randomMatrix(vocab, dim, 11);
        List<String> tokens = IntStream.range(0, vocab).mapToObj(i -> "t" + i).toList();
        unembedding = Unembedding.tied(new EmbeddingTable(Vocabulary.of(tokens), new HeapMatrix(vocab, dim, table)));
        hidden = new HeapMatrix(batch, dim, BenchKernels.randomMatrix(batch, dim, 12));
        checkAgainstScalar(table);
    }

    /** The first rows of the threaded result against the scalar reference, as the other benchmarks check. */
    private void checkAgainstScalar(float[] table) {
        HeapMatrix logits = unembedding.logits(hidden);
        int checked = 2;
        float[] expected = new float[checked * vocab];
        float[] actual = new float[checked * vocab];
        float[] absSums = new float[checked * vocab];
        Kernels.scalar().gemmTransB(hidden.data(), checked, table, vocab, dim, expected);
        System.arraycopy(logits.data(), 0, actual, 0, checked * vocab);
        for (int i = 0; i < checked; i++) {
            for (int v = 0; v < vocab; v++) {
                absSums[i * vocab + v] = BenchKernels.absDot(hidden.data(), i * dim, table, v * dim, dim);
            }
        }
        BenchKernels.checkAgree("unembed batch", expected, actual, absSums, dim);
    }

    @Benchmark
    public HeapMatrix logits() {
        return unembedding.logits(hidden);
    }
}
