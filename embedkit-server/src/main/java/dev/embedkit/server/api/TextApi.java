package dev.embedkit.server.api;

import dev.embedkit.embed.EmbeddingTable;
import dev.embedkit.server.ServedModel;
import dev.embedkit.server.problem.ProblemException;
import dev.embedkit.tensor.HeapMatrix;
import io.javalin.http.Context;

import java.util.ArrayList;
import java.util.List;

/** Text → IDs → rows → the stacked matrix: POST /models/{model}/tokenize and /models/{model}/embed. */
final class TextApi {
    private final ApiContext api;

    TextApi(ApiContext api) {
        this.api = api;
    }

    record Tokenized(String text, List<String> tokens, int[] ids) {
    }

    /** matrix[j] is the row E[ids[j]]: the n×d input a Transformer reads. */
    record Embedded(int[] ids, List<String> tokens, int[] shape, float[][] matrix) {
    }

    void tokenize(Context ctx) {
        ServedModel model = api.model(ctx);
        JsonBody body = api.body(ctx, "text");
        String text = body.text("text");
        int[] ids = ProblemException.about("text", () -> model.tokenizer().encode(text));
        api.checkTokenCount(ids.length);
        ctx.json(new Tokenized(text, tokens(model.table(), ids), ids));
    }

    void embed(Context ctx) {
        ServedModel model = api.model(ctx);
        JsonBody body = api.body(ctx, "text", "ids");
        String field = body.exactlyOne("text", "ids");
        int[] ids = field.equals("text")
                ? ProblemException.about("text", () -> model.tokenizer().encode(body.text("text")))
                : body.ids("ids");
        api.checkTokenCount(ids.length);
        EmbeddingTable table = model.table();
        HeapMatrix stacked = ProblemException.about(field, () -> table.lookup(ids)); // (n, dim); checks every ID first
        float[][] matrix = new float[ids.length][];
        for (int j = 0; j < ids.length; j++) {
            matrix[j] = stacked.row(j);
        }
        ctx.json(new Embedded(ids, tokens(table, ids), new int[] {ids.length, table.dim()}, matrix));
    }

    static List<String> tokens(EmbeddingTable table, int[] ids) {
        List<String> tokens = new ArrayList<>(ids.length);
        for (int id : ids) {
            tokens.add(table.vocabulary().token(id));
        }
        return tokens;
    }
}
