package dev.embedkit.vocab;

import dev.embedkit.BadInputException;
import dev.embedkit.UnknownTokenException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VocabularyTest {

    private static VocabularyBuilder counted(String text) {
        return new VocabularyBuilder().addAll(List.of(text.split(" ")));
    }

    @Test
    void sortsByDescendingCountAndBreaksTiesByToken() {
        Vocabulary vocab = counted("the cat sat on the mat the cat").build();

        assertThat(vocab.tokens()).containsExactly("the", "cat", "mat", "on", "sat");
        assertThat(vocab.count(0)).isEqualTo(3);
        assertThat(vocab.count(1)).isEqualTo(2);
        assertThat(vocab.id("mat")).isEqualTo(2);
    }

    @Test
    void buildIsDeterministicWhateverTheInsertionOrder() {
        Vocabulary a = counted("b a c a b c d").build();
        Vocabulary b = counted("d c c b b a a").build();
        assertThat(a.tokens()).isEqualTo(b.tokens()).containsExactly("a", "b", "c", "d");
    }

    @Test
    void minCountDropsRareTokensAndMaxSizeKeepsTheMostFrequent() {
        VocabularyBuilder builder = counted("a a a b b c d d d d");
        assertThat(builder.minCount(2).build().tokens()).containsExactly("d", "a", "b");
        assertThat(counted("a a a b b c d d d d").maxSize(2).build().tokens()).containsExactly("d", "a");
    }

    @Test
    void specialTokensComeFirstAndUnknownTokensMapToUnk() {
        Vocabulary vocab = counted("x y y").specialTokens(List.of("<pad>")).mapUnknownTo("<unk>").build();

        assertThat(vocab.tokens()).containsExactly("<pad>", "<unk>", "y", "x");
        assertThat(vocab.id("never-seen")).isEqualTo(1);
        assertThat(vocab.isSpecial(0)).isTrue();
        assertThat(vocab.isSpecial(2)).isFalse();
        assertThat(vocab.find("never-seen")).isEqualTo(-1);
    }

    @Test
    void maxSizeCountsSpecialTokens() {
        Vocabulary vocab = counted("a a b c").mapUnknownTo("<unk>").maxSize(2).build();
        assertThat(vocab.tokens()).containsExactly("<unk>", "a");
    }

    @Test
    void unknownTokenIsAnErrorNamingItUnderTheErrorPolicy() {
        Vocabulary vocab = counted("a b").build();
        assertThatThrownBy(() -> vocab.id("zebra"))
                .isInstanceOf(UnknownTokenException.class)
                .hasMessageContaining("'zebra'");
    }

    @Test
    void outOfRangeIdNamesTheIdAndTheSize() {
        Vocabulary vocab = Vocabulary.of(List.of("a", "b", "c"));
        assertThatThrownBy(() -> vocab.token(3)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("token ID 3").hasMessageContaining("V=3");
        assertThatThrownBy(() -> vocab.token(-1)).hasMessageContaining("token ID -1");
    }

    @Test
    void duplicateTokensAreRejectedWithBothIds() {
        assertThatThrownBy(() -> Vocabulary.of(List.of("a", "b", "a")))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("duplicate token 'a' at IDs 0 and 2");
    }

    @Test
    void mapToUnkNeedsTheUnkTokenInTheVocabulary() {
        assertThatThrownBy(() -> Vocabulary.of(List.of("a"), new long[1], Set.of(), "<unk>", UnknownTokenPolicy.MAP_TO_UNK))
                .isInstanceOf(BadInputException.class).hasMessageContaining("<unk>");
    }

    @Test
    void invalidBuilderSettingsAreRejected() {
        assertThatThrownBy(() -> new VocabularyBuilder().minCount(0)).hasMessageContaining("min-count");
        assertThatThrownBy(() -> new VocabularyBuilder().maxSize(0)).hasMessageContaining("max vocabulary size");
    }
}
