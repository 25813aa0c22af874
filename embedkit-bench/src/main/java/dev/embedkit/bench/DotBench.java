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

/** One dot product of two d-vectors: the similarity of two word2vec / GloVe / GPT-2 sized embeddings. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx2g"})
public class DotBench {
    @Param({"100", "300", "768"})
    int dim;

    @Param({"scalar", "panama"})
    String impl;

    private VectorKernels kernels;
    private float[] a; // (dim)
    private float[] b; // (dim)

    @Setup
    public void setUp() {
        kernels = BenchKernels.named(impl);
        a = BenchKernels.randomMatrix(1, dim, 1);
        b = BenchKernels.randomMatrix(1, dim, 2);
        float expected = Kernels.scalar().dot(a, 0, b, 0, dim);
        float actual = kernels.dot(a, 0, b, 0, dim);
        BenchKernels.checkAgree("dot d=" + dim, new float[] {expected}, new float[] {actual},
                new float[] {BenchKernels.absDot(a, 0, b, 0, dim)}, dim);
    }

    @Benchmark
    public float dot() {
        return kernels.dot(a, 0, b, 0, dim);
    }
}
