package dev.embedkit.bench;

import dev.embedkit.embed.EmbeddingTable;
import dev.embedkit.embed.Initializer;
import dev.embedkit.io.ModelConfig;
import dev.embedkit.io.ModelDirectory;
import dev.embedkit.tensor.HeapMatrix;
import dev.embedkit.tokenize.WordSplitter;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Stacking many rows, {@link EmbeddingTable#lookup(int[])} with {@code ids} random IDs, from a heap table and from
 * the same table memory-mapped from a model directory, against copying the same number of bytes as one contiguous
 * block ({@code System.arraycopy}): the memory-bandwidth limit for moving ids·dim floats. Lookup returns a fresh
 * matrix, so {@code copyFresh} (allocate, then copy) is its like-for-like baseline; {@code lookup*Into} stack into a
 * reused matrix and compare with {@code copyInto}, the bare limit. Setup checks that both tables stack the same rows.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xms10g", "-Xmx10g", "-XX:+UseParallelGC"})
public class StackBench {
    @Param({"400000"})
    int vocab;

    @Param({"300"})
    int dim;

    @Param({"1000000"})
    int ids;

    private EmbeddingTable heap;
    private EmbeddingTable mapped;
    private int[] idList;     // (ids)
    private float[] source;   // (ids · dim): the same number of floats, contiguous
    private float[] target;   // (ids · dim)
    private HeapMatrix stacked; // (ids, dim), reused by the *Into benchmarks
    private Path dir;

    @Setup
    public void setUp() throws IOException {
        Vocabulary vocabulary = Vocabulary.of(IntStream.range(0, vocab).mapToObj(i -> "t" + i).toList());
        heap = new EmbeddingTable(vocabulary, new Initializer.Normal(1.0).create(vocab, dim, 31)); // (vocab, dim)
        dir = Files.createTempDirectory("stackbench");
        Path model = dir.resolve("model");
        ModelDirectory.save(heap, ModelConfig.forTable(heap, new WordSplitter(WordSplitter.Mode.WHITESPACE, false)), model);
        mapped = ModelDirectory.open(model).table();
        SplittableRandom random = new SplittableRandom(32);
        idList = IntStream.range(0, ids).map(i -> random.nextInt(vocab)).toArray();
        source = new float[ids * dim];
        Arrays.fill(source, 1f);
        target = new float[ids * dim];
        stacked = HeapMatrix.zeros(ids, dim);
        if (!Arrays.equals(heap.lookup(idList).data(), mapped.lookup(idList).data())) {
            throw new AssertionError("the mapped table stacks other values than the heap table");
        }
    }

    @TearDown
    public void tearDown() throws IOException {
        mapped = null;
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Benchmark
    public HeapMatrix lookupHeap() {
        return heap.lookup(idList);
    }

    @Benchmark
    public HeapMatrix lookupMapped() {
        return mapped.lookup(idList);
    }

    @Benchmark
    public HeapMatrix lookupHeapInto() {
        heap.lookupInto(idList, stacked);
        return stacked;
    }

    @Benchmark
    public HeapMatrix lookupMappedInto() {
        mapped.lookupInto(idList, stacked);
        return stacked;
    }

    @Benchmark
    public float[] copyFresh() {
        float[] fresh = new float[source.length];
        System.arraycopy(source, 0, fresh, 0, source.length);
        return fresh;
    }

    @Benchmark
    public float[] copyInto() {
        System.arraycopy(source, 0, target, 0, source.length);
        return target;
    }
}
