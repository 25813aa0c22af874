package dev.embedkit.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.embedkit.embed.EmbeddingTable;
import dev.embedkit.io.EmbeddingFiles;
import dev.embedkit.io.ModelConfig;
import dev.embedkit.io.ModelDirectory;
import dev.embedkit.server.auth.BearerToken;
import dev.embedkit.story.TieExperiment;
import dev.embedkit.tensor.HeapMatrix;
import dev.embedkit.tokenize.WordSplitter;
import dev.embedkit.tokenize.WordTokenizer;
import dev.embedkit.train.nexttoken.NextTokenModel;
import dev.embedkit.vocab.UnknownTokenPolicy;
import dev.embedkit.vocab.Vocabulary;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An in-process server on a free port with three small models, and an HTTP client for it:
 * "royals" (examples/royals.vec, 6×3, refuses unknown words), "unk" (the same rows plus {@code <unk>}, mapping
 * unknown words to it) and "next" (a hand-made next-token model: V=3 a, b, &lt;bos&gt;, d=2, k=1, bias (1, 0, 0)).
 */
final class TestServer implements AutoCloseable {
    static final WordSplitter WHITESPACE = new WordSplitter(WordSplitter.Mode.WHITESPACE, false);
    private static final ObjectMapper JSON = new ObjectMapper();

    final EmbeddingServer server;
    private final HttpClient client = HttpClient.newHttpClient();

    record Response(int status, String contentType, String text) {
        JsonNode json() {
            try {
                return JSON.readTree(text);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + text, e);
            }
        }
    }

    TestServer(Path tempDir, Limits limits, Path trainingLog) {
        this(tempDir, limits, trainingLog, null);
    }

    /** @param tieExperiment the guided tour's tie-two-tokens run, as serve --tour-corpus gives it, or null */
    TestServer(Path tempDir, Limits limits, Path trainingLog, TieExperiment tieExperiment) {
        this(tempDir, limits, trainingLog, tieExperiment, null);
    }

    /** @param token the API token every request must carry (serve --token), or null for none */
    TestServer(Path tempDir, Limits limits, Path trainingLog, TieExperiment tieExperiment, BearerToken token) {
        this.server = new EmbeddingServer("127.0.0.1", 0, limits, models(tempDir), trainingLog, tieExperiment)
                .requireToken(token).start();
    }

    TestServer(Path tempDir) {
        this(tempDir, Limits.DEFAULT, null);
    }

    /** A server of just {@code models}, without a training log or the tour's experiment. */
    TestServer(List<ServedModel> models) {
        this.server = new EmbeddingServer("127.0.0.1", 0, Limits.DEFAULT, models, null).start();
    }

    static List<ServedModel> models(Path tempDir) {
        EmbeddingTable royals = EmbeddingFiles.load(Path.of("../examples/royals.vec"));
        Vocabulary withUnk = Vocabulary.of(List.of("king", "queen", "<unk>"), new long[] {5, 3, 0}, Set.of("<unk>"),
                "<unk>", UnknownTokenPolicy.MAP_TO_UNK);
        EmbeddingTable unk = new EmbeddingTable(withUnk, HeapMatrix.of(new float[][] {{1, 1, 0}, {1, -1, 0}, {0, 0, 1}}));
        NextTokenModel next = nextTokenModel(tempDir.resolve("next"));
        return List.of(
                new ServedModel("royals", "word2vec-text", royals, new WordTokenizer(WHITESPACE, royals.vocabulary()), null),
                new ServedModel("unk", "test", unk, new WordTokenizer(WHITESPACE, withUnk), null),
                new ServedModel("next", "model", next.table(), next.tokenizer(), next));
    }

    /** Written as a model directory and loaded back, as {@code embedkit serve} loads one. */
    static NextTokenModel nextTokenModel(Path dir) {
        try {
            Files.createDirectories(dir.getParent());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        Vocabulary vocabulary = Vocabulary.of(List.of("a", "b", "<bos>"), new long[3], Set.of("<bos>"), null,
                UnknownTokenPolicy.ERROR);
        EmbeddingTable table = new EmbeddingTable(vocabulary, HeapMatrix.of(new float[][] {{1, 0}, {0, 1}, {0, 0}}));
        ModelConfig config = ModelConfig.forTable(table, WHITESPACE).withExtra(Map.of("model", "next-token",
                "context", 1, "combine", "mean", "positional_weights", List.of(1.0), "bos_token", "<bos>"));
        ModelDirectory.save(table, config, dir, Map.of(NextTokenModel.BIAS_TENSOR, HeapMatrix.of(new float[][] {{1, 0, 0}})));
        return NextTokenModel.load(dir);
    }

    Response get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET().build());
    }

    Response post(String path, String json) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    Response send(HttpRequest request) {
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    URI uri(String path) {
        return URI.create(server.url() + path);
    }

    HttpClient client() {
        return client;
    }

    @Override
    public void close() {
        server.close();
    }
}
