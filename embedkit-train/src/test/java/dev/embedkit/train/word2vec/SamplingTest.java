package dev.embedkit.train.word2vec;

import dev.embedkit.vocab.Vocabulary;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** word2vec's data handling on counts small enough to compute by hand. */
class SamplingTest {
    // counts 1000, 100, 10, 1: T = 1111
    private static final Vocabulary VOCABULARY = Vocabulary.of(List.of("the", "cat", "sat", "mat"),
            new long[] {1000, 100, 10, 1});

    @Test
    void subsamplingKeepsAWordWithWord2vecsProbability() {
        // sample·T = 0.01·1111 = 11.11; "the": (sqrt(1000/11.11)+1)·11.11/1000 = (9.48730+1)·0.01111 = 0.116514
        assertThat(Subsampling.keepProbability(1000, 1111, 0.01)).isCloseTo(0.116514, within(1e-6));
        // "cat": (sqrt(100/11.11)+1)·11.11/100 = (3.00015+1)·0.1111 = 0.444417
        assertThat(Subsampling.keepProbability(100, 1111, 0.01)).isCloseTo(0.444417, within(1e-6));
        // rarer than sample·T: probability above 1, always kept
        assertThat(Subsampling.keepProbability(10, 1111, 0.01)).isGreaterThan(1);
    }

    @Test
    void subsamplingDropsTheFrequentWordAtItsRate() {
        Subsampling subsampling = new Subsampling(VOCABULARY, 1111, 0.01);
        Word2VecRandom random = new Word2VecRandom(42);
        int kept = 0;
        int draws = 200_000;
        for (int i = 0; i < draws; i++) {
            kept += subsampling.keep(0, random) ? 1 : 0;
        }
        assertThat(kept / (double) draws).isCloseTo(0.116514, within(0.003));
        assertThat(subsampling.keep(2, random)).isTrue();
    }

    @Test
    void theNoiseTableFollowsTheUnigramDistributionToThePower075() {
        // 1000^0.75 = 177.828, 100^0.75 = 31.623, 10^0.75 = 5.623, 1^0.75 = 1; Σ = 216.074
        NoiseTable noise = new NoiseTable(VOCABULARY, 1_000_000, NoiseTable.WORD2VEC_POWER);
        assertThat(noise.probability(0)).isCloseTo(177.828 / 216.074, within(1e-4));
        assertThat(noise.probability(1)).isCloseTo(31.623 / 216.074, within(1e-4));
        assertThat(noise.probability(2)).isCloseTo(5.623 / 216.074, within(1e-4));
        assertThat(noise.probability(3)).isCloseTo(1 / 216.074, within(1e-4));
        Word2VecRandom random = new Word2VecRandom(7);
        int[] drawn = new int[4];
        for (int i = 0; i < 100_000; i++) {
            drawn[noise.sample(random)]++;
        }
        assertThat(drawn[1] / 100_000.0).isCloseTo(31.623 / 216.074, within(0.005));
    }

    @Test
    void fastTextsNoiseTableFollowsTheCountsToThePower05() {
        // sqrt: 31.623, 10, 3.162, 1; Σ = 45.785
        NoiseTable noise = new NoiseTable(VOCABULARY, 1_000_000, NoiseTable.FASTTEXT_POWER);
        assertThat(noise.probability(0)).isCloseTo(31.623 / 45.785, within(1e-4));
        assertThat(noise.probability(1)).isCloseTo(10 / 45.785, within(1e-4));
        assertThat(noise.probability(2)).isCloseTo(3.162 / 45.785, within(1e-4));
        assertThat(noise.probability(3)).isCloseTo(1 / 45.785, within(1e-4));
    }

    @Test
    void theGeneratorIsWord2vecsLinearCongruence() {
        Word2VecRandom random = new Word2VecRandom(1);
        assertThat(random.next()).isEqualTo(25214903917L + 11);
        assertThat(random.next()).isEqualTo((25214903917L + 11) * 25214903917L + 11); // wraps mod 2^64 like C's unsigned
        // word2vec draws the window shrink as next % window on the unsigned value
        Word2VecRandom negative = new Word2VecRandom(-1L);
        assertThat(negative.nextInt(5)).isEqualTo((int) Long.remainderUnsigned(-25214903917L + 11, 5));
    }

    @Test
    void theSigmoidTableIsExactAtZeroAndClippedBeyondSix() {
        assertThat(Sigmoid.sigmoid(0f)).isEqualTo(0.5f);
        assertThat(Sigmoid.sigmoid(7f)).isEqualTo(1f);
        assertThat(Sigmoid.sigmoid(-7f)).isEqualTo(0f);
        for (float x = -5.9f; x < 6; x += 0.37f) {
            assertThat(Sigmoid.sigmoid(x)).isCloseTo((float) (1 / (1 + Math.exp(-x))), within(0.0016f));
            assertThat(Sigmoid.logSigmoid(x)).isCloseTo((float) -Math.log1p(Math.exp(-x)), within(0.0061f));
        }
    }
}
