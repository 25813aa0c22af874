package dev.embedkit.server.api;

import dev.embedkit.embed.EmbeddedWords;
import dev.embedkit.embed.EmbeddingTable;
import dev.embedkit.server.ServedModel;
import dev.embedkit.server.problem.ProblemException;
import dev.embedkit.tensor.HeapMatrix;
import dev.embedkit.tokenize.WordTokenizer;
import io.javalin.http.Context;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Text → IDs → rows → the stacked matrix: POST /models/{model}/tokenize and /models/{model}/embed. */
final class TextApi {
    private final ApiContext api;

    TextApi(ApiContext api) {
        this.api = api;
    }

    record Tokenized(String text, List<String> tokens, int[] ids) {
    }

    /**
     * matrix[j] is the row E[ids[j]]: the n×d input a Transformer reads. For a subword model, an unknown word's ID
     * is -1, its row the mean of its n-gram rows, and {@code oov} maps it to how many n-grams that is.
     */
    record Embedded(int[] ids, List<String> tokens, int[] shape, float[][] matrix, Map<String, Integer> oov) {
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
        if (field.equals("text") && model.tokenizer() instanceof WordTokenizer words) {
            embedWords(ctx, model, words, body.text("text"));
            return;
        }
        int[] ids = field.equals("text")
                ? ProblemException.about("text", () -> model.tokenizer().encode(body.text("text")))
                : body.ids("ids");
        api.checkTokenCount(ids.length);
        EmbeddingTable table = model.table();
        HeapMatrix stacked = ProblemException.about(field, () -> table.lookup(ids)); // (n, dim); checks every ID first
        ctx.json(new Embedded(ids, tokens(table, ids), new int[] {ids.length, table.dim()}, rows(stacked), Map.of()));
    }

    /** A model of words: each word's vector, an unknown word's from its n-grams if the model has them (CLI's embed). */
    private void embedWords(Context ctx, ServedModel model, WordTokenizer tokenizer, String text) {
        List<String> split = tokenizer.splitter().split(text);
        api.checkTokenCount(split.size());
        EmbeddedWords words = ProblemException.about("text", () -> EmbeddedWords.of(split, model.words()));
        int[] ids = words.ids();
        ctx.json(new Embedded(ids, words.tokens(), new int[] {ids.length, model.table().dim()}, rows(words.stacked()),
                words.oov().ngramCounts()));
    }

    private static float[][] rows(HeapMatrix stacked /* (n, dim) */) {
        float[][] rows = new float[stacked.rows()][];
        for (int j = 0; j < rows.length; j++) {
            rows[j] = stacked.row(j);
        }
        return rows;
    }

    static List<String> tokens(EmbeddingTable table, int[] ids) {
        List<String> tokens = new ArrayList<>(ids.length);
        for (int id : ids) {
            tokens.add(table.vocabulary().token(id));
        }
        return tokens;
    }
}
