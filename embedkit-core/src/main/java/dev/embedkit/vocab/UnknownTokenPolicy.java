package dev.embedkit.vocab;

/** What a vocabulary does with a token it does not hold. */
public enum UnknownTokenPolicy {
    /** Refuse it with an {@link dev.embedkit.UnknownTokenException} that names the token. */
    ERROR,
    /** Map it to the vocabulary's unknown token ({@code <unk>} by default). */
    MAP_TO_UNK
}
