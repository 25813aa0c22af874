package dev.embedkit;

/**
 * The one exception family of embedkit: every failure a user can cause (a bad file, an unknown token,
 * an out-of-range ID, a wrong shape) ends here, with a message that names what was wrong and where.
 * The CLI prints the message and exits non-zero; the server turns it into a 4xx problem.
 */
public class EmbedkitException extends RuntimeException {
    public EmbedkitException(String message) {
        super(message);
    }

    public EmbedkitException(String message, Throwable cause) {
        super(message, cause);
    }
}
