package dev.embedkit.train.corpus;

import dev.embedkit.BadInputException;
import dev.embedkit.tokenize.WordSplitter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CorpusTest {
    @TempDir
    Path dir;

    private static List<String> randomLines(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            // Some empty lines and some long ones, so shard boundaries fall everywhere.
            lines.add(("w" + i + " ").repeat(random.nextInt(0, 30)).strip());
        }
        return lines;
    }

    private static List<String> readAll(CorpusShard shard) {
        List<String> lines = new ArrayList<>();
        try (LineSource source = shard.open()) {
            for (String line = source.nextLine(); line != null; line = source.nextLine()) {
                lines.add(line);
            }
        }
        return lines;
    }

    private static List<String> readShards(Corpus corpus, int count) {
        List<String> lines = new ArrayList<>();
        for (CorpusShard shard : corpus.shards(count)) {
            lines.addAll(readAll(shard));
        }
        return lines;
    }

    private static void gzip(Path file, String text) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void shardsOfAFileHoldEveryLineExactlyOnceWhateverTheCount() throws IOException {
        List<String> lines = randomLines(500, 7);
        Path file = dir.resolve("corpus.txt");
        Files.write(file, lines);
        Corpus corpus = Corpus.open(file);
        for (int count : new int[] {1, 2, 3, 7, 64}) {
            assertThat(readShards(corpus, count)).as("%d shards", count).isEqualTo(lines);
        }
    }

    @Test
    void aDirectoryIsReadRecursivelyInSortedOrderWithGzipFilesWhole() throws IOException {
        Files.createDirectories(dir.resolve("b"));
        Files.writeString(dir.resolve("a.txt"), "one\ntwo\n");
        gzip(dir.resolve("b/c.txt.gz"), "three\nfour\n");
        Files.writeString(dir.resolve("b/d.txt"), "five\r\nsix");
        Files.writeString(dir.resolve(".hidden"), "never\n");
        Corpus corpus = Corpus.open(dir);
        List<String> expected = List.of("one", "two", "three", "four", "five", "six");
        for (int count : new int[] {1, 2, 3, 5}) {
            assertThat(readShards(corpus, count)).as("%d shards", count).isEqualTo(expected);
        }
    }

    @Test
    void aReaderReopenedAtItsPositionContinuesWithTheSameLine() throws IOException {
        List<String> lines = randomLines(200, 11);
        Path file = dir.resolve("corpus.txt");
        Files.write(file, lines);
        gzip(dir.resolve("corpus.txt.gz"), String.join("\n", lines));
        for (Path path : List.of(file, dir.resolve("corpus.txt.gz"))) {
            // A .gz file belongs whole to the first shard; a plain file's middle shard starts mid-file.
            CorpusShard shard = Corpus.open(path).shards(3).get(path.toString().endsWith(".gz") ? 0 : 1);
            List<String> whole = readAll(shard);
            List<String> resumed = new ArrayList<>();
            ShardPosition position;
            try (LineSource source = shard.open()) {
                for (int i = 0; i < 10; i++) {
                    resumed.add(source.nextLine());
                }
                position = source.position();
            }
            try (LineSource source = shard.openAt(position)) {
                for (String line = source.nextLine(); line != null; line = source.nextLine()) {
                    resumed.add(line);
                }
            }
            assertThat(resumed).as(path.toString()).isEqualTo(whole);
        }
    }

    @Test
    void invalidUtf8IsReplacedAndCounted() throws IOException {
        Path file = dir.resolve("bad.txt");
        byte[] bytes = {'o', 'k', ' ', (byte) 0xFF, ' ', 'c', 'a', 'f', (byte) 0xC3, (byte) 0xA9, ' ', (byte) 0xC3, '\n'};
        Files.write(file, bytes);
        Corpus corpus = Corpus.open(file);
        assertThat(readAll(corpus.whole())).containsExactly("ok \uFFFD café \uFFFD");
        assertThat(corpus.replacedSequences()).isEqualTo(2);
    }

    @Test
    void aLineLongerThanTheFirstBufferButWithinTheBoundComesWhole() throws IOException {
        String longLine = "caf\u00e9 ".repeat(BoundedLineReader.INITIAL_LINE_BYTES / 3).strip(); // 5 bytes a word: 1.7 buffers
        byte[] bytes = (longLine + "\nshort\n").getBytes(StandardCharsets.UTF_8);
        BoundedLineReader reader = new BoundedLineReader(new java.io.ByteArrayInputStream(bytes), 0, 1 << 20,
                new AtomicLong());
        assertThat(reader.readLine()).isEqualTo(longLine);
        assertThat(reader.position()).isEqualTo(longLine.getBytes(StandardCharsets.UTF_8).length + 1);
        assertThat(reader.readLine()).isEqualTo("short");
        assertThat(reader.readLine()).isNull();
        assertThat(reader.position()).isEqualTo(bytes.length);
    }

    @Test
    void aLineLongerThanTheBoundComesInChunksCutBetweenWords() throws IOException {
        String longLine = "abc ".repeat(100).strip();
        AtomicLong replaced = new AtomicLong();
        BoundedLineReader reader = new BoundedLineReader(
                new java.io.ByteArrayInputStream((longLine + "\nshort\n").getBytes(StandardCharsets.UTF_8)), 0, 64, replaced);
        List<String> chunks = new ArrayList<>();
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            chunks.add(line);
        }
        assertThat(chunks.getLast()).isEqualTo("short");
        List<String> words = new ArrayList<>();
        for (String chunk : chunks.subList(0, chunks.size() - 1)) {
            assertThat(chunk.length()).isLessThanOrEqualTo(64);
            words.addAll(List.of(chunk.strip().split(" ")));
        }
        assertThat(words).hasSize(100).containsOnly("abc");
    }

    @Test
    void theVocabularyPassKeepsWordsAboveMinCountAndRefusesEmptyResults() throws IOException {
        Corpus corpus = Corpus.ofLines("test", List.of("a b a", "c a b"));
        WordSplitter splitter = new WordSplitter(WordSplitter.Mode.WHITESPACE, false);
        CorpusVocabulary scan = CorpusVocabulary.build(corpus, splitter, 2, 100);
        assertThat(scan.vocabulary().tokens()).containsExactly("a", "b");
        assertThat(scan.words()).isEqualTo(6);
        assertThat(scan.distinctWords()).isEqualTo(3); // "c" too, counted once and dropped
        assertThat(scan.trainWords()).isEqualTo(5);
        assertThatThrownBy(() -> CorpusVocabulary.build(corpus, splitter, 4, 100))
                .isInstanceOf(BadInputException.class).hasMessageContaining("min-count=4");
        assertThatThrownBy(() -> CorpusVocabulary.build(Corpus.ofLines("blank", List.of(" ", "")), splitter, 1, 100))
                .isInstanceOf(BadInputException.class).hasMessageContaining("has no words");
    }

    @Test
    void missingAndEmptyCorporaAreRefused() throws IOException {
        assertThatThrownBy(() -> Corpus.open(dir.resolve("nope.txt")))
                .isInstanceOf(BadInputException.class).hasMessageContaining("does not exist");
        Files.createFile(dir.resolve("empty.txt"));
        assertThatThrownBy(() -> Corpus.open(dir.resolve("empty.txt")))
                .isInstanceOf(BadInputException.class).hasMessageContaining("is empty");
    }
}
