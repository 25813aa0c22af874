package dev.embedkit.io;

import dev.embedkit.BadInputException;
import dev.embedkit.vocab.Vocabulary;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Readers of large vocabularies let {@link Vocabulary} find repeated tokens with the one hash map it builds anyway,
 * instead of keeping a map of their own; only when it refuses the list do they look for the pair to report.
 */
final class TokenDuplicates {
    private TokenDuplicates() {
    }

    /** The reader's error for a token at positions {@code first} and {@code second} (first < second) of the list. */
    @FunctionalInterface
    interface Error {
        RuntimeException of(String token, int first, int second);
    }

    /** {@code build.get()}, or if it refuses the tokens, the error for their first repeated token. */
    static Vocabulary build(List<String> tokens, Supplier<Vocabulary> build, Error error) {
        try {
            return build.get();
        } catch (BadInputException e) {
            Map<String, Integer> firstAt = HashMap.newHashMap(tokens.size()); // the rare error path only
            for (int i = 0; i < tokens.size(); i++) {
                Integer first = firstAt.putIfAbsent(tokens.get(i), i);
                if (first != null) {
                    throw error.of(tokens.get(i), first, i);
                }
            }
            throw e;
        }
    }
}
