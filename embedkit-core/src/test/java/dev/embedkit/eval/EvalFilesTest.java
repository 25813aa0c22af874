package dev.embedkit.eval;

import dev.embedkit.BadInputException;
import dev.embedkit.FormatException;
import dev.embedkit.embed.EmbeddingTable;
import dev.embedkit.tensor.HeapMatrix;
import dev.embedkit.vocab.Vocabulary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Reading the question and pair files, and their errors: each names the file and line. */
class EvalFilesTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void questionsAreReadBySection() throws IOException {
        AnalogyQuestions questions = AnalogyQuestions.read(write("q.txt",
                ": capital-common-countries\r\nAthens Greece Baghdad Iraq\n\n:  gram3-comparative \nbad worse big bigger\n"));
        assertThat(questions.sections()).extracting(AnalogyQuestions.Section::name)
                .containsExactly("capital-common-countries", "gram3-comparative");
        assertThat(questions.sections()).extracting(AnalogyQuestions.Section::semantic).containsExactly(true, false);
        assertThat(questions.sections().get(1).questions().getFirst())
                .isEqualTo(new AnalogyQuestions.Question(5, "bad", "worse", "big", "bigger"));
        assertThat(questions.size()).isEqualTo(2);
    }

    @Test
    void malformedQuestionFilesNameTheLine() throws IOException {
        Path three = write("three.txt", ": family\nboy girl king queen\nman woman king\n");
        assertThatThrownBy(() -> AnalogyQuestions.read(three)).isInstanceOf(FormatException.class)
                .hasMessageContaining("three.txt, line 3").hasMessageContaining("expected 4 words").hasMessageContaining("got 3");
        Path headless = write("headless.txt", "boy girl king queen\n");
        assertThatThrownBy(() -> AnalogyQuestions.read(headless)).isInstanceOf(FormatException.class)
                .hasMessageContaining("line 1").hasMessageContaining("before the first ': section' header");
        Path empty = write("empty.txt", ": family\n\n");
        assertThatThrownBy(() -> AnalogyQuestions.read(empty)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("no analogy questions");
        Path latin1 = dir.resolve("latin1.txt");
        Files.write(latin1, new byte[] {':', ' ', 'x', '\n', 'a', ' ', 'b', ' ', 'c', ' ', (byte) 0xE9, '\n'});
        assertThatThrownBy(() -> AnalogyQuestions.read(latin1)).isInstanceOf(FormatException.class)
                .hasMessageContaining("line 2").hasMessageContaining("UTF-8");
        assertThatThrownBy(() -> AnalogyQuestions.read(dir.resolve("missing.txt"))).isInstanceOf(BadInputException.class)
                .hasMessageContaining("missing.txt: no such file");
    }

    @Test
    void pairsAcceptTabsOrSpacesAndComments() throws IOException {
        WordPairs pairs = WordPairs.read(write("p.tsv", "# header\tx\ty\nlove\tsex\t6.77\ntiger  cat 7.35\n\n"));
        assertThat(pairs.pairs()).containsExactly(new WordPairs.Pair(2, "love", "sex", 6.77),
                new WordPairs.Pair(3, "tiger", "cat", 7.35));
    }

    @Test
    void malformedPairFilesNameTheLine() throws IOException {
        Path two = write("two.tsv", "love\tsex\t6.77\nlove\tsex\n");
        assertThatThrownBy(() -> WordPairs.read(two)).isInstanceOf(FormatException.class)
                .hasMessageContaining("two.tsv, line 2").hasMessageContaining("expected 3 fields");
        Path word = write("word.tsv", "love\tsex\thigh\n");
        assertThatThrownBy(() -> WordPairs.read(word)).isInstanceOf(FormatException.class)
                .hasMessageContaining("line 1").hasMessageContaining("'high' is not a number");
        Path nan = write("nan.tsv", "love\tsex\tNaN\n");
        assertThatThrownBy(() -> WordPairs.read(nan)).hasMessageContaining("must be finite");
        Path comments = write("comments.tsv", "# only a comment\n");
        assertThatThrownBy(() -> WordPairs.read(comments)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("no word pairs");
    }

    @Test
    void noUsablePairIsAnError() throws IOException {
        EmbeddingTable table = new EmbeddingTable(Vocabulary.of(List.of("a", "b")), HeapMatrix.of(new float[][] {{1, 0}, {0, 1}}));
        Path pairs = write("oov.tsv", "x\ty\t1\na\tz\t2\n");
        assertThatThrownBy(() -> SimilarityEvaluation.evaluate(table, pairs, 10)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("none of the 2 pairs");
        SimilarityReport one = SimilarityEvaluation.evaluate(table, write("one.tsv", "A\tb\t1\nx\ty\t2\n"), 10);
        assertThat(one.used()).isEqualTo(1);
        assertThat(one.oovPercent()).isCloseTo(50, within(1e-12));
        assertThat(one.spearman()).isNaN(); // one pair has no correlation
    }

    @Test
    void spearmanAveragesTiedRanksLikeScipy() {
        assertThat(Correlation.ranks(new double[] {3, 1, 3, 2, 3})).containsExactly(4, 1, 4, 2, 4);
        // scipy.stats.spearmanr([1, 2, 2, 3, 5], [2, 1, 4, 4, 9]).statistic = 0.7631578947368421
        assertThat(Correlation.spearman(new double[] {1, 2, 2, 3, 5}, new double[] {2, 1, 4, 4, 9}))
                .isCloseTo(0.7631578947368421, within(1e-12));
        // scipy.stats.pearsonr([1, 2, 2, 3, 5], [2, 1, 4, 4, 9]).statistic = 0.9092079184111861
        assertThat(Correlation.pearson(new double[] {1, 2, 2, 3, 5}, new double[] {2, 1, 4, 4, 9}))
                .isCloseTo(0.9092079184111861, within(1e-12));
        assertThat(Correlation.pearson(new double[] {1, 1, 1}, new double[] {1, 2, 3})).isNaN();
    }
}
