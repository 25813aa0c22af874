package dev.embedkit.server.keepalive;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;

/**
 * An after-handler that keeps HTTP/1.1 keep-alive honest when an answer is given without reading the whole request
 * body (an unknown model, a missing token, a wrong media type, a body sent to a route that takes none). It skips,
 * without waiting, what has arrived of the body (Jetty's {@code Request.consumeAvailable}); if that is not its end,
 * Jetty marks the connection for closing and the answer says {@code Connection: close}, so the client sends its next
 * request on a new connection.
 * <p>
 * Jetty does the same by itself, but only when the servlet returns with the answer not yet committed. Javalin commits
 * some answers before that: one larger than Jetty's aggregation buffer (8 KiB), and a gzipped one, whose stream
 * Javalin closes. Jetty then found the body missing after the headers had gone out without {@code Connection: close}
 * and closed the connection anyway; the client's next request on it was lost. After-handlers run before Javalin
 * writes the answer, so this settles the body in time.
 */
public final class UnreadBody implements Handler {

    @Override
    public void handle(Context ctx) {
        if (ctx.res().isCommitted()) {
            return; // a stream (the training log) has sent its headers already
        }
        if (!ServletContextRequest.getServletContextRequest(ctx.req()).consumeAvailable()) {
            ctx.header("Connection", "close");
        }
    }
}
