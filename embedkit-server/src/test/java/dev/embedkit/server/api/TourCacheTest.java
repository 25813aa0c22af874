package dev.embedkit.server.api;

import dev.embedkit.story.TourResult;
import dev.embedkit.story.TourSettings;
import dev.embedkit.story.TourStep;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class TourCacheTest {
    private static TourCache.Key key(int seed) {
        return new TourCache.Key("m", TourStep.SPACE, TourSettings.defaults().withSamples(2 + seed));
    }

    @Test
    void keepsAtMostItsCapacityDroppingTheLeastRecentlyUsed() {
        TourCache cache = new TourCache();
        AtomicInteger computed = new AtomicInteger();
        TourResult result = new TourResult.Space(List.of());
        for (int i = 0; i <= TourCache.CAPACITY; i++) {
            cache.get(key(i), () -> {
                computed.incrementAndGet();
                return result;
            });
            if (i == TourCache.CAPACITY - 1) {
                cache.get(key(0), () -> result); // touch the first: now key 1 is the least recently used
            }
        }
        assertThat(cache.size()).isEqualTo(TourCache.CAPACITY);
        assertThat(computed).hasValue(TourCache.CAPACITY + 1);
        cache.get(key(0), () -> {
            computed.incrementAndGet();
            return result;
        });
        assertThat(computed).hasValue(TourCache.CAPACITY + 1); // still kept
        cache.get(key(1), () -> {
            computed.incrementAndGet();
            return result;
        });
        assertThat(computed).hasValue(TourCache.CAPACITY + 2); // dropped, computed again
    }
}
