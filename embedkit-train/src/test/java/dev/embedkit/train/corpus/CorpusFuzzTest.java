package dev.embedkit.train.corpus;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.embedkit.fuzz.HostileFiles;
import dev.embedkit.tokenize.WordSplitter;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Fuzzing corpus files (invalid UTF-8, stray CRs, NULs, over-long lines, a corrupt .gz): reading must succeed or
 * fail naming the file, and splitting a file into shards must hand out exactly the lines of reading it whole.
 */
class CorpusFuzzTest {
    private static final Path DIR = HostileFiles.directory("corpus");
    private static final WordSplitter SPLITTER = new WordSplitter(WordSplitter.Mode.WHITESPACE, true);

    @FuzzTest(maxDuration = "5s")
    void corpusText(byte[] bytes) {
        HostileFiles.read(DIR.resolve("corpus.txt"), bytes, file -> {
            Corpus corpus = Corpus.open(file);
            List<String> whole = lines(List.of(corpus.whole()));
            List<String> sharded = lines(corpus.shards(3));
            if (!whole.equals(sharded)) {
                throw new AssertionError("3 shards read " + sharded + " but the whole file reads " + whole);
            }
            CorpusVocabulary.build(corpus, SPLITTER, 1, 1000);
        });
    }

    @FuzzTest(maxDuration = "5s")
    void corpusGzip(byte[] bytes) {
        HostileFiles.read(DIR.resolve("corpus.gz"), bytes, file -> lines(Corpus.open(file).shards(2)));
    }

    private static List<String> lines(List<CorpusShard> shards) {
        List<String> lines = new ArrayList<>();
        for (CorpusShard shard : shards) {
            try (LineSource source = shard.open()) {
                for (String line = source.nextLine(); line != null; line = source.nextLine()) {
                    lines.add(line);
                }
            }
        }
        return lines;
    }
}
