package dev.embedkit.io;

import dev.embedkit.vocab.Vocabulary;

import java.util.ArrayList;
import java.util.List;

/** The vocabulary given to a table from a format that stores none (.npy, bare .safetensors): row i is token "i". */
public final class IdVocabulary {
    private IdVocabulary() {
    }

    public static Vocabulary of(int size) {
        List<String> tokens = new ArrayList<>(size);
        for (int id = 0; id < size; id++) {
            tokens.add(Integer.toString(id));
        }
        return Vocabulary.of(tokens);
    }
}
