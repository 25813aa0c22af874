package dev.embedkit.train.word2vec;

import dev.embedkit.BadInputException;
import dev.embedkit.train.word2vec.Word2VecSettings.Architecture;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The learning-rate schedules on runs of 1000 words per epoch, computed by hand. */
class LearningRateTest {
    private static Word2VecSettings settings(double alpha, int epochs, int threads, AlphaSchedule schedule) {
        return new Word2VecSettings(Architecture.CBOW, 4, 2, 1, 0, 1, 100, epochs, threads, alpha, 1, false, false,
                schedule);
    }

    @Test
    void linearDecaysOverAllEpochsToAlphaTimes1e4() {
        // alpha·(1 − done/(epochs·T + 1)) with epochs·T + 1 = 2·1000 + 1 = 2001; the thread count plays no part
        Word2VecSettings linear = settings(0.025, 2, 2, AlphaSchedule.LINEAR);
        assertThat(LearningRate.at(linear, 0, 1000)).isEqualTo(0.025f);
        assertThat(LearningRate.at(linear, 1000, 1000)).isCloseTo((float) (0.025 * (1 - 1000 / 2001.0)), within(1e-9f));
        assertThat(LearningRate.at(linear, 2000, 1000)).isCloseTo((float) (0.025 / 2001), within(1e-10f));
        assertThat(LearningRate.at(linear, 2001, 1000)).isEqualTo((float) (0.025 * 1e-4));
        assertThat(LearningRate.at(linear, 5000, 1000)).isEqualTo((float) (0.025 * 1e-4));
    }

    @Test
    void gensimCorpusFileFallsOnlyHalfAnEpochsShareWithTwoThreads() {
        // 3 epochs, 2 threads: epoch e runs from 0.05·(1 − e/3) to 0.05·(1 − (e + 0.5)/3), then drops
        Word2VecSettings gensim = settings(0.05, 3, 2, AlphaSchedule.GENSIM_CORPUS_FILE);
        assertThat(LearningRate.at(gensim, 0, 1000)).isEqualTo(0.05f);
        assertThat(LearningRate.at(gensim, 500, 1000)).isCloseTo(0.05f * 11 / 12, within(1e-8f));   // (0 + 0.25)/3
        assertThat(LearningRate.at(gensim, 1000, 1000)).isCloseTo(0.05f * 2 / 3, within(1e-8f));    // (1 + 0)/3
        assertThat(LearningRate.at(gensim, 1500, 1000)).isCloseTo(0.05f * 7 / 12, within(1e-8f));   // (1 + 0.25)/3
        assertThat(LearningRate.at(gensim, 2999, 1000)).isCloseTo(0.05f * (1 - 2.4995f / 3), within(1e-8f));
        assertThat(LearningRate.at(gensim, 3000, 1000)).isEqualTo((float) (0.05 * 1e-4)); // the run's end
    }

    @Test
    void gensimCorpusFileWithOneThreadIsLinearWithoutWord2vecsPlusOne() {
        Word2VecSettings gensim = settings(0.05, 3, 1, AlphaSchedule.GENSIM_CORPUS_FILE);
        assertThat(LearningRate.at(gensim, 1500, 1000)).isCloseTo(0.025f, within(1e-8f));
        assertThat(LearningRate.at(gensim, 2250, 1000)).isCloseTo(0.0125f, within(1e-8f));
    }

    @Test
    void theScheduleIsRecordedAndOldRecordsReadAsLinear() {
        Word2VecSettings gensim = settings(0.05, 3, 2, AlphaSchedule.GENSIM_CORPUS_FILE);
        var map = gensim.toMap();
        assertThat(map).containsEntry("alpha_schedule", "gensim-corpus-file");
        assertThat(Word2VecSettings.fromMap(map)).isEqualTo(gensim);
        map.remove("alpha_schedule");
        assertThat(Word2VecSettings.fromMap(map).alphaSchedule()).isEqualTo(AlphaSchedule.LINEAR);
        assertThat(gensim.withThreads(1).alphaSchedule()).isEqualTo(AlphaSchedule.GENSIM_CORPUS_FILE);
    }

    @Test
    void anUnknownScheduleAndDataParallelSawToothAreRefused() {
        assertThatThrownBy(() -> AlphaSchedule.parse("cosine")).isInstanceOf(BadInputException.class)
                .hasMessage("alpha schedule 'cosine' is not one of [linear, gensim-corpus-file]");
        assertThatThrownBy(() -> ShardContext.shardSettings(settings(0.05, 3, 2, AlphaSchedule.GENSIM_CORPUS_FILE)))
                .isInstanceOf(BadInputException.class)
                .hasMessage("a shard's learning rate follows the cluster's words: the gensim-corpus-file schedule is"
                        + " not supported in data-parallel training");
    }
}
