package dev.embedkit.train.word2vec;

/** word2vec's schedule: linear decay from alpha over all epochs, never below alpha·1e-4. */
final class LearningRate {
    private LearningRate() {
    }

    static float at(double alpha, long wordsDone, int epochs, long trainWords) {
        double rate = alpha * (1 - wordsDone / (double) (epochs * trainWords + 1));
        return (float) Math.max(rate, alpha * 1e-4);
    }
}
