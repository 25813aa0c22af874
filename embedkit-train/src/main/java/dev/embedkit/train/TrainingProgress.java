package dev.embedkit.train;

/**
 * One report of a running training: what the progress bar, the log lines and the JSON training log show.
 *
 * @param step           the report's number, from 1
 * @param words          corpus words processed so far, over all epochs and threads (before subsampling)
 * @param totalWords     words the whole run will process
 * @param epoch          the epoch in progress, from 1 (fractional progress is words / totalWords · epochs)
 * @param loss           mean loss per trained (input, target) pair since the previous report, −log σ(s) for the
 *                       true word and −log σ(−s) for each noise word (NaN when none was trained)
 * @param learningRate   the current learning rate
 * @param wordsPerSecond throughput since the previous report
 * @param elapsedSeconds time since training started
 */
public record TrainingProgress(long step, long words, long totalWords, int epoch, double loss, double learningRate,
                               double wordsPerSecond, double elapsedSeconds) {

    /** Fraction of the run done, 0..1. */
    public double fraction() {
        return totalWords == 0 ? 1 : Math.min(1, words / (double) totalWords);
    }

    /** Seconds left at the current rate of the whole run so far. */
    public double etaSeconds() {
        return words == 0 ? Double.NaN : elapsedSeconds * (totalWords - words) / words;
    }
}
