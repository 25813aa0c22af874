package dev.embedkit.train.word2vec;

/** The learning rate after a number of words, by the run's {@link AlphaSchedule}; never below alpha·1e-4. */
final class LearningRate {
    private LearningRate() {
    }

    /** @param trainWords the words of one epoch (vocabulary words, before subsampling) */
    static float at(Word2VecSettings settings, long wordsDone, long trainWords) {
        double alpha = settings.alpha();
        double rate = alpha * (1 - progress(settings.alphaSchedule(), wordsDone, settings.epochs(), settings.threads(),
                trainWords));
        return (float) Math.max(rate, alpha * 1e-4);
    }

    /** How far the decay has come, 0 at the start and 1 at the end of a linear run. */
    private static double progress(AlphaSchedule schedule, long wordsDone, int epochs, int threads, long trainWords) {
        return switch (schedule) {
            case LINEAR -> wordsDone / (double) (epochs * trainWords + 1); // word2vec's + 1
            case GENSIM_CORPUS_FILE -> {
                // The threads read their shards side by side, so each has done 1/threads of the epoch's words, and
                // gensim measures that against the whole epoch.
                long perEpoch = Math.max(1, trainWords);
                long epoch = wordsDone / perEpoch;
                double inEpoch = (wordsDone - epoch * perEpoch) / (double) perEpoch;
                yield (epoch + inEpoch / threads) / epochs;
            }
        };
    }
}
