package dev.embedkit.server.api;

import dev.embedkit.story.TourResult;
import dev.embedkit.story.TourSettings;
import dev.embedkit.story.TourStep;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The tour's results by (model, step, settings), least recently used dropped first. A step can take seconds on a
 * large vocabulary (the duplicates step searches every row), and the guided view asks for all of them at once, so
 * each is kept; the bound keeps clients that vary the settings from growing the heap. A result holds a few
 * 40-bin histograms and lists, plus at most one row per token of the tensor step's text.
 */
final class TourCache {
    /** Results kept: every step of several models under a few settings each. */
    static final int CAPACITY = 64;

    record Key(String model, TourStep step, TourSettings settings) {
    }

    private final Map<Key, TourResult> results = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, TourResult> eldest) {
            return size() > CAPACITY;
        }
    };

    /**
     * The cached result, or {@code compute}'s, which is then kept. Two requests for a missing key may both compute
     * it (the lock is not held while computing, so one slow step does not stall the others); the values agree.
     */
    TourResult get(Key key, Supplier<TourResult> compute) {
        synchronized (results) {
            TourResult cached = results.get(key);
            if (cached != null) {
                return cached;
            }
        }
        TourResult result = compute.get();
        synchronized (results) {
            results.put(key, result);
        }
        return result;
    }

    int size() {
        synchronized (results) {
            return results.size();
        }
    }
}
