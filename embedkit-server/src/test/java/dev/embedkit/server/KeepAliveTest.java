package dev.embedkit.server;

import dev.embedkit.server.auth.BearerToken;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keep-alive after bad requests, on raw sockets so that the test decides when a request body arrives. The server may
 * close a connection after an answer only if that answer says {@code Connection: close}: an HTTP/1.1 client keeps
 * the connection otherwise, and its next request on it is lost. An answer given before the body has arrived says so
 * and the server closes; one given after the body arrived keeps the connection. Jetty alone decided this only after
 * sending the answers that Javalin had written out before its handling ended (JSON answers, answers over 8 KiB): it
 * then skipped a body that had arrived meanwhile, or closed without a word, a race with the client (issue 9).
 */
class KeepAliveTest {
    private static final String ROYALS = "/api/v1/models/royals";
    private static final String TOKEN = "s3cret";

    @TempDir
    static Path dir;
    static TestServer open;
    static TestServer guarded;

    /** A request as sent: its head (request line and headers, without the blank line) and body. */
    record Request(String label, String head, String body, int status) {
        String withLength() {
            return head + "\r\nHost: 127.0.0.1\r\nContent-Length: " + body.getBytes(StandardCharsets.UTF_8).length
                    + "\r\n\r\n";
        }
    }

    /** An answer as read: status and headers (names in lower case); its body is read and dropped. */
    record Answer(int status, Map<String, String> headers) {
        boolean saysClose() {
            return headers.getOrDefault("connection", "").toLowerCase(Locale.ROOT).contains("close");
        }
    }

    @BeforeAll
    static void start() {
        open = new TestServer(dir.resolve("open"), Limits.DEFAULT, null);
        guarded = new TestServer(dir.resolve("guarded"), Limits.DEFAULT, null, null, new BearerToken(TOKEN));
    }

    @AfterAll
    static void stop() {
        open.close();
        guarded.close();
    }

    /**
     * Bad requests answered without reading the body, and routes that take none given one anyway: a JSON answer,
     * 49 KB of openapi.json, the 10 KB page, and a 404 over 8 KiB (its instance is the 8,000-character path).
     */
    private static List<Request> answeredWithoutTheBody() {
        return List.of(
                new Request("unknown model", "POST /api/v1/models/nosuch/neighbors HTTP/1.1\r\n"
                        + "Content-Type: application/json", "{\"words\":[\"king\"]}", 404),
                new Request("wrong media type", "POST " + ROYALS + "/embed HTTP/1.1\r\nContent-Type: text/plain",
                        "king", 415),
                new Request("a body on a GET", "GET /api/v1/health HTTP/1.1\r\nContent-Type: application/json",
                        "{\"x\":1}", 200),
                new Request("a body on a GET of a large answer", "GET /api/v1/openapi.json HTTP/1.1\r\n"
                        + "Content-Type: application/json", "{\"x\":1}", 200),
                new Request("a body on a GET of the page", "GET /index.html HTTP/1.1\r\nContent-Type: text/plain",
                        "x", 200),
                new Request("unknown model, large answer", "POST /api/v1/models/" + "m".repeat(8_000)
                        + "/neighbors HTTP/1.1\r\nContent-Type: application/json", "{\"words\":[\"king\"]}", 404));
    }

    private static final Request NO_TOKEN = new Request("no token", "POST " + ROYALS + "/neighbors HTTP/1.1\r\n"
            + "Content-Type: application/json", "{\"words\":[\"king\"]}", 401);

    @Test
    void anAnswerGivenBeforeTheBodyArrivedSaysConnectionCloseAndTheServerCloses() throws IOException {
        for (Request request : answeredWithoutTheBody()) {
            assertAnsweredBeforeTheBody(open, request);
        }
        assertAnsweredBeforeTheBody(guarded, NO_TOKEN);
    }

    private static void assertAnsweredBeforeTheBody(TestServer server, Request request) throws IOException {
        try (Socket socket = connect(server)) {
            write(socket, request.withLength()); // the body is announced but not sent yet
            Answer answer = read(socket.getInputStream());
            assertThat(answer.status()).as(request.label()).isEqualTo(request.status());
            assertThat(answer.saysClose()).as(request.label() + ": Connection: close in " + answer.headers()).isTrue();
            assertThat(socket.getInputStream().read()).as(request.label() + ": closed as announced").isEqualTo(-1);
        }
    }

    @Test
    void aBadRequestWhoseBodyHasArrivedKeepsItsConnection() throws IOException {
        List<Request> requests = new ArrayList<>(answeredWithoutTheBody());
        requests.add(new Request("malformed JSON", "POST " + ROYALS + "/embed HTTP/1.1\r\n"
                + "Content-Type: application/json", "{\"ids\":[1,", 400));
        requests.add(new Request("unknown token", "POST " + ROYALS + "/neighbors HTTP/1.1\r\n"
                + "Content-Type: application/json", "{\"words\":[\"zzqx\"]}", 400));
        requests.add(new Request("body over the limit", "POST " + ROYALS + "/embed HTTP/1.1\r\n"
                + "Content-Type: application/json", "{\"text\":\"" + "x".repeat(Limits.DEFAULT.maxBodyBytes()) + "\"}",
                413));
        for (Request request : requests) {
            assertKeptAfter(open, request);
        }
        assertKeptAfter(guarded, NO_TOKEN);
    }

    private static void assertKeptAfter(TestServer server, Request request) throws IOException {
        try (Socket socket = connect(server)) {
            write(socket, request.withLength() + request.body());
            Answer answer = read(socket.getInputStream());
            assertThat(answer.status()).as(request.label()).isEqualTo(request.status());
            assertThat(answer.saysClose()).as(request.label() + ": Connection: close in " + answer.headers()).isFalse();
            write(socket, healthRequest(server));
            assertThat(read(socket.getInputStream()).status()).as(request.label() + ": the next request").isEqualTo(200);
        }
    }

    @Test
    void jettysOwnRefusalsSayConnectionCloseAndTheServerCloses() throws IOException {
        Map<String, Integer> refused = Map.of(
                "GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Junk: " + "j".repeat(10_000) + "\r\n\r\n", 431,
                "POST " + ROYALS + "/embed HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}",
                400);
        for (Map.Entry<String, Integer> request : refused.entrySet()) {
            try (Socket socket = connect(open)) {
                write(socket, request.getKey());
                Answer answer = read(socket.getInputStream());
                assertThat(answer.status()).isEqualTo(request.getValue());
                assertThat(answer.saysClose()).as("Connection: close in " + answer.headers()).isTrue();
                assertThat(socket.getInputStream().read()).isEqualTo(-1);
            }
        }
    }

    private static String healthRequest(TestServer server) {
        return "GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + (server == guarded ? "Authorization: Bearer " + TOKEN + "\r\n" : "") + "\r\n";
    }

    private static Socket connect(TestServer server) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", server.server.port()), 5_000);
        socket.setSoTimeout(20_000); // a hang fails the test instead of stalling the build
        return socket;
    }

    private static void write(Socket socket, String text) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** One answer: the head up to the blank line, then its body (Content-Length bytes, chunks, or up to the close). */
    private static Answer read(InputStream in) throws IOException {
        String statusLine = line(in, "the server closed the connection before answering");
        Map<String, String> headers = new TreeMap<>();
        for (String header = line(in, statusLine); !header.isEmpty(); header = line(in, statusLine)) {
            int colon = header.indexOf(':');
            headers.merge(header.substring(0, colon).strip().toLowerCase(Locale.ROOT), header.substring(colon + 1)
                    .strip(), (a, b) -> a + ", " + b);
        }
        if (headers.containsKey("content-length")) {
            in.skipNBytes(Long.parseLong(headers.get("content-length")));
        } else if ("chunked".equals(headers.get("transfer-encoding"))) {
            for (long size; (size = Long.parseLong(line(in, "a chunk size"), 16)) > 0; line(in, "a chunk's end")) {
                in.skipNBytes(size);
            }
            for (String trailer = line(in, "the trailers"); !trailer.isEmpty(); trailer = line(in, "the trailers")) {
                // none of these answers has trailers; skipped if one had
            }
        } else {
            assertThat(headers.get("connection")).as("a body without a length or chunks ends with the connection: "
                    + headers).isEqualTo("close");
            in.transferTo(OutputStream.nullOutputStream());
        }
        return new Answer(Integer.parseInt(statusLine.substring(9, 12)), headers);
    }

    /** A line ending with CRLF, without it; the end of the stream first fails with {@code what}. */
    private static String line(InputStream in, String what) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (!line.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n")) {
            int b = in.read();
            assertThat(b).as(what + ": " + line.toString(StandardCharsets.ISO_8859_1)).isNotEqualTo(-1);
            line.write(b);
        }
        String text = line.toString(StandardCharsets.ISO_8859_1);
        return text.substring(0, text.length() - 2);
    }
}
