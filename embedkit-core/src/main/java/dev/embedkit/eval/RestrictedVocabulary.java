package dev.embedkit.eval;

import dev.embedkit.vocab.Vocabulary;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The words an evaluation may use: the first {@code restrict} tokens of a frequency-sorted vocabulary, looked up
 * case-insensitively the way gensim's {@code case_insensitive=True} does it: every spelling is uppercased, and
 * where several tokens uppercase alike the first (most frequent) one stands for all of them.
 * Uppercasing uses {@link Locale#ROOT}, which agrees with Python's {@code str.upper()} on every letter of the
 * evaluation sets (both apply Unicode's full case mapping, so "ß" becomes "SS" in each).
 */
final class RestrictedVocabulary {
    private final Map<String, Integer> ids; // uppercased token → lowest ID with that spelling
    private final int size;

    RestrictedVocabulary(Vocabulary vocabulary, int restrict) {
        this.size = Math.min(restrict, vocabulary.size());
        this.ids = HashMap.newHashMap(size);
        for (int id = 0; id < size; id++) {
            ids.putIfAbsent(key(vocabulary.token(id)), id);
        }
    }

    /** The spelling a word is compared by. */
    static String key(String word) {
        return word.toUpperCase(Locale.ROOT);
    }

    /** The ID standing for {@code word} in any case, or -1 if no token among the first {@link #size()} spells it. */
    int find(String word) {
        return ids.getOrDefault(key(word), -1);
    }

    /** How many tokens are searched: min(restrict, V). */
    int size() {
        return size;
    }
}
