package dev.embedkit.server.api;

import dev.embedkit.server.problem.ProblemException;
import io.javalin.http.Context;

import java.util.List;
import java.util.Set;

/** The query parameters of a GET, checked like body fields: known names only, integers within stated bounds. */
final class QueryParams {
    private final Context ctx;

    private QueryParams(Context ctx) {
        this.ctx = ctx;
    }

    static QueryParams of(Context ctx, Set<String> allowed) {
        for (String name : ctx.queryParamMap().keySet()) {
            if (!allowed.contains(name)) {
                throw ProblemException.invalidField(name, "unknown query parameter; this endpoint takes "
                        + allowed.stream().sorted().toList());
            }
        }
        return new QueryParams(ctx);
    }

    /** An integer in min..max, {@code fallback} if absent. */
    int integer(String name, int fallback, int min, int max) {
        String text = single(name);
        if (text == null) {
            return fallback;
        }
        int value;
        try {
            value = Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw ProblemException.invalidField(name, "must be an integer, got '" + text + "'");
        }
        if (value < min || value > max) {
            throw ProblemException.invalidField(name, "is " + value + "; it must be between " + min + " and " + max);
        }
        return value;
    }

    /** A string of at most maxChars characters, or null if absent. */
    String text(String name, int maxChars) {
        String text = single(name);
        if (text != null && text.length() > maxChars) {
            throw ProblemException.invalidField(name, "is " + text.length() + " characters long; the limit is " + maxChars);
        }
        return text;
    }

    private String single(String name) {
        List<String> values = ctx.queryParams(name);
        if (values.size() > 1) {
            throw ProblemException.invalidField(name, "is given " + values.size() + " times; give it once");
        }
        return values.isEmpty() ? null : values.getFirst();
    }
}
