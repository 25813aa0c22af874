package dev.embedkit.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.embedkit.embed.OovWords;
import dev.embedkit.embed.WordVector;
import dev.embedkit.search.AnalogyMethod;
import dev.embedkit.search.Neighbor;
import dev.embedkit.search.NeighborIndex;
import dev.embedkit.search.VectorExpression;
import dev.embedkit.server.ServedModel;
import dev.embedkit.server.problem.ProblemException;
import io.javalin.http.Context;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Meaning as geometry: POST /models/{model}/neighbors and /models/{model}/analogy (exact cosine search). */
final class SearchApi {
    private static final int DEFAULT_K = 10;

    private final ApiContext api;

    SearchApi(ApiContext api) {
        this.api = api;
    }

    /**
     * One query's answers. A word query has {@code word}, {@code id}, {@code oov} and {@code ngrams}, as the CLI's
     * neighbors: for a subword model's unknown word, {@code id} is -1, {@code oov} true and the vector the mean of
     * its {@code ngrams} n-gram rows (a known word's {@code ngrams} is how many n-grams it has besides its row); a
     * vector query has none of them.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record NeighborResult(String word, Integer id, Boolean oov, Integer ngrams, List<Neighbor> neighbors) {
    }

    record NeighborResults(int k, List<NeighborResult> results) {
    }

    /** {@code oov}: the query words a subword model built from their n-grams, and how many each (CLI's analogy). */
    record AnalogyResult(String expression, String method, int k, Map<String, Integer> oov, List<Neighbor> answers) {
    }

    void neighbors(Context ctx) {
        ServedModel model = api.model(ctx);
        JsonBody body = api.body(ctx, "words", "vector", "k");
        String field = body.exactlyOne("words", "vector");
        int k = body.k(DEFAULT_K);
        NeighborIndex index = model.neighborIndex();
        List<NeighborResult> results = new ArrayList<>();
        if (field.equals("vector")) {
            float[] vector = body.vector("vector", model.table().dim());
            results.add(new NeighborResult(null, null, null, null,
                    ProblemException.about("vector", () -> index.nearest(vector, k, null))));
        } else {
            List<String> words = body.words("words");
            for (int i = 0; i < words.size(); i++) {
                String word = words.get(i);
                String at = "words[" + i + "]";
                WordVector query = ProblemException.about(at, () -> OovWords.withDirection(model.words().require(word)));
                List<Neighbor> found = ProblemException.about(at, () -> query.oov()
                        ? index.nearest(query.values(), k, null) // no row of its own to leave out
                        : index.nearest(word, k));
                results.add(new NeighborResult(word, query.id(), query.oov(), query.ngrams(), found));
            }
        }
        ctx.json(new NeighborResults(k, results));
    }

    /** Either a, b, c ("a is to b as c is to ?", i.e. b − a + c) or an expression such as "king - man + woman". */
    void analogy(Context ctx) {
        ServedModel model = api.model(ctx);
        JsonBody body = api.body(ctx, "a", "b", "c", "expression", "method", "k");
        boolean triple = body.has("a") || body.has("b") || body.has("c");
        VectorExpression expression;
        String field;
        if (triple) {
            if (body.has("expression")) {
                throw ProblemException.invalidField("expression", "give either a, b, c or an expression, not both");
            }
            String a = body.text("a");
            String b = body.text("b");
            String c = body.text("c");
            expression = new VectorExpression(List.of(b, c), List.of(a));
            field = "a, b, c";
        } else {
            String text = body.text("expression");
            expression = ProblemException.about("expression", () -> VectorExpression.parse(text));
            field = "expression";
        }
        String method = body.choice("method", "add", List.of("add", "mul"));
        int k = body.k(DEFAULT_K);
        AnalogyMethod analogyMethod = AnalogyMethod.valueOf(method.toUpperCase(Locale.ROOT));
        OovWords oov = ProblemException.about(field, () -> OovWords.of(model.words(), expression.tokens()));
        List<Neighbor> answers = ProblemException.about(field,
                () -> model.analogies().solve(expression, oov.vectorsByWord(), k, analogyMethod));
        ctx.json(new AnalogyResult(expression.toString(), method, k, oov.ngramCounts(), answers));
    }
}
