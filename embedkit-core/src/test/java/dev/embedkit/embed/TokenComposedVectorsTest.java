package dev.embedkit.embed;

import dev.embedkit.tensor.HeapMatrix;
import dev.embedkit.tokenize.Tokenizer;
import dev.embedkit.vocab.Vocabulary;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TokenComposedVectorsTest {
    // IDs: 0 "Ġking", 1 "king", 2 "Ġun", 3 "bel", 4 "ievable", 5 "Ġ"
    private static final List<String> TOKENS = List.of("Ġking", "king", "Ġun", "bel", "ievable", "Ġ");
    private static final Map<String, int[]> ENCODINGS = Map.of(
            " king", new int[] {0}, "king", new int[] {1},
            " unbelievable", new int[] {2, 3, 4}, "unbelievable", new int[] {5, 2, 3, 4},
            " Ġking", new int[] {5, 5, 1}, "Ġking", new int[] {5, 1});

    /** A tokenizer that knows exactly the texts above: enough to test how words are resolved. */
    private static final Tokenizer TOKENIZER = new Tokenizer() {
        @Override
        public int[] encode(String text) {
            return ENCODINGS.getOrDefault(text, new int[0]).clone();
        }

        @Override
        public String decode(int[] ids) {
            return String.join("", Arrays.stream(ids).mapToObj(id -> TOKENS.get(id).replace('Ġ', ' ')).toList());
        }

        @Override
        public List<String> tokenize(String text) {
            return Arrays.stream(encode(text)).mapToObj(TOKENS::get).toList();
        }

        @Override
        public String token(int id) {
            return TOKENS.get(id);
        }

        @Override
        public int vocabularySize() {
            return TOKENS.size();
        }
    };

    private static final HeapMatrix ROWS = HeapMatrix.of(new float[][] {
            {1, 0}, {0, 1}, {0.1f, 0.2f}, {0.3f, 0.4f}, {0.7f, 0.5f}, {9, 9}}); // (6, 2)

    private final TokenComposedVectors words = new TokenComposedVectors(
            new EmbeddingTable(Vocabulary.of(TOKENS), ROWS), TOKENIZER);

    @Test
    void aWordIsItsInSentenceTokenBeforeItsLineStartToken() {
        WordVector king = words.find("king");
        assertThat(king.id()).isZero();
        assertThat(king.oov()).isFalse();
        assertThat(king.values()).containsExactly(1, 0);
    }

    @Test
    void aRawTokenStringIsThatToken() {
        assertThat(words.find("Ġking").id()).isZero();
    }

    @Test
    void anyOtherWordIsTheMeanOfItsInSentenceTokensRowsMarkedComposed() {
        WordVector vector = words.find("unbelievable");
        assertThat(vector.oov()).isTrue();
        assertThat(vector.ngrams()).isEqualTo(3);
        assertThat(vector.values()).containsExactly((0.1f + 0.3f + 0.7f) / 3, (0.2f + 0.4f + 0.5f) / 3);
        assertThat(vector.composedOf()).containsExactly("\" un\"", "\"bel\"", "\"ievable\"");
        assertThat(vector.note()).isEqualTo("(not one token: composed, the mean of the rows of its 3 subword tokens"
                + " \" un\" \"bel\" \"ievable\")");
    }

    @Test
    void aWordTheTokenizerCannotEncodeHasNoVector() {
        assertThat(words.find("")).isNull();
    }
}
