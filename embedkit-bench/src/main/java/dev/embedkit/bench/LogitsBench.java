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

import java.util.concurrent.TimeUnit;

/**
 * Unembedding: scores of hidden states against every row of a GPT-2 sized table (V=50k, d=768).
 * GEMV is one position (logits = E·h); GEMM is a batch of n positions (logits = H·Eᵀ), where the 4×4 register
 * tiles reuse each loaded row of E for four positions.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx4g"})
public class LogitsBench {
    @Param({"50000"})
    int vocab;

    @Param({"768"})
    int dim;

    @Param({"32"})
    int batch;

    @Param({"scalar", "panama"})
    String impl;

    private VectorKernels kernels;
    private float[] table;   // (vocab, dim)
    private float[] hidden;  // (batch, dim); row 0 is the GEMV input
    private float[] logits;  // (vocab)
    private float[] batchLogits; // (batch, vocab)

    @Setup
    public void setUp() {
        kernels = BenchKernels.named(impl);
        table = BenchKernels.randomMatrix(vocab, dim, 11);
        hidden = BenchKernels.randomMatrix(batch, dim, 12);
        logits = new float[vocab];
        batchLogits = new float[batch * vocab];
        checkAgainstScalar();
    }

    private void checkAgainstScalar() {
        VectorKernels scalar = Kernels.scalar();
        float[] expected = new float[vocab];
        float[] absSums = new float[vocab];
        scalar.gemv(table, vocab, dim, hidden, expected);
        kernels.gemv(table, vocab, dim, hidden, logits);
        for (int v = 0; v < vocab; v++) {
            absSums[v] = BenchKernels.absDot(table, v * dim, hidden, 0, dim);
        }
        BenchKernels.checkAgree("gemv " + impl, expected, logits, absSums, dim);

        // The full scalar GEMM would take a second; its first 4 positions exercise the same tiles.
        int checked = Math.min(batch, 4);
        float[] expectedBatch = new float[checked * vocab];
        float[] actualBatch = new float[checked * vocab];
        float[] batchAbsSums = new float[checked * vocab];
        scalar.gemmTransB(hidden, checked, table, vocab, dim, expectedBatch);
        kernels.gemmTransB(hidden, batch, table, vocab, dim, batchLogits);
        System.arraycopy(batchLogits, 0, actualBatch, 0, checked * vocab);
        for (int i = 0; i < checked; i++) {
            for (int v = 0; v < vocab; v++) {
                batchAbsSums[i * vocab + v] = BenchKernels.absDot(hidden, i * dim, table, v * dim, dim);
            }
        }
        BenchKernels.checkAgree("gemmTransB " + impl, expectedBatch, actualBatch, batchAbsSums, dim);
    }

    @Benchmark
    public float[] gemv() {
        kernels.gemv(table, vocab, dim, hidden, logits);
        return logits;
    }

    @Benchmark
    public float[] gemm() {
        kernels.gemmTransB(hidden, batch, table, vocab, dim, batchLogits);
        return batchLogits;
    }
}
