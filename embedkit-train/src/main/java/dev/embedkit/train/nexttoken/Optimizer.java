package dev.embedkit.train.nexttoken;

import dev.embedkit.simd.VectorKernels;

/**
 * Applies one step to a slice of a parameter tensor from its gradient. One instance per tensor (the table, the
 * positional weights), because Adam keeps per-element state.
 */
sealed interface Optimizer permits Optimizer.Sgd, Optimizer.Adam {

    /**
     * θ[offset .. offset+length) moves against g[offset .. offset+length).
     *
     * @param step the optimizer step, 1-based (Adam's bias correction)
     */
    void update(float[] params, float[] grads, int offset, int length, long step);

    static Optimizer create(OptimizerKind kind, double learningRate, int size, VectorKernels kernels) {
        return switch (kind) {
            case SGD -> new Sgd((float) learningRate, kernels);
            case ADAM -> new Adam(learningRate, size);
        };
    }

    /** θ −= lr·g. */
    record Sgd(float learningRate, VectorKernels kernels) implements Optimizer {
        @Override
        public void update(float[] params, float[] grads, int offset, int length, long step) {
            kernels.axpy(-learningRate, grads, offset, params, offset, length);
        }
    }

    /**
     * Adam (Kingma and Ba) with β1 0.9, β2 0.999, ε 1e-8. Called only for the slices that have a gradient in this
     * step, it is the "lazy" Adam of TensorFlow's LazyAdam: the moments of an untouched row do not decay, and the
     * bias correction uses the global step. With the full softmax every row is touched, so it is plain Adam.
     */
    final class Adam implements Optimizer {
        static final double BETA1 = 0.9;
        static final double BETA2 = 0.999;
        static final double EPSILON = 1e-8;
        private final double learningRate;
        private final float[] m; // first moment, same shape as the parameters
        private final float[] v; // second moment
        private long correctedStep = -1;
        private double correction1;
        private double correction2;

        Adam(double learningRate, int size) {
            this.learningRate = learningRate;
            this.m = new float[size];
            this.v = new float[size];
        }

        @Override
        public void update(float[] params, float[] grads, int offset, int length, long step) {
            if (step != correctedStep) {
                correctedStep = step;
                correction1 = 1 - Math.pow(BETA1, step);
                correction2 = 1 - Math.pow(BETA2, step);
            }
            for (int i = offset; i < offset + length; i++) {
                float g = grads[i];
                m[i] = (float) (BETA1 * m[i] + (1 - BETA1) * g);
                v[i] = (float) (BETA2 * v[i] + (1 - BETA2) * g * g);
                double mHat = m[i] / correction1;
                double vHat = v[i] / correction2;
                params[i] -= (float) (learningRate * mHat / (Math.sqrt(vHat) + EPSILON));
            }
        }
    }
}
