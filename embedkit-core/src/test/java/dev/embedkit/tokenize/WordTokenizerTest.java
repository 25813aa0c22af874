package dev.embedkit.tokenize;

import dev.embedkit.UnknownTokenException;
import dev.embedkit.vocab.Vocabulary;
import dev.embedkit.vocab.VocabularyBuilder;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WordTokenizerTest {

    @Test
    void whitespaceModeKeepsPunctuationAttached() {
        WordSplitter splitter = new WordSplitter(WordSplitter.Mode.WHITESPACE, false);
        assertThat(splitter.split("  Hello,\tworld!\n")).containsExactly("Hello,", "world!");
    }

    @Test
    void punctuationModeSplitsPunctuationIntoItsOwnTokens() {
        WordSplitter splitter = new WordSplitter(WordSplitter.Mode.PUNCTUATION, true);
        assertThat(splitter.split("Hello, world! It's 2024.")).containsExactly(
                "hello", ",", "world", "!", "it", "'", "s", "2024", ".");
    }

    @Test
    void lettersOnlyIsText8Style() {
        assertThat(WordSplitter.text8().split("The Year 1984: Orwell's BOOK")).containsExactly(
                "the", "year", "orwell", "s", "book");
    }

    @Test
    void combiningMarksStayWithTheirLetterAndNonLatinScriptsAreWords() {
        WordSplitter splitter = new WordSplitter(WordSplitter.Mode.PUNCTUATION, false);
        assertThat(splitter.split("cafe\u0301 naïve 東京")).containsExactly("cafe\u0301", "naïve", "東京");
    }

    @Test
    void encodesThroughTheVocabularyAndDecodesBack() {
        WordSplitter splitter = new WordSplitter(WordSplitter.Mode.PUNCTUATION, true);
        Vocabulary vocab = new VocabularyBuilder().addAll(splitter.split("hello world hello")).build();
        WordTokenizer tokenizer = new WordTokenizer(splitter, vocab);

        assertThat(tokenizer.encode("Hello world")).containsExactly(0, 1);
        assertThat(tokenizer.decode(new int[] {1, 0})).isEqualTo("world hello");
        assertThat(tokenizer.tokenize("HELLO")).containsExactly("hello");
        assertThat(tokenizer.vocabularySize()).isEqualTo(2);
    }

    @Test
    void unknownWordsFollowTheVocabularyPolicy() {
        WordSplitter splitter = new WordSplitter(WordSplitter.Mode.WHITESPACE, false);
        Vocabulary strict = Vocabulary.of(List.of("a"));
        assertThatThrownBy(() -> new WordTokenizer(splitter, strict).encode("a b"))
                .isInstanceOf(UnknownTokenException.class).hasMessageContaining("'b'");

        Vocabulary lenient = new VocabularyBuilder().add("a").mapUnknownTo("<unk>").build();
        WordTokenizer tokenizer = new WordTokenizer(splitter, lenient);
        assertThat(tokenizer.encode("a b")).containsExactly(1, 0);
        assertThat(tokenizer.tokenize("a b")).containsExactly("a", "<unk>");
    }

    @Property
    void whitespaceSplitThenJoinPreservesTheWords(@ForAll List<@net.jqwik.api.constraints.AlphaChars String> words) {
        List<String> nonEmpty = words.stream().filter(w -> !w.isEmpty()).toList();
        WordSplitter splitter = new WordSplitter(WordSplitter.Mode.WHITESPACE, false);
        assertThat(splitter.split(String.join("  ", nonEmpty))).isEqualTo(nonEmpty);
    }
}
