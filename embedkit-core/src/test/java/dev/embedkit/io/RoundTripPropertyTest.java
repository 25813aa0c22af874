package dev.embedkit.io;

import dev.embedkit.embed.EmbeddingTable;
import dev.embedkit.tensor.HeapMatrix;
import dev.embedkit.vocab.Vocabulary;
import dev.embedkit.BadInputException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Whatever table we write, in whatever format, reads back identically, bit for bit, and is recognized. */
class RoundTripPropertyTest {
    private Path dir;

    @BeforeProperty
    void createDirectory() throws IOException {
        dir = Files.createTempDirectory("embedkit-roundtrip");
    }

    @AfterProperty
    void deleteDirectory() throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    @Property(tries = 150)
    void writeThenReadIsIdentity(@ForAll("tables") EmbeddingTable table, @ForAll VectorFormat format) {
        Path path = dir.resolve("t" + System.nanoTime() + "-" + EmbeddingFilesTest.fileName(format));
        EmbeddingFiles.save(table, path, format);
        assertThat(EmbeddingFiles.detect(path)).isEqualTo(format);
        EmbeddingTable loaded = EmbeddingFiles.load(path, format);
        if (EmbeddingFilesTest.storesTokens(format)) {
            Tables.assertSameBits(loaded, table);
        } else {
            assertThat(loaded.weights().toHeap()).isEqualTo(table.weights().toHeap());
        }
    }

    /** A model directory keeps any token without a tab or line break: spaces anywhere, any plane of Unicode, counts. */
    @Property(tries = 80)
    void modelDirectoryKeepsSpacedUnicodeTokensAndCounts(@ForAll("spacedTables") EmbeddingTable table) {
        Path path = dir.resolve("m" + System.nanoTime());
        EmbeddingFiles.save(table, path, VectorFormat.MODEL_DIR);
        EmbeddingTable loaded = EmbeddingFiles.load(path);
        Tables.assertSameBits(loaded, table);
        for (int id = 0; id < table.vocabularySize(); id++) {
            assertThat(loaded.vocabulary().count(id)).isEqualTo(table.vocabulary().count(id));
        }
    }

    /** A token a format cannot hold (empty, or whitespace where it delimits) is refused before anything is written. */
    @Property(tries = 80)
    void tokensAFormatCannotHoldAreRefusedAndNothingIsWritten(@ForAll("tables") EmbeddingTable valid,
                                                              @ForAll("unwritableTokens") String bad,
                                                              @ForAll VectorFormat format) {
        boolean lineBreakOrTab = bad.chars().anyMatch(c -> c == '\t' || c == '\r' || c == '\n');
        // no format holds an empty token; vocab.txt holds spaces but no tab or line break; a fastText .bin ends
        // words with a NUL, so any whitespace is fine there; the word2vec formats delimit with all whitespace
        Assume.that(EmbeddingFilesTest.storesTokens(format) && (bad.isEmpty() || switch (format) {
            case MODEL_DIR -> lineBreakOrTab;
            case FASTTEXT_BIN -> false;
            default -> true;
        }));
        List<String> tokens = new ArrayList<>(valid.vocabulary().tokens());
        tokens.set(0, bad);
        Assume.that(new HashSet<>(tokens).size() == tokens.size());
        EmbeddingTable table = new EmbeddingTable(Vocabulary.of(tokens), valid.weights());
        Path path = dir.resolve("bad" + System.nanoTime() + "-" + EmbeddingFilesTest.fileName(format));
        assertThatThrownBy(() -> EmbeddingFiles.save(table, path, format)).isInstanceOf(BadInputException.class)
                .hasMessageMatching("(token|word) 0 .*");
        assertThat(path).doesNotExist();
    }

    @Provide
    Arbitrary<String> unwritableTokens() {
        return Arbitraries.oneOf(Arbitraries.just(""),
                Arbitraries.strings().withChars("ab \t\r\n").ofMinLength(1).ofMaxLength(5)
                        .filter(token -> token.chars().anyMatch(c -> c == '\t' || c == '\r' || c == '\n')),
                Arbitraries.strings().withChars("ab ").ofMinLength(1).ofMaxLength(5).filter(token -> token.contains(" ")));
    }

    @Provide
    Arbitrary<EmbeddingTable> spacedTables() {
        // letters of several scripts, spaces, and supplementary characters (surrogate pairs: emoji, CJK extension B)
        Arbitrary<String> pieces = Arbitraries.oneOf(
                Arbitraries.strings().withCharRange('a', 'z').withChars(" éжΩ中").ofMinLength(1).ofMaxLength(4),
                Arbitraries.of("😀", "𠀋", "\uD83D\uDC4D\uD83C\uDFFD", "  ", " x "));
        Arbitrary<String> tokens = pieces.list().ofMinSize(1).ofMaxSize(3).map(list -> String.join("", list));
        Arbitrary<Float> values = Arbitraries.integers().map(Float::intBitsToFloat).filter(Float::isFinite);
        return Combinators.combine(tokens.set().ofMinSize(1).ofMaxSize(10), Arbitraries.integers().between(1, 5))
                .flatAs((set, dim) -> Combinators.combine(values.list().ofSize(set.size() * dim),
                                Arbitraries.longs().between(0, Long.MAX_VALUE).array(long[].class).ofSize(set.size()))
                        .as((list, counts) -> {
                            EmbeddingTable plain = table(List.copyOf(set), dim, list);
                            return new EmbeddingTable(Vocabulary.of(List.copyOf(set), counts), plain.weights());
                        }));
    }

    @Provide
    Arbitrary<EmbeddingTable> tables() {
        Arbitrary<String> tokens = Arbitraries.strings().ofMinLength(1).ofMaxLength(6)
                .withCharRange('a', 'z').withCharRange('0', '9').withChars("<>.,-_'\"éßøΩж")
                .withCharRange('\u4e00', '\u4e0f');
        Float[] hard = new Float[Tables.HARD_VALUES.length];
        for (int i = 0; i < hard.length; i++) {
            hard[i] = Tables.HARD_VALUES[i];
        }
        // Any finite bit pattern (subnormals and -0.0 included), plus the values a decimal round trip gets wrong.
        Arbitrary<Float> values = Arbitraries.oneOf(
                Arbitraries.integers().map(Float::intBitsToFloat).filter(Float::isFinite),
                Arbitraries.of(hard));
        return Combinators.combine(tokens.set().ofMinSize(1).ofMaxSize(12), Arbitraries.integers().between(1, 9))
                .flatAs((set, dim) -> values.list().ofSize(set.size() * dim).map(list -> table(List.copyOf(set), dim, list)));
    }

    private static EmbeddingTable table(List<String> tokens, int dim, List<Float> values) {
        float[] data = new float[values.size()];
        for (int i = 0; i < data.length; i++) {
            data[i] = values.get(i);
        }
        return new EmbeddingTable(Vocabulary.of(tokens), new HeapMatrix(tokens.size(), dim, data));
    }
}
