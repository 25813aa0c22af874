package dev.embedkit.server.problem;

import dev.embedkit.EmbedkitException;
import dev.embedkit.UnknownTokenException;

import java.util.function.Supplier;

/** A request cannot be answered; carries what the problem response says. Thrown by handlers, answered by {@link ProblemResponses}. */
public final class ProblemException extends RuntimeException {
    private final ProblemType type;
    private final String field;

    public ProblemException(ProblemType type, String detail, String field) {
        super(detail, null, false, false); // no stack trace: this is an answer, not a bug
        this.type = type;
        this.field = field;
    }

    public static ProblemException invalidField(String field, String detail) {
        return new ProblemException(ProblemType.INVALID_FIELD, field + ": " + detail, field);
    }

    public ProblemType type() {
        return type;
    }

    /** The request field at fault, or null. */
    public String field() {
        return field;
    }

    /**
     * Runs {@code work} and reports embedkit's own refusals (an unknown token, an ID out of range, a zero vector)
     * as problems about {@code field}, so every 4xx names what the client sent that was wrong.
     */
    public static <T> T about(String field, Supplier<T> work) {
        try {
            return work.get();
        } catch (UnknownTokenException e) {
            throw new ProblemException(ProblemType.UNKNOWN_TOKEN, field + ": " + e.getMessage(), field);
        } catch (EmbedkitException e) {
            throw invalidField(field, e.getMessage());
        }
    }
}
