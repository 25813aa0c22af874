package dev.embedkit.server.problem;

/**
 * The kinds of failure the API reports, each an RFC 9457 problem type with a fixed title and HTTP status.
 * The type URIs are tag URIs: stable identifiers a client can switch on, not pages to fetch.
 */
public enum ProblemType {
    INVALID_FIELD("invalid-field", "A request field is invalid", 400),
    MALFORMED_JSON("malformed-json", "The request body is not valid JSON", 400),
    UNKNOWN_TOKEN("unknown-token", "A token is not in the model's vocabulary", 400),
    NOT_A_NEXT_TOKEN_MODEL("not-a-next-token-model", "The model cannot predict next tokens", 400),
    UNAUTHORIZED("unauthorized", "A valid API token is required", 401),
    UNKNOWN_MODEL("unknown-model", "No model of that name is served", 404),
    NOT_FOUND("not-found", "No such resource", 404),
    NO_TRAINING_LOG("no-training-log", "This server is not watching a training log", 404),
    METHOD_NOT_ALLOWED("method-not-allowed", "Method not allowed on this resource", 405),
    NOT_ACCEPTABLE("not-acceptable", "The resource cannot answer in the accepted media types", 406),
    INCOMPLETE_BODY("incomplete-body", "The request body did not arrive in full", 408),
    BODY_TOO_LARGE("body-too-large", "The request body is too large", 413),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", "The request body must be JSON", 415),
    TOO_MANY_STREAMS("too-many-streams", "Too many open event streams", 503),
    INTERNAL("internal-error", "Internal server error", 500);

    private static final String PREFIX = "tag:embedkit.dev,2026:problem:";

    private final String slug;
    private final String title;
    private final int status;

    ProblemType(String slug, String title, int status) {
        this.slug = slug;
        this.title = title;
        this.status = status;
    }

    public String uri() {
        return PREFIX + slug;
    }

    public String title() {
        return title;
    }

    public int status() {
        return status;
    }
}
