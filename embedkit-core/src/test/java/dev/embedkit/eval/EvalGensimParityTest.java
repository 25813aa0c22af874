package dev.embedkit.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.embedkit.embed.EmbeddingTable;
import dev.embedkit.io.EmbeddingFiles;
import dev.embedkit.search.AnalogyMethod;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Our evaluation against gensim 4.2's on a 300 × 20 table with planted relations, case variants and OOV words.
 * Every file is made by {@code scripts/fixtures/make-eval-fixtures.py}; rerun it to regenerate them.
 */
class EvalGensimParityTest {
    static Path dir;
    static JsonNode gensim;
    static EmbeddingTable table;

    @BeforeAll
    static void load() throws IOException, URISyntaxException {
        dir = Path.of(EvalGensimParityTest.class.getResource("/fixtures/eval/gensim-results.json").toURI()).getParent();
        gensim = new ObjectMapper().readTree(dir.resolve("gensim-results.json").toFile());
        table = EmbeddingFiles.load(dir.resolve("vectors.txt"));
    }

    @Test
    void analogiesGiveGensimsAnswersQuestionByQuestion() {
        for (JsonNode expected : gensim.get("analogies")) {
            int restrict = expected.get("restrict_vocab").asInt();
            AnalogyReport report = AnalogyEvaluation.evaluate(table, dir.resolve("questions.txt"), restrict, AnalogyMethod.ADD);
            assertThat(report.sections()).hasSize(expected.get("sections").size());
            for (int s = 0; s < report.sections().size(); s++) {
                AnalogyReport.SectionResult ours = report.sections().get(s);
                JsonNode theirs = expected.get("sections").get(s);
                assertThat(ours.name()).isEqualTo(theirs.get("section").asText());
                assertThat(upper(ours.outcomes(), true)).as(restrict + " " + ours.name())
                        .containsExactlyElementsOf(texts(theirs.get("correct")));
                assertThat(upper(ours.outcomes(), false)).as(restrict + " " + ours.name())
                        .containsExactlyElementsOf(texts(theirs.get("incorrect")));
            }
            assertThat(report.total().correct()).isEqualTo(expected.get("total_correct").asInt());
            assertThat(report.total().asked() - report.total().correct()).isEqualTo(expected.get("total_incorrect").asInt());
            assertThat(report.total().accuracy()).isCloseTo(expected.get("accuracy").asDouble(), within(1e-12));
            assertThat(report.oov()).isEqualTo(expected.get("oov").asInt());
            assertThat(report.questions()).isEqualTo(expected.get("questions").asInt());
        }
    }

    @Test
    void restrictionMakesLateWordsOutOfVocabulary() {
        AnalogyReport all = AnalogyEvaluation.evaluate(table, dir.resolve("questions.txt"), 30_000, AnalogyMethod.ADD);
        AnalogyReport first200 = AnalogyEvaluation.evaluate(table, dir.resolve("questions.txt"), 200, AnalogyMethod.ADD);
        assertThat(first200.oov()).isGreaterThan(all.oov());
        assertThat(all.semantic().asked() + all.syntactic().asked()).isEqualTo(all.total().asked());
        assertThat(all.semantic().asked()).isEqualTo(all.sections().get(0).asked() + all.sections().get(1).asked());
    }

    @Test
    void wordPairsGiveGensimsCorrelations() {
        JsonNode expected = gensim.get("pairs");
        SimilarityReport report = SimilarityEvaluation.evaluate(table, dir.resolve("pairs.tsv"), SimilarityEvaluation.DEFAULT_RESTRICT);
        assertThat(report.pearson()).isCloseTo(expected.get("pearson").asDouble(), within(1e-6));
        assertThat(report.spearman()).isCloseTo(expected.get("spearman").asDouble(), within(1e-6));
        assertThat(report.oovPercent()).isCloseTo(expected.get("oov_ratio").asDouble(), within(1e-9));
        assertThat(report.pairs()).isEqualTo(expected.get("pairs").asInt());
        assertThat(report.used() + report.oov()).isEqualTo(report.pairs());
    }

    @Test
    void spaceSeparatedPairsReadTheSame(@TempDir Path tmp) throws IOException {
        Path spaced = tmp.resolve("pairs.txt");
        Files.writeString(spaced, Files.readString(dir.resolve("pairs.tsv")).replace('\t', ' '));
        SimilarityReport tabs = SimilarityEvaluation.evaluate(table, dir.resolve("pairs.tsv"), 300_000);
        SimilarityReport spaces = SimilarityEvaluation.evaluate(table, spaced, 300_000);
        assertThat(spaces).isEqualTo(tabs);
    }

    /** gensim's lists hold the question words uppercased, "A B C D". */
    private static List<String> upper(List<AnalogyReport.Outcome> outcomes, boolean correct) {
        return outcomes.stream().filter(o -> o.correct() == correct)
                .map(o -> o.question().toString().toUpperCase(Locale.ROOT)).toList();
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }
}
