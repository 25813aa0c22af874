package dev.embedkit.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.embedkit.embed.EmbeddingTable;
import dev.embedkit.tensor.HeapMatrix;
import dev.embedkit.vocab.Vocabulary;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Our answers against gensim 4.2's on a 50 × 8 table. Both files are made by
 * {@code scripts/fixtures/make-search-fixtures.py}; rerun it to regenerate them.
 */
class GensimParityTest {
    private static final String DIR = "/fixtures/search/";
    private static final float TOLERANCE = 1e-5f;

    private static JsonNode answers;
    private static NeighborIndex index;
    private static Analogies analogies;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream json = resource("gensim-answers.json")) {
            answers = new ObjectMapper().readTree(json);
        }
        index = new NeighborIndex(readWord2VecText(answers.get("vectors").asText()));
        analogies = new Analogies(index);
    }

    @Test
    void mostSimilarIs3CosAdd() {
        for (JsonNode query : answers.get("most_similar")) {
            VectorExpression expression = expression(query);
            assertSameRanking(analogies.solve(expression, answers.get("topn").asInt(), AnalogyMethod.ADD), query);
        }
    }

    @Test
    void mostSimilarCosmulIs3CosMul() {
        for (JsonNode query : answers.get("most_similar_cosmul")) {
            VectorExpression expression = expression(query);
            assertSameRanking(analogies.solve(expression, answers.get("topn").asInt(), AnalogyMethod.MUL), query);
        }
    }

    @Test
    void theClassicAnalogyFindsThePlantedAnswer() {
        // The generator planted queen ≈ king − man + woman; word2vec's order is "man king woman".
        assertThat(analogies.solve("man", "king", "woman", 1, AnalogyMethod.ADD).getFirst().token()).isEqualTo("queen");
        assertThat(analogies.solve("man", "king", "woman", 1, AnalogyMethod.MUL).getFirst().token()).isEqualTo("queen");
    }

    @Test
    void nearestTokenIsMostSimilarOfOneWord() {
        JsonNode king = answers.get("most_similar").get(0);
        assertThat(king.get("positive").get(0).asText()).isEqualTo("king");
        assertSameRanking(index.nearest("king", answers.get("topn").asInt()), king);
    }

    @Test
    void doesntMatch() {
        for (JsonNode query : answers.get("doesnt_match")) {
            assertThat(analogies.doesntMatch(strings(query.get("words")))).isEqualTo(query.get("result").asText());
        }
    }

    @Test
    void similarityIsCosine() {
        for (JsonNode pair : answers.get("similarity")) {
            float cosine = index.cosine(index.id(pair.get("a").asText()), index.id(pair.get("b").asText()));
            assertThat(cosine).as(pair.toString()).isCloseTo((float) pair.get("score").asDouble(), within(TOLERANCE));
        }
    }

    private static void assertSameRanking(List<Neighbor> actual, JsonNode query) {
        JsonNode expected = query.get("result");
        assertThat(actual).as(query.toString()).hasSize(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            assertThat(actual.get(i).token()).as("rank %d of %s", i, query).isEqualTo(expected.get(i).get(0).asText());
            assertThat(actual.get(i).score()).as("score at rank %d of %s", i, query)
                    .isCloseTo((float) expected.get(i).get(1).asDouble(), within(TOLERANCE));
        }
    }

    private static VectorExpression expression(JsonNode query) {
        return new VectorExpression(strings(query.get("positive")), strings(query.get("negative")));
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(node -> values.add(node.asText()));
        return values;
    }

    /** Just enough of word2vec's text format for this fixture: a "V d" header, then "word v1 … vd" per line. */
    private static EmbeddingTable readWord2VecText(String name) throws IOException {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(resource(name), StandardCharsets.UTF_8))) {
            String[] header = reader.readLine().trim().split(" ");
            int rows = Integer.parseInt(header[0]);
            int dim = Integer.parseInt(header[1]);
            List<String> words = new ArrayList<>(rows);
            HeapMatrix weights = HeapMatrix.zeros(rows, dim); // (vocab_size, dim)
            for (int r = 0; r < rows; r++) {
                String[] fields = reader.readLine().trim().split(" ");
                words.add(fields[0]);
                for (int c = 0; c < dim; c++) {
                    weights.set(r, c, Float.parseFloat(fields[c + 1]));
                }
            }
            return new EmbeddingTable(Vocabulary.of(words), weights);
        }
    }

    private static InputStream resource(String name) {
        InputStream in = GensimParityTest.class.getResourceAsStream(DIR + name);
        if (in == null) {
            throw new UncheckedIOException(new IOException("test resource " + DIR + name + " is missing"));
        }
        return in;
    }
}
