package dev.embedkit.train;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * Shows progress to a person: on a terminal, one line redrawn in place with '\r' (a bar, words/s, loss, learning
 * rate, ETA); elsewhere (a pipe, a CI log) a plain SLF4J line at most every {@code logIntervalSeconds}, because a
 * file full of carriage returns is unreadable.
 */
public final class ProgressPrinter implements TrainingListener {
    private static final Logger LOG = LoggerFactory.getLogger(ProgressPrinter.class);
    private static final int BAR_WIDTH = 30;
    private final PrintWriter terminal; // null: log lines instead
    private final double logIntervalSeconds;
    private double lastLoggedAt = Double.NEGATIVE_INFINITY;

    private ProgressPrinter(PrintWriter terminal, double logIntervalSeconds) {
        this.terminal = terminal;
        this.logIntervalSeconds = logIntervalSeconds;
    }

    /** A bar on {@code terminal} when the JVM has a console, log lines every {@code logIntervalSeconds} otherwise. */
    public static ProgressPrinter forConsole(PrintWriter terminal, double logIntervalSeconds) {
        return new ProgressPrinter(System.console() != null ? terminal : null, logIntervalSeconds);
    }

    @Override
    public void onProgress(TrainingProgress progress) {
        if (terminal != null) {
            terminal.print("\r" + describe(progress, true));
            terminal.flush();
        } else if (progress.elapsedSeconds() - lastLoggedAt >= logIntervalSeconds) {
            lastLoggedAt = progress.elapsedSeconds();
            LOG.info("{}", describe(progress, false));
        }
    }

    @Override
    public void onFinish(TrainingProgress progress) {
        if (terminal != null) {
            terminal.println("\r" + describe(progress, true));
            terminal.flush();
        } else {
            LOG.info("{}", describe(progress, false));
        }
    }

    static String describe(TrainingProgress progress, boolean withBar) {
        int filled = (int) (progress.fraction() * BAR_WIDTH);
        String bar = withBar ? "[" + "=".repeat(filled) + " ".repeat(BAR_WIDTH - filled) + "] " : "";
        return String.format(Locale.ROOT, "%s%5.1f%% epoch %d  %,d words  %,.0f words/s  loss %.4f  lr %.6f  ETA %s",
                bar, 100 * progress.fraction(), progress.epoch(), progress.words(), progress.wordsPerSecond(),
                progress.loss(), progress.learningRate(), duration(progress.etaSeconds()));
    }

    private static String duration(double seconds) {
        if (Double.isNaN(seconds)) {
            return "--:--";
        }
        long s = Math.round(seconds);
        return s >= 3600 ? "%d:%02d:%02d".formatted(s / 3600, s / 60 % 60, s % 60) : "%02d:%02d".formatted(s / 60, s % 60);
    }
}
