package dev.embedkit.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The explorer page at {@code /}: served with every script and stylesheet it references, and self-contained. */
class ExplorerPageTest {
    private static final Path PUBLIC = Path.of("src/main/resources/public");
    private static final Pattern HTML_REF = Pattern.compile("(?:src|href)=\"([^\"#]+)\"");
    private static final Pattern JS_IMPORT = Pattern.compile("(?:import|export)\\s[^;]*?from\\s+'([^']+)'");
    private static final Pattern CSS_URL = Pattern.compile("url\\(\\s*['\"]?([^'\")]+)");

    @Test
    void servesThePageAndEveryFileItReferences(@TempDir Path dir) {
        try (TestServer server = new TestServer(dir)) {
            TestServer.Response page = server.get("/");
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.contentType()).startsWith("text/html");
            assertThat(page.text()).contains("embedkit explorer").contains("<script type=\"module\" src=\"/js/main.js\">");

            Set<String> seen = new LinkedHashSet<>();
            Deque<String> todo = new ArrayDeque<>(references(HTML_REF, page.text(), "/"));
            while (!todo.isEmpty()) {
                String path = todo.pop();
                if (!seen.add(path)) {
                    continue;
                }
                TestServer.Response file = server.get(path);
                assertThat(file.status()).as(path).isEqualTo(200);
                if (path.endsWith(".js")) {
                    assertThat(file.contentType()).as(path).startsWith("text/javascript");
                    todo.addAll(references(JS_IMPORT, file.text(), path));
                } else if (path.endsWith(".css")) {
                    assertThat(file.contentType()).as(path).startsWith("text/css");
                    todo.addAll(references(CSS_URL, file.text(), path));
                } else if (path.endsWith(".json")) {
                    assertThat(file.contentType()).as(path).startsWith("application/json");
                }
            }
            assertThat(seen).contains("/style.css", "/js/main.js", "/js/api.js", "/js/draw.js", "/js/state.js",
                    "/js/pipeline.js", "/js/search.js", "/js/map.js", "/js/training.js", "/js/tour.js", "/api/v1/openapi.json");
            // every static file is reachable from the page (no dead files)
            assertThat(staticFiles().stream().map(f -> "/" + PUBLIC.relativize(f).toString().replace('\\', '/'))
                    .filter(p -> !p.equals("/index.html")).toList()).allMatch(seen::contains);
        }
    }

    @Test
    void theStaticFilesNameNoExternalUrl() throws IOException {
        List<Path> files = staticFiles();
        assertThat(files).isNotEmpty();
        for (Path file : files) {
            assertThat(Files.readString(file)).as(file.toString()).doesNotContainIgnoringCase("http://")
                    .doesNotContainIgnoringCase("https://").doesNotContain("//cdn").doesNotContain("src=\"//")
                    .doesNotContain("href=\"//");
        }
    }

    @Test
    void healthSaysWhetherATrainingLogStreams(@TempDir Path dir) throws IOException {
        try (TestServer without = new TestServer(dir)) {
            assertThat(without.get("/api/v1/health").json().get("training_log").asBoolean()).isFalse();
        }
        Path log = Files.writeString(dir.resolve("train.log"), "{\"step\":0,\"loss\":1.0}\n");
        try (TestServer with = new TestServer(dir.resolve("other"), Limits.DEFAULT, log)) {
            assertThat(with.get("/api/v1/health").json().get("training_log").asBoolean()).isTrue();
        }
    }

    /** The local paths a file at {@code base} references (relative ones resolved against it). */
    private static List<String> references(Pattern pattern, String text, String base) {
        List<String> paths = new java.util.ArrayList<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            String ref = m.group(1);
            if (ref.startsWith("data:")) {
                continue;   // inline (the empty favicon), nothing to fetch
            }
            assertThat(ref).as("reference in " + base).doesNotStartWith("//").doesNotContain("://");
            String dirOfBase = base.substring(0, base.lastIndexOf('/') + 1);
            String path = ref.startsWith("/") ? ref : dirOfBase + ref.replaceFirst("^\\./", "");
            paths.add(path);
        }
        return paths;
    }

    private static List<Path> staticFiles() {
        try (Stream<Path> walk = Files.walk(PUBLIC)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
