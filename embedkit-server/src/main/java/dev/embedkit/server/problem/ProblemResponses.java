package dev.embedkit.server.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.embedkit.BadInputException;
import dev.embedkit.EmbedkitException;
import dev.embedkit.UnknownTokenException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every failure into an {@code application/problem+json} answer: our own {@link ProblemException}s as they
 * are, embedkit's refusals as 400s, Javalin's own 404/405/413 as problems of the same shape, and anything else as a
 * 500 whose detail says nothing about the server's insides (the stack trace goes to the log only).
 */
public final class ProblemResponses {
    private static final Logger LOG = LoggerFactory.getLogger(ProblemResponses.class);

    private final ObjectMapper json;

    public ProblemResponses(ObjectMapper json) {
        this.json = json;
    }

    public void register(RoutesConfig routes) {
        routes.exception(ProblemException.class, (e, ctx) -> send(ctx, e.type(), e.getMessage(), e.field()));
        routes.exception(UnknownTokenException.class, (e, ctx) -> send(ctx, ProblemType.UNKNOWN_TOKEN, e.getMessage(), null));
        routes.exception(BadInputException.class, (e, ctx) -> send(ctx, ProblemType.INVALID_FIELD, e.getMessage(), null));
        routes.exception(EmbedkitException.class, (e, ctx) -> send(ctx, ProblemType.INVALID_FIELD, e.getMessage(), null));
        routes.exception(HttpResponseException.class, (e, ctx) -> send(ctx, javalinType(e.getStatus()),
                describe(e, ctx), null));
        routes.exception(Exception.class, (e, ctx) -> {
            LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
            send(ctx, ProblemType.INTERNAL, "the server failed to answer this request; the failure is in its log", null);
        });
    }

    public void send(Context ctx, ProblemType type, String detail, String field) {
        Problem problem = Problem.of(type, detail, ctx.path(), field);
        try {
            ctx.status(type.status()).contentType(Problem.MEDIA_TYPE).result(json.writeValueAsBytes(problem));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize a problem", e);
        }
    }

    private static ProblemType javalinType(int status) {
        return switch (status) {
            case 404 -> ProblemType.NOT_FOUND;
            case 405 -> ProblemType.METHOD_NOT_ALLOWED;
            case 406 -> ProblemType.NOT_ACCEPTABLE;
            case 413 -> ProblemType.BODY_TOO_LARGE;
            case 415 -> ProblemType.UNSUPPORTED_MEDIA_TYPE;
            case 500 -> ProblemType.INTERNAL;
            default -> status >= 500 ? ProblemType.INTERNAL : ProblemType.INVALID_FIELD;
        };
    }

    /** Javalin lists the methods the path does have; RFC 9110 wants them in an Allow header of the 405. */
    private static String allowed(HttpResponseException e, Context ctx) {
        String methods = e.getDetails().getOrDefault("availableMethods", "");
        ctx.header("Allow", methods);
        return methods;
    }

    private static String describe(HttpResponseException e, Context ctx) {
        return switch (e.getStatus()) {
            case 404 -> "no resource at " + ctx.path() + " (the API is under /api/v1; see /api/v1/openapi.json)";
            case 405 -> ctx.method() + " is not allowed on " + ctx.path() + "; allowed: " + allowed(e, ctx);
            default -> e.getMessage();
        };
    }
}
