package dev.embedkit.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.embedkit.BadInputException;
import dev.embedkit.EmbedkitException;
import dev.embedkit.story.TieExperiment;
import dev.embedkit.server.api.Json;
import dev.embedkit.server.api.Route;
import dev.embedkit.server.api.Routes;
import dev.embedkit.server.auth.BearerToken;
import dev.embedkit.server.keepalive.SerialReadConnections;
import dev.embedkit.server.keepalive.UnreadBody;
import dev.embedkit.server.logstream.TrainingLogStream;
import dev.embedkit.server.problem.ProblemResponses;
import io.javalin.Javalin;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The HTTP server: the JSON API under {@value Routes#BASE} for the given models, optionally a training log as
 * Server-Sent Events, and static files from the classpath folder {@code /public} (never from the file system).
 * Dependencies come in through the constructor; {@link #start} binds (port 0 picks a free port), {@link #close} stops.
 */
public final class EmbeddingServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddingServer.class);

    private final String host;
    private final int requestedPort;
    private final List<Route> routes;
    private final TrainingLogStream logStream; // null without a watched log
    private final Javalin app;
    private volatile BearerToken token; // null: no token required

    /**
     * @param models     served under their names, which must be distinct
     * @param trainingLog a training log to stream, or null
     */
    public EmbeddingServer(String host, int port, Limits limits, List<ServedModel> models, Path trainingLog) {
        this(host, port, limits, models, trainingLog, null);
    }

    /** @param tieExperiment the guided tour's tie-two-tokens run on a corpus, or null to leave it out */
    public EmbeddingServer(String host, int port, Limits limits, List<ServedModel> models, Path trainingLog,
                           TieExperiment tieExperiment) {
        if (port < 0 || port > 65_535) {
            throw new BadInputException("port must be 0..65535 (0 picks a free one), got " + port);
        }
        Map<String, ServedModel> byName = new LinkedHashMap<>();
        for (ServedModel model : models) {
            if (byName.putIfAbsent(model.name(), model) != null) {
                throw new BadInputException("two models are named '" + model.name() + "'; name them with name=PATH");
            }
        }
        this.host = host;
        this.requestedPort = port;
        this.logStream = trainingLog != null ? new TrainingLogStream(trainingLog, limits.maxEventStreams()) : null;
        ObjectMapper json = Json.mapper();
        this.routes = Routes.all(byName, limits, json, logStream, tieExperiment);
        ProblemResponses problems = new ProblemResponses(json);
        this.app = Javalin.create(config -> {
            config.jsonMapper(new JavalinJackson(json, false));
            config.http.maxRequestSize = limits.maxBodyBytes();
            config.http.prefer405over404 = true;
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.jetty.addConnector((server, http) -> { // Javalin's own connector, with one reader per connection
                ServerConnector connector = new ServerConnector(server, new SerialReadConnections(http));
                connector.setHost(host);
                connector.setPort(port);
                return connector;
            });
            config.staticFiles.add("/public", Location.CLASSPATH);
            config.routes.before(ctx -> {
                BearerToken required = token;
                if (required != null) {
                    required.handle(ctx);
                }
            });
            for (Route route : routes) {
                config.routes.addHttpHandler(route.method(), route.path(), route.handler());
            }
            problems.register(config.routes);
            config.routes.after(new UnreadBody());
        });
    }

    /**
     * Requires {@code Authorization: Bearer TOKEN} on every request but the explorer page's static files (see
     * {@link BearerToken}); call before {@link #start}. A null token leaves the server open, as without this call.
     */
    public EmbeddingServer requireToken(BearerToken token) {
        this.token = token;
        return this;
    }

    /** Binds and starts serving; a port that cannot be bound (in use, not permitted) is an error naming it. */
    public EmbeddingServer start() {
        try {
            app.start(); // on the connector above
        } catch (RuntimeException e) {
            close();
            throw new EmbedkitException("cannot serve on " + host + ":" + requestedPort + ": " + e.getMessage(), e);
        }
        LOG.debug("serving on {}", url());
        return this;
    }

    /** The port bound (the free one chosen when 0 was asked for). */
    public int port() {
        return app.port();
    }

    /** e.g. http://127.0.0.1:8080 */
    public String url() {
        String shown = host.contains(":") ? "[" + host + "]" : host;
        return "http://" + shown + ":" + port();
    }

    /** The route table the server registered (method, path, handler). */
    public List<Route> routes() {
        return routes;
    }

    /** What Javalin itself has registered, as "METHOD path": the test that keeps openapi.json honest reads this. */
    public List<String> registeredRoutes() {
        return app.unsafe.internalRouter.allHttpHandlers().stream()
                .filter(parsed -> parsed.endpoint.method.isHttpMethod()) // not the token's before-handler
                .map(parsed -> parsed.endpoint.method + " " + parsed.endpoint.path)
                .toList();
    }

    @Override
    public void close() {
        if (logStream != null) {
            logStream.close();
        }
        app.stop();
    }
}
