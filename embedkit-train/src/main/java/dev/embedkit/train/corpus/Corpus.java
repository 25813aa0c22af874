package dev.embedkit.train.corpus;

import dev.embedkit.BadInputException;
import dev.embedkit.corpus.BundledCorpus;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A text corpus read line by line: a file, a directory of files (read in sorted order, recursively), .gz files,
 * or lines already in memory. Training threads each read one {@link CorpusShard}.
 */
public sealed interface Corpus permits FileCorpus, MemoryCorpus {

    /** Lines longer than this many bytes are handed out in chunks rather than read whole. */
    int MAX_LINE_BYTES = 1 << 20;

    /** The corpus at {@code path}: a file, a .gz file or a directory; refuses one that is missing or empty. */
    static Corpus open(Path path) {
        if (!Files.exists(path)) {
            throw new BadInputException("corpus " + path + " does not exist");
        }
        return FileCorpus.of(path, MAX_LINE_BYTES);
    }

    /** Lines held in memory, e.g. a test's sentences. */
    static Corpus ofLines(String name, List<String> lines) {
        return new MemoryCorpus(name, List.copyOf(lines));
    }

    /** core's bundled King James Bible (a few MB, so held in memory and split by lines). */
    static Corpus bundled() {
        return new MemoryCorpus(BundledCorpus.NAME, BundledCorpus.lines());
    }

    /** For messages and the model's provenance. */
    String name();

    /** The whole corpus as one shard. */
    default CorpusShard whole() {
        return shards(1).getFirst();
    }

    /** {@code count} shards that together hold every line exactly once (some may be empty). */
    List<CorpusShard> shards(int count);

    /** How many invalid UTF-8 sequences readers of this corpus have replaced by U+FFFD so far. */
    long replacedSequences();
}
