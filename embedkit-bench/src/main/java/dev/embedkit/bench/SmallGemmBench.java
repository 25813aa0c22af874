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
 * The three small products of one `train --hogbatch` step at the default window and negatives (10 context rows,
 * 1 + 5 output rows): S = In·Outᵀ ({@code gemmTransB}), ΔIn = G·Out and ΔOut = Gᵀ·In ({@code gemm}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx2g"})
public class SmallGemmBench {
    private static final int CONTEXTS = 10;
    private static final int TARGETS = 6;

    @Param({"100", "300"})
    int dim;

    @Param({"scalar", "panama"})
    String impl;

    private VectorKernels kernels;
    private float[] inputRows;   // (CONTEXTS, dim)
    private float[] outputRows;  // (TARGETS, dim)
    private float[] gradients;   // (CONTEXTS, TARGETS)
    private float[] gradientsT;  // (TARGETS, CONTEXTS)
    private float[] scores;      // (CONTEXTS, TARGETS)
    private float[] inputDelta;  // (CONTEXTS, dim)
    private float[] outputDelta; // (TARGETS, dim)

    @Setup
    public void setUp() {
        kernels = BenchKernels.named(impl);
        inputRows = BenchKernels.randomMatrix(CONTEXTS, dim, 1);
        outputRows = BenchKernels.randomMatrix(TARGETS, dim, 2);
        gradients = BenchKernels.randomMatrix(CONTEXTS, TARGETS, 3);
        gradientsT = new float[TARGETS * CONTEXTS];
        for (int i = 0; i < CONTEXTS; i++) {
            for (int j = 0; j < TARGETS; j++) {
                gradientsT[j * CONTEXTS + i] = gradients[i * TARGETS + j];
            }
        }
        scores = new float[CONTEXTS * TARGETS];
        inputDelta = new float[CONTEXTS * dim];
        outputDelta = new float[TARGETS * dim];
        float[] expected = new float[CONTEXTS * dim];
        Kernels.scalar().gemm(gradients, CONTEXTS, TARGETS, outputRows, dim, expected);
        kernels.gemm(gradients, CONTEXTS, TARGETS, outputRows, dim, inputDelta);
        float[] absSums = new float[CONTEXTS * dim];
        float[] column = new float[TARGETS];
        for (int j = 0; j < dim; j++) {
            for (int t = 0; t < TARGETS; t++) {
                column[t] = outputRows[t * dim + j];
            }
            for (int i = 0; i < CONTEXTS; i++) {
                absSums[i * dim + j] = BenchKernels.absDot(gradients, i * TARGETS, column, 0, TARGETS);
            }
        }
        BenchKernels.checkAgree("gemm G·Out d=" + dim, expected, inputDelta, absSums, TARGETS);
    }

    /** S = In·Outᵀ, (10, d)·(6, d)ᵀ. */
    @Benchmark
    public float[] scores() {
        kernels.gemmTransB(inputRows, CONTEXTS, outputRows, TARGETS, dim, scores);
        return scores;
    }

    /** ΔIn = G·Out and ΔOut = Gᵀ·In, (10, 6)·(6, d) and (6, 10)·(10, d). */
    @Benchmark
    public float[] deltas() {
        kernels.gemm(gradients, CONTEXTS, TARGETS, outputRows, dim, inputDelta);
        kernels.gemm(gradientsT, TARGETS, CONTEXTS, inputRows, dim, outputDelta);
        return outputDelta;
    }
}
