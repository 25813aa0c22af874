package dev.embedkit.embed;

import dev.embedkit.BadInputException;
import dev.embedkit.io.ModelConfig;
import dev.embedkit.io.ModelDirectory;
import dev.embedkit.tensor.HeapMatrix;
import dev.embedkit.tensor.MappedMatrix;
import dev.embedkit.tokenize.WordSplitter;
import dev.embedkit.vocab.Vocabulary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmbeddingTableTest {
    // (vocab_size=3, dim=2)
    private final EmbeddingTable table = new EmbeddingTable(
            Vocabulary.of(List.of("hello", "world", "apricot")),
            HeapMatrix.of(new float[][] {{1, 2}, {3, 4}, {5, 6}}));

    @Test
    void lookupSelectsTheRow() {
        assertThat(table.lookup(1)).containsExactly(3, 4);
        assertThat(table.lookup("apricot")).containsExactly(5, 6);
    }

    @Test
    void lookupReturnsACopySoCallersCannotCorruptTheTable() {
        table.lookup(0)[0] = 99;
        assertThat(table.lookup(0)).containsExactly(1, 2);
    }

    @Test
    void aMappedTableStacksTheSameRowsAsTheHeapTable(@TempDir Path dir) {
        int vocabularySize = 700;
        int dim = 37;
        Vocabulary vocabulary = Vocabulary.of(IntStream.range(0, vocabularySize).mapToObj(i -> "t" + i).toList());
        EmbeddingTable onHeap = new EmbeddingTable(vocabulary, new Initializer.Normal(1.0).create(vocabularySize, dim, 3));
        ModelDirectory.save(onHeap, ModelConfig.forTable(onHeap, new WordSplitter(WordSplitter.Mode.WHITESPACE, false)),
                dir.resolve("m"));
        EmbeddingTable mapped = ModelDirectory.open(dir.resolve("m")).table();
        assertThat(mapped.weights()).isInstanceOf(MappedMatrix.class);
        int[] ids = new SplittableRandom(4).ints(5000, 0, vocabularySize).toArray();
        ids[0] = vocabularySize - 1; // the last row ends the mapped region exactly
        assertThat(mapped.lookup(ids)).isEqualTo(onHeap.lookup(ids));
        HeapMatrix reused = HeapMatrix.zeros(ids.length, dim);
        mapped.lookupInto(ids, reused);
        assertThat(reused).isEqualTo(onHeap.lookup(ids));
        assertThatThrownBy(() -> mapped.lookupInto(ids, HeapMatrix.zeros(ids.length, dim + 1)))
                .isInstanceOf(BadInputException.class)
                .hasMessage("stacking 5000 rows of dim 37 needs a 5000×37 matrix, got 5000×38");
        assertThatThrownBy(() -> mapped.lookup(new int[] {1, vocabularySize}))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("token ID 700 is out of range");
    }

    @Test
    void stackingIdsGivesAnNByDMatrixInOrderWithRepeats() {
        HeapMatrix stacked = table.lookup(new int[] {2, 0, 2});
        assertThat(stacked.rows()).isEqualTo(3);
        assertThat(stacked.cols()).isEqualTo(2);
        assertThat(stacked.data()).containsExactly(5, 6, 1, 2, 5, 6);
        assertThat(table.lookup(new int[0]).rows()).isZero();
    }

    @Test
    void outOfRangeIdNamesTheIdAndV() {
        assertThatThrownBy(() -> table.lookup(3)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("token ID 3").hasMessageContaining("V=3");
        assertThatThrownBy(() -> table.lookup(new int[] {0, -7})).hasMessageContaining("token ID -7");
    }

    @Test
    void vocabularyAndMatrixMustAgreeOnV() {
        assertThatThrownBy(() -> new EmbeddingTable(Vocabulary.of(List.of("a")), HeapMatrix.zeros(2, 4)))
                .isInstanceOf(BadInputException.class).hasMessageContaining("V=1").hasMessageContaining("2 rows");
    }

    @Test
    void fastTextInitIsWord2vecsDrawsScaledToOneOverD() {
        float[] word2vec = new Initializer.Word2VecUniform().create(10, 4, 42).data();
        float[] fastText = new Initializer.FastTextUniform().create(10, 4, 42).data();
        float maxAbs = 0;
        for (int i = 0; i < word2vec.length; i++) {
            assertThat(fastText[i]).isEqualTo(2 * word2vec[i]); // the same u, twice the width: [-1/d, 1/d)
            maxAbs = Math.max(maxAbs, Math.abs(fastText[i]));
        }
        assertThat(maxAbs).isLessThanOrEqualTo(0.25f).isGreaterThan(0.125f);
    }

    @Test
    void word2vecInitIsUniformInHalfOverDAndRepeatableFromTheSeed() {
        HeapMatrix a = new Initializer.Word2VecUniform().create(100, 50, 42);
        HeapMatrix b = new Initializer.Word2VecUniform().create(100, 50, 42);
        HeapMatrix c = new Initializer.Word2VecUniform().create(100, 50, 43);
        assertThat(a).isEqualTo(b).isNotEqualTo(c);
        float bound = 0.5f / 50;
        for (float v : a.data()) {
            assertThat(v).isBetween(-bound, bound);
        }
        double mean = 0;
        for (float v : a.data()) {
            mean += v;
        }
        assertThat(mean / a.data().length).isCloseTo(0, org.assertj.core.data.Offset.offset(bound / 10.0));
    }

    @Test
    void normalInitHasTheRequestedSpread() {
        HeapMatrix m = Initializer.parse("normal:0.5").create(200, 100, 7);
        double sumSquares = 0;
        for (float v : m.data()) {
            sumSquares += v * v;
        }
        assertThat(Math.sqrt(sumSquares / m.data().length)).isCloseTo(0.5, org.assertj.core.data.Offset.offset(0.01));
        assertThatThrownBy(() -> Initializer.parse("gaussian")).hasMessageContaining("unknown initializer 'gaussian'");
        assertThatThrownBy(() -> Initializer.parse("normal:-1")).hasMessageContaining("stddev");
    }

    @Test
    void headKeepsTheFirstRowsAndTheirTokens() {
        EmbeddingTable first2 = table.head(2);
        assertThat(first2.vocabulary().tokens()).isEqualTo(table.vocabulary().tokens().subList(0, 2));
        assertThat(first2.lookup(1)).isEqualTo(table.lookup(1));
        assertThat(table.head(table.vocabularySize() + 5)).isSameAs(table);
        assertThatThrownBy(() -> table.head(-1)).isInstanceOf(BadInputException.class);
    }
}
