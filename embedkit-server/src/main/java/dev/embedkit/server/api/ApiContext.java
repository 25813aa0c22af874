package dev.embedkit.server.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.embedkit.server.Limits;
import dev.embedkit.server.ServedModel;
import dev.embedkit.server.problem.ProblemException;
import dev.embedkit.server.problem.ProblemType;
import io.javalin.http.Context;

import java.util.Map;
import java.util.Set;

/**
 * What every handler needs: the served models by name, the limits, the JSON mapper. A model is found by its name
 * in this map and nowhere else, so nothing a client sends reaches the file system.
 */
record ApiContext(Map<String, ServedModel> models, Limits limits, ObjectMapper json) {

    ServedModel model(Context ctx) {
        String name = ctx.pathParam("model");
        ServedModel model = models.get(name);
        if (model == null) {
            String shown = name.length() > 64 ? name.substring(0, 64) + "…" : name;
            throw new ProblemException(ProblemType.UNKNOWN_MODEL, "no model named '" + shown + "' is served; the models are "
                    + models.keySet().stream().sorted().toList() + " (GET /api/v1/models)", "model");
        }
        return model;
    }

    /** A text can hold more tokens than an ID list may; the answer's size is bounded by the same limit. */
    void checkTokenCount(int count) {
        if (count > limits.maxIds()) {
            throw ProblemException.invalidField("text", "has " + count + " tokens; the limit is " + limits.maxIds());
        }
    }

    JsonBody body(Context ctx, String... fields) {
        return JsonBody.read(ctx, json, limits, Set.of(fields));
    }

    QueryParams query(Context ctx, String... names) {
        return QueryParams.of(ctx, Set.of(names));
    }
}
