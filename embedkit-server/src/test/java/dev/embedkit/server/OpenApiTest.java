package dev.embedkit.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * openapi.json documents exactly the routes Javalin has registered, none missing and none extra, and declares the API
 * token ({@code serve --token}) as a bearer scheme required everywhere, with the 401 every operation can answer.
 */
class OpenApiTest {

    /** openapi.json as the server's jar holds it. */
    private static JsonNode bundled() throws IOException {
        return new ObjectMapper().readTree(OpenApiTest.class.getResourceAsStream("/dev/embedkit/server/api/openapi.json"));
    }

    @Test
    void everyRegisteredRouteIsDocumentedAndViceVersa(@TempDir Path dir) throws Exception {
        try (TestServer server = new TestServer(dir)) {
            JsonNode openapi = new ObjectMapper().readTree(server.get("/api/v1/openapi.json").text());
            Set<String> documented = new TreeSet<>();
            for (Iterator<String> paths = openapi.get("paths").fieldNames(); paths.hasNext(); ) {
                String path = paths.next();
                for (Iterator<String> methods = openapi.get("paths").get(path).fieldNames(); methods.hasNext(); ) {
                    documented.add(methods.next().toUpperCase(Locale.ROOT) + " " + path);
                }
            }
            Set<String> registered = new TreeSet<>(server.server.registeredRoutes());
            assertThat(registered).hasSize(server.server.routes().size());
            assertThat(documented).isEqualTo(registered);
        }
    }

    @Test
    void everyOperationDocumentsItsResponsesAndEveryReferenceResolves() throws Exception {
        JsonNode openapi = bundled();
        openapi.get("paths").forEach(path -> path.forEach(operation -> {
            assertThat(operation.get("summary").asText()).isNotBlank();
            assertThat(operation.get("responses").has("200")).isTrue();
        }));
        openapi.findValues("$ref").forEach(ref -> {
            String[] parts = ref.asText().substring(2).split("/");
            JsonNode target = openapi;
            for (String part : parts) {
                target = target.get(part);
                assertThat(target).as(ref.asText()).isNotNull();
            }
        });
    }

    @Test
    void theApiTokenIsABearerSchemeRequiredByEveryOperationAndEnforcedOnlyWithToken() throws Exception {
        JsonNode openapi = bundled();
        JsonNode scheme = openapi.at("/components/securitySchemes/bearerToken");
        assertThat(scheme.get("type").asText()).isEqualTo("http");
        assertThat(scheme.get("scheme").asText()).isEqualTo("bearer");
        assertThat(scheme.get("description").asText()).contains("only when the server runs with --token", "EMBEDKIT_TOKEN");
        assertThat(openapi.get("security").toString()).isEqualTo("[{\"bearerToken\":[]}]");
        openapi.get("paths").forEach(path -> path.forEach(operation -> {
            assertThat(operation.has("security")).as("no operation overrides the global requirement").isFalse();
            assertThat(operation.at("/responses/401/$ref").asText()).isEqualTo("#/components/responses/Unauthorized");
        }));
        assertThat(openapi.at("/components/responses/Unauthorized/headers").has("WWW-Authenticate")).isTrue();
    }
}
