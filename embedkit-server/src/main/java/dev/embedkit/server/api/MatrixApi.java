package dev.embedkit.server.api;

import dev.embedkit.embed.EmbeddingTable;
import dev.embedkit.server.ServedModel;
import dev.embedkit.server.problem.ProblemException;
import dev.embedkit.server.projection.Projection;
import dev.embedkit.vocab.Vocabulary;
import io.javalin.http.Context;

import java.util.ArrayList;
import java.util.List;

/** The table itself, in pieces a page can show: GET /models/{model}/vocab, /rows (heat map), /projection (scatter). */
final class MatrixApi {
    private static final int DEFAULT_PAGE = 100;
    private static final int DEFAULT_ROWS = 16;
    private static final int DEFAULT_PROJECTION = 500;

    private final ApiContext api;

    MatrixApi(ApiContext api) {
        this.api = api;
    }

    record VocabEntry(int id, String token, long count) {
    }

    /** {@code total}: how many tokens match (all of them without a filter); {@code items}: this page of them. */
    record VocabPage(int total, int offset, int limit, List<VocabEntry> items) {
    }

    /** values[i][j] = E[rowStart + i][colStart + j]; ends are exclusive. */
    record RowSlice(int rowStart, int rowEnd, int colStart, int colEnd, List<String> tokens, float[][] values) {
    }

    void vocab(Context ctx) {
        ServedModel model = api.model(ctx);
        QueryParams query = api.query(ctx, "offset", "limit", "prefix", "contains");
        int offset = query.integer("offset", 0, 0, Integer.MAX_VALUE);
        int limit = query.integer("limit", DEFAULT_PAGE, 1, api.limits().maxPageSize());
        String prefix = query.text("prefix", api.limits().maxTextChars());
        String contains = query.text("contains", api.limits().maxTextChars());
        Vocabulary vocabulary = model.table().vocabulary();
        List<VocabEntry> page = new ArrayList<>();
        int total = 0;
        for (int id = 0; id < vocabulary.size(); id++) {
            String token = vocabulary.token(id);
            if ((prefix == null || token.startsWith(prefix)) && (contains == null || token.contains(contains))) {
                if (total >= offset && page.size() < limit) {
                    page.add(new VocabEntry(id, token, vocabulary.count(id)));
                }
                total++;
            }
        }
        ctx.json(new VocabPage(total, offset, limit, page));
    }

    void rows(Context ctx) {
        ServedModel model = api.model(ctx);
        EmbeddingTable table = model.table();
        QueryParams query = api.query(ctx, "row_start", "row_end", "col_start", "col_end");
        int vocabSize = table.vocabularySize();
        int dim = table.dim();
        int rowStart = query.integer("row_start", 0, 0, Math.max(0, vocabSize - 1));
        int rowEnd = query.integer("row_end", Math.min(vocabSize, rowStart + DEFAULT_ROWS), rowStart, vocabSize);
        int colStart = query.integer("col_start", 0, 0, dim - 1);
        int colEnd = query.integer("col_end", dim, colStart, dim);
        long cells = (long) (rowEnd - rowStart) * (colEnd - colStart);
        if (cells > api.limits().maxCells()) {
            throw ProblemException.invalidField("row_end", "rows " + rowStart + ".." + rowEnd + " × columns " + colStart
                    + ".." + colEnd + " is " + cells + " cells; the limit is " + api.limits().maxCells()
                    + " (ask for fewer rows or columns)");
        }
        float[] row = new float[dim];
        float[][] values = new float[rowEnd - rowStart][];
        List<String> tokens = new ArrayList<>(values.length);
        for (int id = rowStart; id < rowEnd; id++) {
            table.weights().copyRow(id, row, 0);
            values[id - rowStart] = java.util.Arrays.copyOfRange(row, colStart, colEnd);
            tokens.add(table.vocabulary().token(id));
        }
        ctx.json(new RowSlice(rowStart, rowEnd, colStart, colEnd, tokens, values));
    }

    void projection(Context ctx) {
        ServedModel model = api.model(ctx);
        QueryParams query = api.query(ctx, "n");
        int n = query.integer("n", DEFAULT_PROJECTION, 2, api.limits().maxProjectionTokens());
        if (model.table().vocabularySize() < 2) {
            throw ProblemException.invalidField("n", "the model has " + model.table().vocabularySize()
                    + " tokens; a projection needs at least 2");
        }
        Projection projection = model.projections().of(n);
        ctx.json(projection);
    }
}
