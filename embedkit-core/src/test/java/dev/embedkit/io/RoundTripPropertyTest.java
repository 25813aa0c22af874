package dev.embedkit.io;

import dev.embedkit.embed.EmbeddingTable;
import dev.embedkit.tensor.HeapMatrix;
import dev.embedkit.vocab.Vocabulary;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

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
