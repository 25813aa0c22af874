package dev.embedkit.train.nexttoken;

/** The update rule applied to the gradients of a minibatch. */
public enum OptimizerKind {
    /** θ −= lr·g. */
    SGD,
    /** Adam (β1 0.9, β2 0.999, ε 1e-8), lazy for the table: only rows with a gradient in the step move their state. */
    ADAM
}
