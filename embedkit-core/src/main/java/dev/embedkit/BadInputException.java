package dev.embedkit;

/** An argument a caller passed is invalid: an ID out of range, a wrong dimension, a non-finite value, a bad k. */
public class BadInputException extends EmbedkitException {
    public BadInputException(String message) {
        super(message);
    }
}
