package dev.embedkit.server.api;

import dev.embedkit.embed.OovWords;
import dev.embedkit.embed.TokenScore;
import dev.embedkit.embed.WordVector;
import dev.embedkit.search.VectorExpression;
import dev.embedkit.server.ServedModel;
import dev.embedkit.server.problem.ProblemException;
import dev.embedkit.server.problem.ProblemType;
import dev.embedkit.train.nexttoken.NextTokenModel;
import io.javalin.http.Context;

import java.util.List;
import java.util.Map;

/** The way back to tokens: POST /models/{model}/unembed (h·Eᵀ, softmax, top-k) and /models/{model}/predict. */
final class OutputApi {
    private static final int DEFAULT_K = 10;
    // Softmax is stable at any temperature > 0; the bound only keeps answers meaningful (1000 is nearly uniform).
    private static final double MAX_TEMPERATURE = 1000;

    private final ApiContext api;

    OutputApi(ApiContext api) {
        this.api = api;
    }

    /**
     * {@code h} says what was unembedded: "vector", "row of 'king'", "vector of 'kingly' (OOV: from 12 n-grams)" or
     * the expression; {@code oov} the words a subword model built from their n-grams, and how many each.
     */
    record Unembedded(String h, int vocabSize, double temperature, Map<String, Integer> oov, List<TokenScore> top) {
    }

    record Predicted(List<String> context, int[] contextIds, int vocabSize, double temperature, List<TokenScore> top) {
    }

    void unembed(Context ctx) {
        ServedModel model = api.model(ctx);
        JsonBody body = api.body(ctx, "vector", "token", "expression", "k", "temperature");
        String field = body.exactlyOne("vector", "token", "expression");
        int k = body.k(DEFAULT_K);
        double temperature = body.positive("temperature", 1.0, MAX_TEMPERATURE);
        float[] h;
        String described;
        OovWords oov;
        switch (field) {
            case "vector" -> {
                h = body.vector("vector", model.table().dim());
                described = "vector";
                oov = new OovWords(List.of());
            }
            case "token" -> {
                String token = body.text("token");
                // strict, as neighbours are: unembedding <unk>'s row for a typo would answer another question
                WordVector vector = ProblemException.about("token", () -> model.words().require(token));
                h = vector.values();
                described = vector.oov() ? "vector of '" + token + "' " + vector.note() : "row of '" + token + "'";
                oov = new OovWords(vector.oov() ? List.of(vector) : List.of());
            }
            default -> {
                String text = body.text("expression");
                VectorExpression expression = ProblemException.about("expression", () -> VectorExpression.parse(text));
                OovWords composed = ProblemException.about("expression",
                        () -> OovWords.of(model.words(), expression.tokens()));
                h = ProblemException.about("expression", () -> expression.sum(model.table(), composed.vectorsByWord()));
                described = expression + composed.expressionNote();
                oov = composed;
            }
        }
        List<TokenScore> top = ProblemException.about(field, () -> model.unembedding().topK(h, k, temperature));
        ctx.json(new Unembedded(described, model.table().vocabularySize(), temperature, oov.ngramCounts(), top));
    }

    void predict(Context ctx) {
        ServedModel model = api.model(ctx);
        NextTokenModel next = model.nextToken();
        if (next == null) {
            throw new ProblemException(ProblemType.NOT_A_NEXT_TOKEN_MODEL, "model '" + model.name()
                    + "' is a table of embeddings, not a next-token model (train one with: embedkit train --model next-token)",
                    "model");
        }
        JsonBody body = api.body(ctx, "text", "ids", "k", "temperature");
        String field = body.exactlyOne("text", "ids");
        int k = body.k(DEFAULT_K);
        double temperature = body.positive("temperature", 1.0, MAX_TEMPERATURE);
        int[] ids = field.equals("text")
                ? ProblemException.about("text", () -> next.tokenizer().encode(body.text("text")))
                : body.ids("ids");
        api.checkTokenCount(ids.length);
        ProblemException.about(field, () -> {
            for (int id : ids) {
                next.vocabulary().checkId(id); // every ID, not only the last k the model reads
            }
            return ids;
        });
        int[] context = next.context(ids);
        List<TokenScore> top = next.predict(ids, k, temperature);
        ctx.json(new Predicted(TextApi.tokens(next.table(), context), context, next.vocabulary().size(), temperature, top));
    }
}
