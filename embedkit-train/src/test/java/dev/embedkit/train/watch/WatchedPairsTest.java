package dev.embedkit.train.watch;

import dev.embedkit.BadInputException;
import dev.embedkit.tensor.HeapMatrix;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WatchedPairsTest {
    // rows: 0 cat = (1, 0), 1 dog = (1, 1), 2 king = (0, 2); "queen" is missing
    private static final HeapMatrix ROWS = HeapMatrix.of(new float[][] {{1, 0}, {1, 1}, {0, 2}}); // (3, 2)
    private static final Map<String, int[]> IDS = Map.of("cat", new int[] {0}, "dog", new int[] {1},
            "king", new int[] {2}, "catdog", new int[] {0, 1});

    private static int[] ids(String word) {
        return IDS.getOrDefault(word, new int[0]);
    }

    @Test
    void theDefaultsWatchOnlyPairsWhoseWordsAreInTheVocabularyAndLogTheirCosine() {
        WatchedPairs pairs = WatchedPairs.of(List.of());
        assertThat(pairs.logFields()).isEmpty(); // nothing before the vocabulary is known
        pairs.attach(WatchedPairsTest::ids, ROWS);
        assertThat(pairs.watched()).containsExactly(new WatchedPairs.Pair("cat", "dog"));
        assertThat(pairs.logFields()).isEqualTo(Map.of("watch", Map.of("cat:dog", 1 / Math.sqrt(2))));
    }

    @Test
    void aNamedPairMayUseAComposedWordButNotAMissingOne() {
        WatchedPairs pairs = WatchedPairs.of(List.of("king:catdog"));
        pairs.attach(WatchedPairsTest::ids, ROWS);
        // catdog = mean of (1, 0) and (1, 1) = (1, 0.5); with king (0, 2): dot 1, squared norms 4 and 1.25
        assertThat(pairs.logFields()).isEqualTo(Map.of("watch", Map.of("king:catdog", 1 / Math.sqrt(5))));

        WatchedPairs missing = WatchedPairs.of(List.of("king:queen"));
        assertThatThrownBy(() -> missing.attach(WatchedPairsTest::ids, ROWS)).isInstanceOf(BadInputException.class)
                .hasMessage("--watch king:queen: 'queen' is not in the vocabulary");
    }

    @Test
    void aPairMustBeTwoWordsAroundOneColon() {
        for (String bad : List.of("cat", "cat:", ":dog", "a:b:c")) {
            assertThatThrownBy(() -> WatchedPairs.of(List.of(bad))).isInstanceOf(BadInputException.class)
                    .hasMessageContaining("give two words as A:B");
        }
    }
}
