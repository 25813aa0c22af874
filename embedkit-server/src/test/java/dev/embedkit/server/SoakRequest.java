package dev.embedkit.server;

import org.eclipse.jetty.client.AsyncRequestContent;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.InputStreamRequestContent;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.util.Callback;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One request of {@link SoakTest} as plain data, so that the mix does not depend on the client that sends it:
 * method, path with query, headers, body or null, and whether the body goes chunked (no Content-Length).
 */
record SoakRequest(String method, String path, Map<String, String> headers, byte[] body, boolean chunked) {
    static SoakRequest get(String path) {
        return new SoakRequest("GET", path, Map.of(), null, false);
    }

    static SoakRequest post(String path, String contentType, byte[] body) {
        return new SoakRequest("POST", path, Map.of("Content-Type", contentType), body, false);
    }

    static SoakRequest postJson(String path, String body) {
        return post(path, "application/json", body.getBytes(StandardCharsets.UTF_8));
    }

    static SoakRequest of(EveryRoute.Call call) {
        return call.body() == null ? get(call.path()) : postJson(call.path(), call.body());
    }

    SoakRequest withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new SoakRequest(method, path, Map.copyOf(more), body, chunked);
    }

    SoakRequest chunkedBody() {
        return new SoakRequest(method, path, headers, body, true);
    }

    /**
     * Sends this request to the server at {@code base} on Jetty's client; it must be answered within {@code
     * seconds}. A body with a length is written after the request has gone, so that its headers may reach the server
     * before the body does (as the JDK's client sends them) and the server may answer before the body has arrived.
     */
    void send(HttpClient client, URI base, long seconds, Response.CompleteListener listener) {
        Request request = client.newRequest(base.resolve(path)).method(method).timeout(seconds, TimeUnit.SECONDS)
                .headers(fields -> headers.forEach(fields::put));
        if (body == null) {
            request.send(listener);
        } else if (chunked) {
            request.body(new InputStreamRequestContent(new ByteArrayInputStream(body))).send(listener);
        } else {
            AsyncRequestContent content = new AsyncRequestContent();
            request.headers(fields -> fields.put(HttpHeader.CONTENT_LENGTH, body.length)).body(content).send(listener);
            content.write(true, ByteBuffer.wrap(body), Callback.NOOP);
        }
    }
}
