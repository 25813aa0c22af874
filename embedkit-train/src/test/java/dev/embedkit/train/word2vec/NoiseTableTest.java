package dev.embedkit.train.word2vec;

import dev.embedkit.vocab.Vocabulary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The run-length noise table holds, slot for slot, the table word2vec's InitUnigramTable fills. */
class NoiseTableTest {

    @Property(tries = 200)
    void everySlotHoldsTheWordOfWord2vecsFlatTable(@ForAll @Size(min = 1, max = 60) List<@LongRange(min = 1, max = 100_000) Long> counts,
                                                    @ForAll @IntRange(min = 1, max = 5_000) int size) {
        long[] sorted = counts.stream().sorted(Comparator.reverseOrder()).mapToLong(Long::longValue).toArray();
        Vocabulary vocabulary = vocabulary(sorted);
        NoiseTable noise = new NoiseTable(vocabulary, size, NoiseTable.WORD2VEC_POWER);
        int[] flat = word2vecTable(vocabulary, size, NoiseTable.WORD2VEC_POWER);
        for (int slot = 0; slot < size; slot++) {
            assertThat(noise.wordInSlot(slot)).as("slot %d", slot).isEqualTo(flat[slot]);
        }
        for (int id = 0; id < sorted.length; id++) {
            int word = id;
            assertThat(noise.probability(id)).isEqualTo(LongStream.range(0, size).filter(s -> flat[(int) s] == word).count()
                    / (double) size);
        }
    }

    @Test
    void aTableShorterThanTheVocabularyNeverReachesItsTail() {
        // six words of count 1, 1/6 each: slot 1 passes word 0's share (1/3 > 1/6), so word 1 starts at slot 2;
        // slot 2 passes words 0..1 (2/3 > 1/3), so word 2 would start at slot 3, past the end
        NoiseTable noise = new NoiseTable(vocabulary(new long[] {1, 1, 1, 1, 1, 1}), 3, NoiseTable.WORD2VEC_POWER);
        assertThat(List.of(noise.wordInSlot(0), noise.wordInSlot(1), noise.wordInSlot(2))).containsExactly(0, 0, 1);
        assertThat(noise.probability(0)).isEqualTo(2 / 3.0);
        assertThat(noise.probability(1)).isEqualTo(1 / 3.0);
        assertThat(noise.probability(2)).isZero();
        assertThat(noise.probability(5)).isZero();
    }

    @Test
    void aDrawReadsTheSlotWord2vecsIndexPicks() {
        NoiseTable noise = new NoiseTable(vocabulary(new long[] {1000, 100, 10, 1}), 1000, NoiseTable.WORD2VEC_POWER);
        Word2VecRandom random = new Word2VecRandom(7);
        Word2VecRandom same = new Word2VecRandom(7);
        for (int i = 0; i < 1000; i++) {
            assertThat(noise.sample(random)).isEqualTo(noise.wordInSlot((int) ((same.next() >>> 16) % 1000)));
        }
    }

    /** word2vec.c's InitUnigramTable, slot by slot: the specification the run-length table must match. */
    private static int[] word2vecTable(Vocabulary vocabulary, int size, double power) {
        double total = 0;
        for (int id = 0; id < vocabulary.size(); id++) {
            total += StrictMath.pow(vocabulary.count(id), power);
        }
        int[] table = new int[size];
        int word = 0;
        double cumulative = StrictMath.pow(vocabulary.count(0), power) / total;
        for (int slot = 0; slot < size; slot++) {
            table[slot] = word;
            if (slot / (double) size > cumulative && word < vocabulary.size() - 1) {
                word++;
                cumulative += StrictMath.pow(vocabulary.count(word), power) / total;
            }
        }
        return table;
    }

    private static Vocabulary vocabulary(long[] counts) {
        List<String> words = new ArrayList<>();
        for (int i = 0; i < counts.length; i++) {
            words.add("w" + i);
        }
        return Vocabulary.of(words, counts);
    }
}
