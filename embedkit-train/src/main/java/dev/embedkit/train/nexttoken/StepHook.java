package dev.embedkit.train.nexttoken;

/**
 * Called by {@link NextTokenTrainer} with the model being trained: once before the first step ({@code step} 0)
 * and after every optimizer step. It may read the parameters and change them (the tie experiment averages two
 * rows to keep them one vector); it runs on the training thread, so its cost adds to every step.
 */
@FunctionalInterface
public interface StepHook {
    StepHook NONE = (model, step) -> {
    };

    void afterStep(NextTokenModel model, long step);
}
