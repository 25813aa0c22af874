package dev.embedkit.tokenize.bpe;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A thread-safe memo of word → token IDs with a hard size bound. Word frequencies are Zipfian, so a cache that is
 * simply emptied when full keeps the hit rate high without the bookkeeping of LRU; long words are not kept at all.
 */
public final class BoundedCache {
    private static final int MAX_WORD_CHARS = 256;
    private final ConcurrentHashMap<String, int[]> map = new ConcurrentHashMap<>();
    private final int capacity;

    public BoundedCache(int capacity) {
        this.capacity = capacity;
    }

    /** The cached value for {@code word}, computing (and perhaps keeping) it on a miss. Callers must not modify it. */
    public int[] get(String word, Function<String, int[]> compute) {
        int[] hit = map.get(word);
        if (hit != null) {
            return hit;
        }
        int[] value = compute.apply(word);
        if (word.length() <= MAX_WORD_CHARS) {
            if (map.size() >= capacity) {
                map.clear();
            }
            map.put(word, value);
        }
        return value;
    }
}
