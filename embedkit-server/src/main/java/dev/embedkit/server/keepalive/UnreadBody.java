package dev.embedkit.server.keepalive;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;

/**
 * An after-handler that keeps HTTP/1.1 keep-alive honest. An answer given without reading the request body (an
 * unknown model, a missing token, a wrong media type, a body sent to a route that takes none) leaves that body on
 * the connection. Left to Jetty, which settles it after Javalin has written the answer, a few such answers in 10,000
 * in the soak test left a connection that the client had taken back into its pool either closed or sending
 * unexpected bytes, and the client's next request on it failed unanswered. So this skips, before the answer is
 * written and without waiting, what has arrived of the body; when that is not its end, the answer says
 * {@code Connection: close} and the client opens a new connection for its next request.
 */
public final class UnreadBody implements Handler {

    @Override
    public void handle(Context ctx) {
        boolean hasBody = ctx.req().getContentLengthLong() > 0 || ctx.header("Transfer-Encoding") != null;
        if (hasBody && !ServletContextRequest.getServletContextRequest(ctx.req()).consumeAvailable()) {
            ctx.header("Connection", "close");
        }
    }
}
