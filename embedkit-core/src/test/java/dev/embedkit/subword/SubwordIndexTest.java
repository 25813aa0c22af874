package dev.embedkit.subword;

import dev.embedkit.embed.WordVector;
import dev.embedkit.tensor.HeapMatrix;
import dev.embedkit.vocab.Vocabulary;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SubwordIndexTest {
    private static final CharNgrams NGRAMS = new CharNgrams(2, 3, 50);
    private static final Vocabulary WORDS = Vocabulary.of(List.of("king", "kings", "ring", SubwordVectors.END_OF_SENTENCE));

    @Test
    void eachWordsRowsAreItsOwnThenTheSlotsOfItsBucketsInFastTextsOrder() {
        SubwordIndex index = SubwordIndex.of(WORDS, NGRAMS);
        int[] used = index.usedBuckets();
        int[] all = Arrays.stream(new String[]{"king", "kings", "ring"}).flatMapToInt(w -> Arrays.stream(NGRAMS.buckets(w)))
                .sorted().distinct().toArray();
        assertThat(used).containsExactly(all);
        for (int id = 0; id < 3; id++) {
            int[] rows = index.rows(id);
            int[] buckets = NGRAMS.buckets(WORDS.token(id));
            assertThat(rows).hasSize(buckets.length + 1);
            assertThat(rows[0]).isEqualTo(id);
            for (int i = 0; i < buckets.length; i++) {
                assertThat(used[rows[i + 1] - WORDS.size()]).isEqualTo(buckets[i]);
                assertThat(index.slot(buckets[i])).isEqualTo(rows[i + 1] - WORDS.size());
            }
        }
        assertThat(index.rows(3)).containsExactly(3); // </s> has no n-grams, as in fastText
        int unused = java.util.stream.IntStream.range(0, 50).filter(b -> Arrays.binarySearch(used, b) < 0).findFirst()
                .orElseThrow();
        assertThat(index.slot(unused)).isEqualTo(-1);
    }

    /** A compact model and the same rows scattered into all 50 buckets (the others zero). */
    private static SubwordVectors[] compactAndFull() {
        SubwordIndex index = SubwordIndex.of(WORDS, NGRAMS);
        HeapMatrix words = HeapMatrix.zeros(4, 2);
        HeapMatrix stored = HeapMatrix.zeros(index.usedBucketCount(), 2);
        HeapMatrix full = HeapMatrix.zeros(50, 2);
        for (int i = 0; i < words.data().length; i++) {
            words.data()[i] = i + 1;
        }
        int[] used = index.usedBuckets();
        for (int slot = 0; slot < used.length; slot++) {
            float[] row = {100 + slot, -3 * slot};
            stored.setRow(slot, row);
            full.setRow(used[slot], row);
        }
        return new SubwordVectors[]{SubwordVectors.compact(WORDS, words, stored, NGRAMS, null),
                new SubwordVectors(WORDS, words, full, NGRAMS)};
    }

    @Test
    void aCompactModelGivesTheVectorsOfTheFullOneForKnownAndUnknownWords() {
        SubwordVectors[] models = compactAndFull();
        for (String word : List.of("king", "kings", "ring", "kingdom", "sing", "zzz")) {
            assertThat(models[0].vector(word)).as(word).containsExactly(models[1].vector(word));
        }
        assertThat(models[0].bucketRows().toHeap().data()).containsExactly(models[1].bucketRows().toHeap().data());
        assertThat(models[0].isCompact()).isTrue();
        assertThat(models[1].isCompact()).isFalse();
    }

    @Test
    void anUnknownWordIsTheMeanOfItsNgramRowsUnusedOnesCountingAsZero() {
        SubwordVectors compact = compactAndFull()[0];
        SubwordIndex index = SubwordIndex.of(WORDS, NGRAMS);
        String word = "kingz";
        int[] buckets = NGRAMS.buckets(word);
        float[] sum = new float[2];
        for (int bucket : buckets) {
            int slot = index.slot(bucket);
            if (slot >= 0) {
                sum[0] += 100 + slot;
                sum[1] += -3 * slot;
            }
        }
        WordVector found = compact.find(word);
        assertThat(found.oov()).isTrue();
        assertThat(found.ngrams()).isEqualTo(buckets.length);
        float scale = (float) (1.0 / buckets.length);
        assertThat(found.values()[0]).isCloseTo(sum[0] * scale, org.assertj.core.data.Offset.offset(1e-4f));
        assertThat(found.values()[1]).isCloseTo(sum[1] * scale, org.assertj.core.data.Offset.offset(1e-4f));
    }

    @Test
    void aCompactModelWithTheWrongNumberOfBucketRowsIsRefused() {
        assertThatThrownBy(() -> SubwordVectors.compact(WORDS, HeapMatrix.zeros(4, 2), HeapMatrix.zeros(3, 2), NGRAMS, null))
                .hasMessageContaining("expected " + SubwordIndex.of(WORDS, NGRAMS).usedBucketCount() + "×2")
                .hasMessageContaining("one row per bucket the vocabulary's words use");
    }
}
