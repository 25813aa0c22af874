package dev.embedkit.bench;

import dev.embedkit.embed.EmbeddingTable;
import dev.embedkit.io.EmbeddingFiles;
import dev.embedkit.io.ModelConfig;
import dev.embedkit.io.ModelDirectory;
import dev.embedkit.tokenize.WordSplitter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;

/**
 * The Java half of scripts/bench-load.sh: the phases of {@code embedkit convert X.bin X-model} timed apart
 * (reading the word2vec binary to the heap, writing the model directory), then opening the model directory
 * (memory-mapped) several times, each open followed by reading one row so the mapping is really used.
 * A plain timed loop, since each phase moves a gigabyte once.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.embedkit.bench.LoadHarness X.bin X-model [opens]}
 */
public final class LoadHarness {
    private LoadHarness() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: LoadHarness X.bin X-model [opens]");
            System.exit(2);
        }
        Path bin = Path.of(args[0]);
        Path model = Path.of(args[1]);
        int opens = args.length > 2 ? Integer.parseInt(args[2]) : 20;

        long t0 = System.nanoTime();
        EmbeddingTable table = EmbeddingFiles.load(bin);
        long t1 = System.nanoTime();
        ModelDirectory.save(table, ModelConfig.forTable(table, new WordSplitter(WordSplitter.Mode.WHITESPACE, false)), model);
        long t2 = System.nanoTime();
        System.out.printf("read word2vec binary %s (%.0f MB, V=%d, d=%d): %.0f ms; write model directory: %.0f ms%n",
                bin, Files.size(bin) / 1e6, table.vocabularySize(), table.dim(), (t1 - t0) / 1e6, (t2 - t1) / 1e6);

        float checksum = 0;
        double[] openMs = new double[opens];
        for (int i = 0; i < opens; i++) {
            long start = System.nanoTime();
            EmbeddingTable mapped = ModelDirectory.open(model).table();
            checksum += mapped.lookup(mapped.vocabularySize() - 1 - i)[0];
            openMs[i] = (System.nanoTime() - start) / 1e6;
        }
        double first = openMs[0];
        Arrays.sort(openMs);
        System.out.printf("open model directory %s (%.0f MB): first %.1f ms, median %.1f ms, min %.1f ms over %d opens"
                + " (checksum %.3f)%n", model, directorySize(model) / 1e6, first, openMs[opens / 2], openMs[0], opens, checksum);
    }

    private static long directorySize(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.mapToLong(f -> f.toFile().length()).sum();
        }
    }
}
