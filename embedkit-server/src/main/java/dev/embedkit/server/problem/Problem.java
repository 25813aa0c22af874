package dev.embedkit.server.problem;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 9457 problem detail, sent as {@code application/problem+json}. {@code field} is an extension member:
 * the request field (or query parameter) that was wrong, when there is one.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance, String field) {
    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem of(ProblemType type, String detail, String instance, String field) {
        return new Problem(type.uri(), type.title(), type.status(), detail, instance, field);
    }
}
