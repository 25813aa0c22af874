package dev.embedkit.train.nexttoken;

import dev.embedkit.simd.Kernels;
import dev.embedkit.vocab.Vocabulary;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Finite-difference check of every gradient of the tied model (V=7 with the pad, d=4, k=2): the analytic dE and
 * dw that {@link TrainingStep} accumulates in float, against central differences of an independent
 * double-precision reference loss written below. Tolerance: |analytic − numeric| ≤ 1e-5 + 1e-3·|numeric|
 * (float accumulation leaves about 1e-7 relative error; central differences with ε = 1e-4 in double about 1e-8).
 * The toy batch puts the tied table under stress: a pad-only context, a token twice in one context, a target equal
 * to a context token (both gradients land in one row), and for the sampled softmax a duplicated negative and an
 * accidental hit.
 */
class NextTokenGradientCheckTest {
    private static final double EPSILON = 1e-4;
    private static final int K = 3;

    // IDs: a=0 … f=5, <bos>=6; two sentences
    private static final List<int[]> SENTENCES = List.of(new int[] {0, 1, 2}, new int[] {3, 3, 0, 5, 3});

    @ParameterizedTest(name = "{0} combine, {1} softmax")
    @CsvSource({"MEAN, FULL", "POSITIONAL, FULL", "MEAN, SAMPLED", "POSITIONAL, SAMPLED"})
    void analyticGradientsMatchCentralDifferences(Combine combine, SoftmaxMode softmax) {
        Vocabulary vocabulary = NextTokenModel.withBos(Vocabulary.of(List.of("a", "b", "c", "d", "e", "f"),
                new long[] {50, 20, 10, 30, 5, 1}));
        NextTokenModel model = NextTokenModel.initialize(vocabulary, 4, 2, combine, 42);
        if (combine == Combine.POSITIONAL) {
            model.weightsData()[0] = -0.3f; // away from 1/k, so dw is checked at a generic point
            model.weightsData()[1] = 0.8f;
        }
        for (int v = 0; v < vocabulary.size(); v++) {
            model.biasData()[v] = 0.25f * v - 0.6f; // a generic bias, so db and the biased logits are checked
        }
        Positions positions = Positions.of(SENTENCES, 0, SENTENCES.size(), 2, model.bosId(), vocabulary.size());
        int[] batch = positions.positions();
        int[] negatives = new int[batch.length * K];
        for (int i = 0; i < negatives.length; i++) {
            negatives[i] = (i * 5 + 1) % vocabulary.size();
        }
        negatives[0] = negatives[1];                                    // a negative drawn twice
        negatives[K] = positions.tokens()[batch[1]];                    // an accidental hit on the target
        float[] logExpected = new NegativeSampler(new long[] {50, 20, 10, 30, 5, 1, 4}, K).logExpected();

        TrainingStep step = new TrainingStep(model, softmax, K, logExpected, Kernels.scalar());
        double loss = step.forwardBackward(positions.tokens(), batch, 0, batch.length, negatives);

        double[] table = toDouble(model.tableData());
        double[] weights = toDouble(model.weightsData());
        double[] bias = toDouble(model.biasData());
        Reference reference = new Reference(positions.tokens(), batch, negatives, logExpected, vocabulary.size(), 4,
                softmax == SoftmaxMode.SAMPLED);
        assertThat(loss).isCloseTo(reference.loss(table, weights, bias), within(1e-5));

        double worst = 0;
        for (int i = 0; i < table.length; i++) {
            double numeric = centralDifference(reference, table, weights, bias, table, i);
            worst = Math.max(worst, check("dE[" + i / 4 + "][" + i % 4 + "]", step.dTable[i], numeric));
        }
        for (int j = 0; j < weights.length; j++) {
            double numeric = centralDifference(reference, table, weights, bias, weights, j);
            // MEAN keeps w fixed: no gradient is accumulated even though the loss depends on w
            double analytic = combine == Combine.POSITIONAL ? step.dWeights[j] : numeric;
            worst = Math.max(worst, check("dw[" + j + "]", analytic, numeric));
            if (combine == Combine.MEAN) {
                assertThat(step.dWeights[j]).isZero();
            }
        }
        for (int v = 0; v < bias.length; v++) {
            double numeric = centralDifference(reference, table, weights, bias, bias, v);
            worst = Math.max(worst, check("db[" + v + "]", step.dBias[v], numeric));
        }
        // The fast kernels (Vector API when the JVM has it) agree with the scalar reference on the same step.
        float[] table0 = model.tableData().clone();
        TrainingStep fast = new TrainingStep(model, softmax, K, logExpected, Kernels.get());
        assertThat(fast.forwardBackward(positions.tokens(), batch, 0, batch.length, negatives)).isCloseTo(loss, within(1e-5));
        assertThat(model.tableData()).containsExactly(table0);
        for (int i = 0; i < step.dTable.length; i++) {
            assertThat(fast.dTable[i]).as("fast dE[" + i + "]").isCloseTo(step.dTable[i], within(1e-6f));
        }
        for (int v = 0; v < step.dBias.length; v++) {
            assertThat(fast.dBias[v]).as("fast db[" + v + "]").isCloseTo(step.dBias[v], within(1e-6f));
        }
        for (int j = 0; j < step.dWeights.length; j++) {
            assertThat(fast.dWeights[j]).as("fast dw[" + j + "]").isCloseTo(step.dWeights[j], within(1e-6f));
        }
        System.out.printf("gradient check %s/%s: loss %.6f, worst scaled error %.2e%n", combine, softmax, loss, worst);
    }

    private static double centralDifference(Reference reference, double[] table, double[] weights, double[] bias,
                                            double[] tensor, int i) {
        double saved = tensor[i];
        tensor[i] = saved + EPSILON;
        double plus = reference.loss(table, weights, bias);
        tensor[i] = saved - EPSILON;
        double minus = reference.loss(table, weights, bias);
        tensor[i] = saved;
        return (plus - minus) / (2 * EPSILON);
    }

    /** Asserts the tolerance; returns the error divided by its allowance (≤ 1 passes). */
    private static double check(String name, double analytic, double numeric) {
        double allowed = 1e-5 + 1e-3 * Math.abs(numeric);
        assertThat(analytic).as(name + " (numeric " + numeric + ")").isCloseTo(numeric, within(allowed));
        return Math.abs(analytic - numeric) / allowed;
    }

    private static double[] toDouble(float[] values) {
        double[] result = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            result[i] = values[i];
        }
        return result;
    }

    /** The mean loss of the batch in double precision, straight from the formulas, sharing no code with main. */
    private record Reference(int[] tokens, int[] batch, int[] negatives, float[] logExpected, int vocabSize, int dim,
                             boolean sampled) {
        double loss(double[] table, double[] weights, double[] bias) {
            int k = weights.length;
            double total = 0;
            for (int b = 0; b < batch.length; b++) {
                int p = batch[b];
                double[] h = new double[dim];
                for (int j = 0; j < k; j++) {
                    for (int c = 0; c < dim; c++) {
                        h[c] += weights[j] * table[tokens[p - k + j] * dim + c];
                    }
                }
                int target = tokens[p];
                int[] candidates;
                if (sampled) {
                    candidates = new int[K + 1];
                    candidates[0] = target;
                    System.arraycopy(negatives, b * K, candidates, 1, K);
                } else {
                    candidates = new int[vocabSize];
                    for (int v = 0; v < vocabSize; v++) {
                        candidates[v] = v;
                    }
                }
                double[] z = new double[candidates.length];
                for (int i = 0; i < candidates.length; i++) {
                    double dot = 0;
                    for (int c = 0; c < dim; c++) {
                        dot += h[c] * table[candidates[i] * dim + c];
                    }
                    double logit = dot + bias[candidates[i]];
                    z[i] = sampled ? (i > 0 && candidates[i] == target ? Double.NEGATIVE_INFINITY
                            : logit - logExpected[candidates[i]]) : logit;
                }
                int correct = sampled ? 0 : target;
                double max = Double.NEGATIVE_INFINITY;
                for (double value : z) {
                    max = Math.max(max, value);
                }
                double sum = 0;
                for (double value : z) {
                    sum += Math.exp(value - max);
                }
                total += Math.log(sum) + max - z[correct];
            }
            return total / batch.length;
        }
    }
}
