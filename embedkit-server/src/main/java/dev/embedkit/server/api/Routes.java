package dev.embedkit.server.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.embedkit.server.Limits;
import dev.embedkit.server.ServedModel;
import dev.embedkit.server.problem.ProblemException;
import dev.embedkit.server.problem.ProblemType;
import dev.embedkit.story.TieExperiment;
import io.javalin.http.Handler;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.POST;

/** The one route table of the API; {@code openapi.json} beside this class documents each route (a test keeps them equal). */
public final class Routes {
    public static final String BASE = "/api/v1";
    public static final String OPENAPI = BASE + "/openapi.json";
    public static final String TRAINING_LOG = BASE + "/training/log";

    private Routes() {
    }

    /**
     * @param trainingLog the handler of the training-log stream, or null when no log is watched (the route then
     *                    answers 404 with a problem saying so)
     * @param tieExperiment the tour's tie-two-tokens run (serve --tour-corpus), or null to leave it out
     */
    public static List<Route> all(Map<String, ServedModel> models, Limits limits, ObjectMapper json, Handler trainingLog,
                                  TieExperiment tieExperiment) {
        ApiContext api = new ApiContext(Map.copyOf(models), limits, json);
        ModelsApi info = new ModelsApi(api, trainingLog != null);
        TextApi text = new TextApi(api);
        SearchApi search = new SearchApi(api);
        OutputApi output = new OutputApi(api);
        MatrixApi matrix = new MatrixApi(api);
        TourApi tour = new TourApi(api, tieExperiment);
        byte[] openapi = openapi();
        String model = BASE + "/models/{model}";
        return List.of(
                new Route(GET, BASE + "/health", info::health),
                new Route(GET, OPENAPI, ctx -> ctx.contentType("application/json").result(openapi)),
                new Route(GET, BASE + "/models", info::list),
                new Route(GET, model, info::info),
                new Route(POST, model + "/tokenize", text::tokenize),
                new Route(POST, model + "/embed", text::embed),
                new Route(POST, model + "/neighbors", search::neighbors),
                new Route(POST, model + "/analogy", search::analogy),
                new Route(POST, model + "/unembed", output::unembed),
                new Route(POST, model + "/predict", output::predict),
                new Route(GET, model + "/vocab", matrix::vocab),
                new Route(GET, model + "/rows", matrix::rows),
                new Route(GET, model + "/projection", matrix::projection),
                new Route(GET, model + "/tour", tour::step),
                new Route(GET, TRAINING_LOG, trainingLog != null ? trainingLog : ctx -> {
                    throw new ProblemException(ProblemType.NO_TRAINING_LOG,
                            "start the server with serve --watch-log LOG (or train --serve) to stream a training log", null);
                }));
    }

    private static byte[] openapi() {
        try (InputStream in = Routes.class.getResourceAsStream("openapi.json")) {
            if (in == null) {
                throw new IllegalStateException("openapi.json is missing from the server's resources");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
