package dev.embedkit.cli;

import dev.embedkit.BadInputException;
import dev.embedkit.embed.WordVectors;
import dev.embedkit.io.ModelDirectory;
import dev.embedkit.io.VectorFormat;
import dev.embedkit.server.EmbeddingServer;
import dev.embedkit.server.Limits;
import dev.embedkit.server.ServedModel;
import dev.embedkit.server.auth.BearerToken;
import dev.embedkit.story.TieExperiment;
import dev.embedkit.train.nexttoken.NextTokenModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * {@code embedkit serve MODEL… [--port P] [--host H] [--token TOKEN] [--watch-log LOG]}: the HTTP JSON API over the
 * given models, each opened read-only as every other command opens a MODEL, until Ctrl-C.
 */
@Command(name = "serve", description = {
        "Serve models over HTTP: a JSON API under /api/v1 (described at /api/v1/openapi.json).",
        "MODEL is a model directory or any vector file, named by its file name without extension,",
        "or name=PATH to choose the name. --watch-log streams a (growing) training log as",
        "Server-Sent Events at /api/v1/training/log. --token (or EMBEDKIT_TOKEN) requires",
        "'Authorization: Bearer TOKEN' on every request but the explorer page's own files. Stop with Ctrl-C."})
final class ServeCommand extends BaseCommand {

    @Parameters(arity = "0..*", paramLabel = "MODEL", description = "PATH or name=PATH.")
    List<String> models = new ArrayList<>();

    @Option(names = "--port", defaultValue = "8080",
            description = "TCP port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1",
            description = "Address to listen on; 0.0.0.0 for every interface (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--token", paramLabel = "TOKEN", defaultValue = "${env:EMBEDKIT_TOKEN}",
            description = "Require 'Authorization: Bearer TOKEN' (default: the environment variable EMBEDKIT_TOKEN;"
                    + " none: no token). Set one whenever --host is not a loopback address.")
    String token;

    @Option(names = "--watch-log", paramLabel = "LOG", description = "A training log (train --log) to stream.")
    Path watchLog;

    @Option(names = "--tour-corpus", paramLabel = "FILE|bundled",
            description = "Corpus for the guided tour's tie-two-tokens experiment (step 7); without it the step leaves"
                    + " the experiment out.")
    String tourCorpus;

    @Mixin
    TokenizerOptions tokenizerOptions;

    @Override
    protected void run() {
        if (models.isEmpty() && watchLog == null) {
            throw new BadInputException("give at least one MODEL to serve, or --watch-log LOG");
        }
        BearerToken auth = token == null ? null : new BearerToken(token);
        List<ServedModel> served = new ArrayList<>();
        for (String spec : models) {
            served.add(open(spec, tokenizerOptions));
        }
        TieExperiment tie = tourCorpus == null ? null : TourCorpus.open(tourCorpus);
        if (auth == null && !isLoopback(host)) {
            spec.commandLine().getErr().printf("warning: serving on %s, which is not a loopback address, without an API"
                    + " token: anyone who can reach it can use the API. Set --token TOKEN (or EMBEDKIT_TOKEN).%n", host);
            spec.commandLine().getErr().flush();
        }
        try (EmbeddingServer server = new EmbeddingServer(host, port, Limits.DEFAULT, served, watchLog, tie)
                .requireToken(auth).start()) {
            out().printf("serving %d model%s at %s/api/v1 (models: %s)%s%n", served.size(), served.size() == 1 ? "" : "s",
                    server.url(), served.stream().map(ServedModel::name).toList(),
                    watchLog != null ? "; training log at " + server.url() + "/api/v1/training/log" : "");
            if (auth != null) {
                out().println("API token required (Authorization: Bearer TOKEN); explorer page: " + server.url()
                        + "/#token=TOKEN");
            }
            out().flush();
            awaitShutdown();
        }
    }

    /** True for 127.0.0.0/8, ::1 and names that resolve to them (localhost); false for 0.0.0.0 and the rest. */
    static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false; // start() then fails naming the host
        }
    }

    /** Blocks until Ctrl-C (the JVM's shutdown) or, for in-process callers, until this thread is interrupted. */
    private static void awaitShutdown() {
        CountDownLatch stop = new CountDownLatch(1);
        Thread hook = new Thread(stop::countDown, "embedkit-serve-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            stop.await();
        } catch (InterruptedException e) {
            Runtime.getRuntime().removeShutdownHook(hook);
        }
    }

    /**
     * {@code PATH} or {@code name=PATH}, opened as every command opens a MODEL; a next-token model can also predict,
     * and a subword model (fastText .bin, train --subwords) gives unknown words their n-gram vectors.
     */
    static ServedModel open(String spec, TokenizerOptions options) {
        int equals = spec.indexOf('=');
        boolean named = equals > 0 && !Files.exists(Path.of(spec));
        Path path = Path.of(named ? spec.substring(equals + 1) : spec);
        String name = ServedModel.checkName(named ? spec.substring(0, equals)
                : ServedModel.defaultName(path.toAbsolutePath().normalize().getFileName().toString()));
        LoadedModel loaded = LoadedModel.open(path, options);
        NextTokenModel next = VectorFormat.MODEL_DIR.cliName().equals(loaded.format())
                && NextTokenModel.isNextTokenModel(ModelDirectory.open(path).config()) ? NextTokenModel.load(path) : null;
        // A model over a subword tokenizer's tokens answers token by token, as its tokens are what the API's IDs
        // and answers name; words composed from tokens (LoadedModel.asTokens, readable) stay the CLI's.
        WordVectors words = loaded.subwordTokenizer().isPresent() ? WordVectors.of(loaded.table()) : loaded.words();
        return new ServedModel(name, loaded.format(), words, loaded.tokenizer(), next, loaded::unembedding);
    }
}
