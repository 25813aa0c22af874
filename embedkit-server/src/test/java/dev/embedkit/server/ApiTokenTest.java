package dev.embedkit.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.embedkit.BadInputException;
import dev.embedkit.server.auth.BearerToken;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * serve --token: every route answers 401 (problem+json, WWW-Authenticate: Bearer) without the token or with a
 * wrong one, and as usual with it; the explorer page's own files stay public so the page can ask for the token.
 */
class ApiTokenTest {
    private static final String TOKEN = "correct horse battery staple";

    @TempDir
    static Path dir;
    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        Path log = dir.resolve("train.log");
        Files.writeString(log, "{\"step\":1,\"loss\":0.9}\n");
        server = new TestServer(dir, Limits.DEFAULT, log, null, new BearerToken(TOKEN));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** The response with its body unread: the caller closes it (the training log would stream forever). */
    private static HttpResponse<InputStream> send(EveryRoute.Call call, String authorization) throws Exception {
        HttpRequest.Builder request = call.request(server.uri("/"));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return server.client().send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    }

    private static void assertRefused(EveryRoute.Call call, String authorization, String detail) throws Exception {
        HttpResponse<InputStream> response = send(call, authorization);
        try (InputStream body = response.body()) {
            assertThat(response.statusCode()).as(call.label()).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate")).as(call.label())
                    .hasValueSatisfying(value -> assertThat(value).startsWith("Bearer"));
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    value -> assertThat(value).startsWith("application/problem+json"));
            JsonNode problem = new ObjectMapper().readTree(body);
            assertThat(problem.get("type").asText()).isEqualTo("tag:embedkit.dev,2026:problem:unauthorized");
            assertThat(problem.get("status").intValue()).isEqualTo(401);
            assertThat(problem.get("detail").asText()).contains(detail).doesNotContain(TOKEN);
        }
    }

    @Test
    void everyRouteRefusesAMissingOrWrongTokenAndAnswersWithIt() throws Exception {
        assertThat(EveryRoute.missing(server.server.routes())).isEmpty();
        for (EveryRoute.Call call : EveryRoute.VALID) {
            assertRefused(call, null, "Authorization: Bearer TOKEN");
            assertRefused(call, "Bearer correct horse battery", "not this server's API token");
            assertRefused(call, "Bearer " + TOKEN + "x", "not this server's API token");
            assertRefused(call, "Basic " + TOKEN, "Bearer scheme");
            assertRefused(call, TOKEN, "Bearer scheme");
            HttpResponse<InputStream> allowed = send(call, "Bearer " + TOKEN);
            allowed.body().close();
            assertThat(allowed.statusCode()).as(call.label()).isEqualTo(200);
        }
        // the scheme name is case-insensitive (RFC 9110 §11.1)
        assertThat(send(EveryRoute.VALID.getFirst(), "bearer " + TOKEN).statusCode()).isEqualTo(200);
    }

    @Test
    void unknownPathsAndMethodsNeedTheTokenTooButThePagesOwnFilesDoNot() throws Exception {
        assertRefused(EveryRoute.get("unknown", "/api/v1/nothing"), null, "API token");
        assertRefused(EveryRoute.get("outside", "/etc/passwd"), null, "API token");
        assertRefused(EveryRoute.post("page by POST", "/", "{}"), null, "API token");
        assertRefused(EveryRoute.get("wrong method", "/api/v1/models/royals/neighbors"), null, "API token");
        for (String path : new String[] {"/", "/index.html", "/style.css", "/js/main.js", "/js/api.js"}) {
            TestServer.Response page = server.get(path);
            assertThat(page.status()).as(path).isEqualTo(200);
        }
        assertThat(server.get("/").text()).contains("embedkit explorer");
        assertThat(server.get("/js/api.js").text()).contains("Authorization: `Bearer ${token}`", "#token=");
    }

    @Test
    void aBlankTokenIsRefused() {
        assertThatThrownBy(() -> new BearerToken(" ")).isInstanceOf(BadInputException.class)
                .hasMessageContaining("the API token is empty");
        assertThatThrownBy(() -> new BearerToken(null)).isInstanceOf(BadInputException.class);
    }

    @Test
    void withoutATokenNothingChanges(@TempDir Path other) {
        try (TestServer open = new TestServer(other)) {
            for (EveryRoute.Call call : EveryRoute.VALID.subList(0, EveryRoute.VALID.size() - 1)) { // no log watched
                TestServer.Response response = open.send(call.request(open.uri("/")).build());
                assertThat(response.status()).as(call.label() + ": " + response.text()).isEqualTo(200);
            }
        }
    }
}
