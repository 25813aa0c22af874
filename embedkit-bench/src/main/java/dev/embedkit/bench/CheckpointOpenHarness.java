package dev.embedkit.bench;

import dev.embedkit.checkpoint.Checkpoint;
import dev.embedkit.checkpoint.Checkpoints;
import dev.embedkit.embed.EmbeddingTable;
import dev.embedkit.io.SafetensorsFile;
import dev.embedkit.tensor.FloatMatrix;

import java.nio.file.Path;

/**
 * The Java half of scripts/bench-checkpoint-open.sh: opens one safetensors checkpoint through
 * {@link Checkpoints#open} either memory-mapped (as embedkit does) or copied fully into a heap matrix, and prints
 * how long the first open, the first row lookup, a pass over every value and a repeated open took. One mode per JVM, so the page cache
 * state the script sets up (evicted or warm) is what this run sees.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.embedkit.bench.CheckpointOpenHarness FILE mapped|heap}
 */
public final class CheckpointOpenHarness {
    private CheckpointOpenHarness() {
    }

    public static void main(String[] args) {
        if (args.length != 2 || !(args[1].equals("mapped") || args[1].equals("heap"))) {
            System.err.println("usage: CheckpointOpenHarness FILE mapped|heap");
            System.exit(2);
        }
        boolean heap = args[1].equals("heap");
        Path file = Path.of(args[0]);
        long start = System.nanoTime();
        EmbeddingTable table = open(file, heap);
        long opened = System.nanoTime();
        float[] row = table.lookup(table.vocabularySize() / 2);
        long looked = System.nanoTime();
        double sum = sumAll(table.weights());
        long scanned = System.nanoTime();
        Runtime runtime = Runtime.getRuntime();
        long heapUsed = (runtime.totalMemory() - runtime.freeMemory()) >> 20;
        // Opening again in the same JVM: classes loaded, JIT warm, pages cached; the steady cost of an open.
        double again = Double.MAX_VALUE;
        double fileOnly = Double.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            long t0 = System.nanoTime();
            open(file, heap);
            long t1 = System.nanoTime();
            SafetensorsFile.open(file).tensor("wte.weight");
            long t2 = System.nanoTime();
            again = Math.min(again, (t1 - t0) / 1e6);
            fileOnly = Math.min(fileOnly, (t2 - t1) / 1e6);
        }
        System.out.printf("%-6s V=%d d=%d %s: first open %.1f ms, first lookup %.3f ms, scan of all values %.0f ms,"
                        + " heap used %d MB; open again %.1f ms (SafetensorsFile.open + tensor alone %.2f ms) (check %.3f %.3f)%n",
                args[1], table.vocabularySize(), table.dim(), table.weights().dtype(), (opened - start) / 1e6,
                (looked - opened) / 1e6, (scanned - looked) / 1e6, heapUsed, again, fileOnly, row[0], sum);
    }

    private static EmbeddingTable open(Path file, boolean heap) {
        Checkpoint checkpoint = Checkpoints.open(file);
        return heap ? checkpoint.table().toHeap() : checkpoint.table();
    }

    /** Touches every value, so a mapped table pays for its page faults here and the JIT cannot skip the loop. */
    private static double sumAll(FloatMatrix m) {
        float[] row = new float[m.cols()];
        double sum = 0;
        for (int r = 0; r < m.rows(); r++) {
            m.copyRow(r, row, 0);
            for (float v : row) {
                sum += v;
            }
        }
        return sum;
    }
}
