package dev.embedkit.server.api;

import io.javalin.http.Handler;
import io.javalin.http.HandlerType;

/** One entry of the route table: method, path (Javalin's {param} syntax, as in OpenAPI) and handler. */
public record Route(HandlerType method, String path, Handler handler) {
}
