package dev.embedkit.server;

import dev.embedkit.server.api.Route;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One valid request for each route of the API, on {@link TestServer}'s models (the training-log stream needs a
 * server watching a log): the token test and the soak test send each of them, and {@link #missing} keeps the list
 * equal to the route table.
 */
final class EveryRoute {
    static final String TRAINING_LOG = "/api/v1/training/log";

    /** A request: method, path with query, JSON body or null; {@code label} names its route in reports. */
    record Call(String label, String method, String path, String body) {
        HttpRequest.Builder request(URI base) {
            HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path));
            if (path.equals(TRAINING_LOG)) {
                builder.header("Accept", "text/event-stream");
            }
            return body == null ? builder.GET() : builder.header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body));
        }
    }

    static final List<Call> VALID = List.of(
            get("health", "/api/v1/health"),
            get("openapi", "/api/v1/openapi.json"),
            get("models", "/api/v1/models"),
            get("model", "/api/v1/models/royals"),
            post("tokenize", "/api/v1/models/royals/tokenize", "{\"text\":\"king queen apple\"}"),
            post("embed", "/api/v1/models/royals/embed", "{\"ids\":[1,5]}"),
            post("neighbors", "/api/v1/models/royals/neighbors", "{\"words\":[\"king\"],\"k\":2}"),
            post("analogy", "/api/v1/models/royals/analogy", "{\"a\":\"man\",\"b\":\"king\",\"c\":\"woman\",\"k\":2}"),
            post("unembed", "/api/v1/models/royals/unembed", "{\"expression\":\"king - man + woman\",\"k\":3}"),
            post("predict", "/api/v1/models/next/predict", "{\"text\":\"a b\",\"k\":2}"),
            get("vocab", "/api/v1/models/royals/vocab?prefix=wo&limit=2"),
            get("rows", "/api/v1/models/royals/rows?row_start=1&row_end=4"),
            get("projection", "/api/v1/models/royals/projection?n=6"),
            get("tour", "/api/v1/models/royals/tour?step=lookup&id=2"),
            get("training-log", TRAINING_LOG));

    private EveryRoute() {
    }

    static Call get(String label, String path) {
        return new Call(label, "GET", path, null);
    }

    static Call post(String label, String path, String body) {
        return new Call(label, "POST", path, body);
    }

    /** Routes of {@code routes} that no call of {@link #VALID} reaches, as "METHOD path". */
    static List<String> missing(List<Route> routes) {
        return routes.stream().filter(route -> {
            Pattern path = Pattern.compile(Pattern.quote(route.path()).replace("{model}", "\\E[^/]+\\Q"));
            return VALID.stream().noneMatch(call -> call.method().equals(route.method().name())
                    && path.matcher(call.path().replaceFirst("\\?.*", "")).matches());
        }).map(route -> route.method() + " " + route.path()).toList();
    }
}
