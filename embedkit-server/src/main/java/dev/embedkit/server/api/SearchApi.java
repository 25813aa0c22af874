package dev.embedkit.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;
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

/** Meaning as geometry: POST /models/{model}/neighbors and /models/{model}/analogy (exact cosine search). */
final class SearchApi {
    private static final int DEFAULT_K = 10;

    private final ApiContext api;

    SearchApi(ApiContext api) {
        this.api = api;
    }

    /** One query's answers: {@code word} and {@code id} for a word query, both absent for a vector. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record NeighborResult(String word, Integer id, List<Neighbor> neighbors) {
    }

    record NeighborResults(int k, List<NeighborResult> results) {
    }

    record AnalogyResult(String expression, String method, int k, List<Neighbor> answers) {
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
            results.add(new NeighborResult(null, null, ProblemException.about("vector", () -> index.nearest(vector, k, null))));
        } else {
            List<String> words = body.words("words");
            for (int i = 0; i < words.size(); i++) {
                String word = words.get(i);
                String at = "words[" + i + "]";
                int id = ProblemException.about(at, () -> index.id(word));
                results.add(new NeighborResult(word, id, ProblemException.about(at, () -> index.nearest(word, k))));
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
        List<Neighbor> answers = ProblemException.about(field, () -> model.analogies().solve(expression, k, analogyMethod));
        ctx.json(new AnalogyResult(expression.toString(), method, k, answers));
    }
}
