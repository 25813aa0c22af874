package dev.embedkit;

/** A token is not in the vocabulary and the vocabulary's policy is to refuse it rather than map it to {@code <unk>}. */
public class UnknownTokenException extends EmbedkitException {
    private final String token;

    public UnknownTokenException(String token) {
        super("unknown token '" + token + "': it is not in the vocabulary");
        this.token = token;
    }

    public String token() {
        return token;
    }
}
