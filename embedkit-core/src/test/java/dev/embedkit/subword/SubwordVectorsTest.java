package dev.embedkit.subword;

import dev.embedkit.embed.WordVector;
import dev.embedkit.tensor.HeapMatrix;
import dev.embedkit.vocab.Vocabulary;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SubwordVectorsTest {
    // 2 words, 1000 buckets; with minn=maxn=2 the word "a" is <a, a> (buckets 750, 806, from fasttext-ngrams.py)
    private static final CharNgrams BIGRAMS = new CharNgrams(2, 2, 1000);

    private static SubwordVectors model() {
        HeapMatrix words = HeapMatrix.of(new float[][]{{1f, 2f}, {4f, 8f}});
        HeapMatrix buckets = HeapMatrix.zeros(1000, 2);
        buckets.setRow(750, new float[]{10f, 20f});
        buckets.setRow(806, new float[]{100f, 200f});
        return new SubwordVectors(Vocabulary.of(List.of("a", SubwordVectors.END_OF_SENTENCE)), words, buckets, BIGRAMS);
    }

    @Test
    void aKnownWordIsTheMeanOfItsRowAndItsNgramRows() {
        SubwordVectors model = model();
        assertThat(model.rows(0)).containsExactly(0, 2 + 750, 2 + 806);
        assertThat(model.vector("a")).containsExactly((1f + 10f + 100f) * (float) (1.0 / 3), (2f + 20f + 200f) * (float) (1.0 / 3));
        WordVector found = model.find("a");
        assertThat(found.oov()).isFalse();
        assertThat(found.ngrams()).isEqualTo(2);
        assertThat(found.values()).containsExactly(model.vector("a"));
        assertThat(model.table().lookup("a")).containsExactly(model.vector("a"));
    }

    @Test
    void theEndOfSentenceTokenHasNoNgrams() {
        assertThat(model().rows(1)).containsExactly(1);
        assertThat(model().vector(SubwordVectors.END_OF_SENTENCE)).containsExactly(4f, 8f);
    }

    @Test
    void anUnknownWordIsTheMeanOfItsNgramRowsAlone() {
        SubwordVectors model = model();
        // "aa": <a, aa, a> → buckets 750, hash("aa") % 1000, 806; only two of them are non-zero here
        int[] rows = model.rows("aa");
        assertThat(rows).hasSize(3).contains(2 + 750, 2 + 806);
        WordVector found = model.find("aa");
        assertThat(found.oov()).isTrue();
        assertThat(found.ngrams()).isEqualTo(3);
        assertThat(found.note()).isEqualTo("(OOV: from 3 n-grams)");
        assertThat(found.values()).containsExactly(110f * (float) (1.0 / 3), 220f * (float) (1.0 / 3));
    }

    @Test
    void anUnknownWordWithoutNgramsIsTheZeroVector() {
        SubwordVectors plain = new SubwordVectors(Vocabulary.of(List.of("a")), HeapMatrix.of(new float[][]{{1f, 2f}}),
                HeapMatrix.zeros(0, 2), CharNgrams.none());
        WordVector found = plain.find("zebra");
        assertThat(found.oov()).isTrue();
        assertThat(found.values()).containsExactly(0f, 0f);
        assertThat(found.note()).isEqualTo("(OOV: no n-grams, zero vector)");
    }

    @Test
    void aNegativeZeroOfASingleRowWordKeepsItsSign() {
        SubwordVectors plain = new SubwordVectors(Vocabulary.of(List.of("a")), HeapMatrix.of(new float[][]{{-0f, 2f}}),
                HeapMatrix.zeros(0, 2), CharNgrams.none());
        assertThat(Float.floatToRawIntBits(plain.vector("a")[0])).isEqualTo(Float.floatToRawIntBits(-0f));
    }
}
