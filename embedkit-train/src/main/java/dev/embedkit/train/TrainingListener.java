package dev.embedkit.train;

import java.util.List;

/** Receives progress reports from a trainer, on the trainer's reporting thread (never a training thread). */
public interface TrainingListener {

    void onProgress(TrainingProgress progress);

    /** The last report, once training is done. */
    default void onFinish(TrainingProgress progress) {
        onProgress(progress);
    }

    /** Every listener of {@code listeners}, in order. */
    static TrainingListener all(List<TrainingListener> listeners) {
        return new TrainingListener() {
            @Override
            public void onProgress(TrainingProgress progress) {
                listeners.forEach(listener -> listener.onProgress(progress));
            }

            @Override
            public void onFinish(TrainingProgress progress) {
                listeners.forEach(listener -> listener.onFinish(progress));
            }
        };
    }
}
