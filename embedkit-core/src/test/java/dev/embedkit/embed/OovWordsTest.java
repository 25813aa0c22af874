package dev.embedkit.embed;

import dev.embedkit.BadInputException;
import dev.embedkit.UnknownTokenException;
import dev.embedkit.subword.CharNgrams;
import dev.embedkit.subword.SubwordVectors;
import dev.embedkit.tensor.HeapMatrix;
import dev.embedkit.vocab.UnknownTokenPolicy;
import dev.embedkit.vocab.Vocabulary;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

/**
 * {@link OovWords} and {@link EmbeddedWords} on a subword model made by hand: 4-grams, all in one bucket whose row is
 * (0, 1), so a 3-letter word has two n-grams, both that row. The words' vectors, their row averaged with 2·(0, 1),
 * are cat (1, 0) and car (0, 2); an unknown 3-letter word is (0, 1); "a" ("&lt;a&gt;" is shorter than 4) has no n-gram.
 */
class OovWordsTest {
    private static final SubwordVectors WORDS = new SubwordVectors(Vocabulary.of(List.of("cat", "car")),
            HeapMatrix.of(new float[][] {{3, -2}, {0, 4}}), HeapMatrix.of(new float[][] {{0, 1}}), new CharNgrams(4, 4, 1));

    @Test
    void theUnknownWordsAskedThatHaveNgramVectors() {
        OovWords oov = OovWords.of(WORDS, List.of("cat", "cab", "cab", "dab"));
        assertThat(oov.ngramCounts()).containsExactly(entry("cab", 2), entry("dab", 2));
        assertThat(oov.vectorsByWord().get("cab")).containsExactly(0f, 1f);
        assertThat(oov.notes()).containsExactly("'cab' is not in the vocabulary (OOV: from 2 n-grams)",
                "'dab' is not in the vocabulary (OOV: from 2 n-grams)");
        assertThat(oov.expressionNote()).isEqualTo(" (OOV: cab, dab, from their n-grams)");
        assertThat(OovWords.of(WordVectors.of(WORDS.table()), List.of("cab")).isEmpty()).isTrue(); // rows only
        assertThat(OovWords.of(WORDS, List.of("car")).expressionNote()).isEmpty();
    }

    @Test
    void aWordWithoutNgramsHasNoDirectionToSearch() {
        assertThatThrownBy(() -> OovWords.of(WORDS, List.of("a"))).isInstanceOf(BadInputException.class)
                .hasMessage("'a' is not in the vocabulary and has no n-grams in the model; its vector is zero (as in"
                        + " fastText), which has no direction to compare");
        assertThat(WORDS.require("a").values()).containsExactly(0f, 0f); // embedding it is fine: fastText's zero vector
    }

    @Test
    void embeddedWordsStackRowsAndNgramVectors() {
        EmbeddedWords embedded = EmbeddedWords.of(List.of("car", "cab"), WORDS);
        assertThat(embedded.ids()).containsExactly(1, -1);
        assertThat(embedded.tokens()).containsExactly("car", "cab");
        assertThat(embedded.notes()).containsExactly("", "(OOV: from 2 n-grams)");
        assertThat(embedded.stacked().data()).containsExactly(0f, 2f, 0f, 1f);
        assertThat(embedded.oov().ngramCounts()).containsExactly(entry("cab", 2));
    }

    @Test
    void requireIsStrictEvenWhereTheVocabularyMapsUnknownWordsToUnk() {
        Vocabulary withUnk = Vocabulary.of(List.of("x", "<unk>"), new long[2], Set.of("<unk>"), "<unk>",
                UnknownTokenPolicy.MAP_TO_UNK);
        WordVectors plain = WordVectors.of(new EmbeddingTable(withUnk, HeapMatrix.of(new float[][] {{1, 0}, {0, 1}})));
        assertThat(plain.lookup("y").id()).isEqualTo(1);
        assertThatThrownBy(() -> plain.require("y")).isInstanceOf(UnknownTokenException.class)
                .hasMessageContaining("'y'");
        assertThat(WORDS.require("cab").oov()).isTrue();
    }
}
