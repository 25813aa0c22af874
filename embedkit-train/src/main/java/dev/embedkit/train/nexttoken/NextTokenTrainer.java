package dev.embedkit.train.nexttoken;

import dev.embedkit.BadInputException;
import dev.embedkit.simd.Kernels;
import dev.embedkit.simd.VectorKernels;
import dev.embedkit.vocab.Vocabulary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Trains a {@link NextTokenModel} on sentences of token IDs: shuffled minibatches of positions, forward,
 * backward into the one tied table, an SGD or Adam step; after each epoch the mean training loss and the
 * full-softmax loss and perplexity of the held-out sentences (the last {@code heldOutFraction} of them) go
 * to the listener. The model returned is the one of the epoch with the lowest held-out loss (early stopping: on
 * small corpora the held-out loss turns up after an epoch or two while the training loss keeps falling); with
 * nothing held out, the last. Single-threaded; with the same settings and kernels a run is repeatable.
 */
public final class NextTokenTrainer {
    private static final Logger LOG = LoggerFactory.getLogger(NextTokenTrainer.class);

    private NextTokenTrainer() {
    }

    /** {@link #train(List, Vocabulary, NextTokenSettings, Consumer, VectorKernels)} with {@link Kernels#get()}. */
    public static NextTokenModel train(List<int[]> sentences, Vocabulary vocabulary, NextTokenSettings settings,
                                       Consumer<NextTokenProgress> listener) {
        return train(sentences, vocabulary, settings, listener, Kernels.get());
    }

    /**
     * @param sentences  token IDs of {@code vocabulary}, one array per sentence (a line, a verse); a context never
     *                   reaches back across a sentence start
     * @param vocabulary the IDs' vocabulary; the model's is this one plus {@link NextTokenModel#BOS} (appended,
     *                   so every ID keeps its meaning) unless it already holds it
     * @param kernels    {@link Kernels#scalar()} for runs that repeat bit for bit on any machine
     */
    public static NextTokenModel train(List<int[]> sentences, Vocabulary vocabulary, NextTokenSettings settings,
                                       Consumer<NextTokenProgress> listener, VectorKernels kernels) {
        return train(sentences, vocabulary, settings, listener, kernels, StepHook.NONE);
    }

    /** As above, calling {@code hook} before the first step and after every step. */
    public static NextTokenModel train(List<int[]> sentences, Vocabulary vocabulary, NextTokenSettings settings,
                                       Consumer<NextTokenProgress> listener, VectorKernels kernels, StepHook hook) {
        long start = System.nanoTime();
        Vocabulary withBos = NextTokenModel.withBos(vocabulary);
        int bos = withBos.find(NextTokenModel.BOS);
        int k = settings.context();
        int heldOut = (int) Math.round(sentences.size() * settings.heldOutFraction());
        if (settings.heldOutFraction() > 0 && heldOut == 0 && sentences.size() > 1) {
            heldOut = 1;
        }
        int trainSentences = sentences.size() - heldOut;
        Positions train = Positions.of(sentences, 0, trainSentences, k, bos, withBos.size());
        Positions held = Positions.of(sentences, trainSentences, sentences.size(), k, bos, withBos.size())
                .strided(settings.evalPositions());
        if (train.size() == 0) {
            throw new BadInputException("no tokens to train on: " + trainSentences + " training sentences"
                    + " (" + heldOut + " held out) hold no tokens");
        }

        SoftmaxMode softmax = settings.softmax().resolve(withBos.size());
        long[] streamCounts = NegativeSampler.streamCounts(train.tokens(), withBos.size());
        NegativeSampler sampler = softmax == SoftmaxMode.SAMPLED
                ? new NegativeSampler(streamCounts, settings.negatives()) : null;
        SplittableRandom random = new SplittableRandom(settings.seed());
        NextTokenModel model = NextTokenModel.initialize(withBos, settings.dim(), k, settings.combine(), random.nextLong())
                .withUnigramBias(streamCounts, bos);
        TrainingStep step = new TrainingStep(model, softmax, settings.negatives(),
                sampler == null ? null : sampler.logExpected(), kernels);
        Optimizer tableOptimizer = Optimizer.create(settings.optimizer(), settings.learningRate(),
                withBos.size() * settings.dim(), kernels);
        Optimizer biasOptimizer = Optimizer.create(settings.optimizer(), settings.learningRate(), withBos.size(), kernels);
        Optimizer weightsOptimizer = Optimizer.create(settings.optimizer(), settings.learningRate(), k, kernels);
        LOG.debug("next-token: V={} d={} k={} {} {} softmax{} lr={} on {} positions ({} held out), kernels {}",
                withBos.size(), settings.dim(), k, settings.combine().configName(), settings.optimizer(), softmax,
                sampler == null ? "" : " (K=" + settings.negatives() + ", unigram^0.75 of the stream, logQ-corrected)",
                settings.learningRate(), train.size(), held.size(), kernels.name());

        hook.afterStep(model, 0);
        report(listener, model, held, kernels, 0, settings, 0, Double.NaN, softmax, start);
        double bestLoss = Double.POSITIVE_INFINITY;
        Snapshot best = null; // of the epoch with the lowest held-out loss so far; null while nothing is held out
        int[] order = train.positions().clone();
        int batchSize = settings.batchSize();
        int[] negatives = new int[sampler == null ? 0 : batchSize * settings.negatives()];
        long steps = 0;
        for (int epoch = 1; epoch <= settings.epochs(); epoch++) {
            shuffle(order, random);
            double lossSum = 0;
            for (int from = 0; from < order.length; from += batchSize) {
                int to = Math.min(order.length, from + batchSize);
                if (sampler != null) {
                    sampler.fill(negatives, 0, (to - from) * settings.negatives(), random);
                }
                lossSum += step.forwardBackward(train.tokens(), order, from, to, negatives) * (to - from);
                step.update(tableOptimizer, biasOptimizer, weightsOptimizer, ++steps);
                hook.afterStep(model, steps);
            }
            double heldOutLoss = report(listener, model, held, kernels, epoch, settings, steps, lossSum / order.length,
                    softmax, start);
            if (heldOutLoss < bestLoss) {
                bestLoss = heldOutLoss;
                best = epoch < settings.epochs() ? Snapshot.of(model, epoch) : null; // the last epoch is the model itself
            }
        }
        if (best != null) {
            LOG.info("next-token: keeping epoch {} (held-out loss {}), the lowest", best.epoch(), bestLoss);
            best.restoreInto(model);
        }
        return model;
    }

    /** The parameters after one epoch, to return the best epoch's model rather than the last. */
    private record Snapshot(int epoch, float[] table, float[] weights, float[] bias) {
        static Snapshot of(NextTokenModel model, int epoch) {
            return new Snapshot(epoch, model.tableData().clone(), model.weightsData().clone(), model.biasData().clone());
        }

        void restoreInto(NextTokenModel model) {
            System.arraycopy(table, 0, model.tableData(), 0, table.length);
            System.arraycopy(weights, 0, model.weightsData(), 0, weights.length);
            System.arraycopy(bias, 0, model.biasData(), 0, bias.length);
        }
    }

    /** Sends the report; returns the held-out loss. */
    private static double report(Consumer<NextTokenProgress> listener, NextTokenModel model, Positions held,
                               VectorKernels kernels, int epoch, NextTokenSettings settings, long steps,
                               double trainLoss, SoftmaxMode softmax, long start) {
        double heldOutLoss = model.meanLoss(held, kernels);
        NextTokenProgress progress = new NextTokenProgress(epoch, settings.epochs(), steps, trainLoss, heldOutLoss,
                Math.exp(heldOutLoss), held.size(), softmax, (System.nanoTime() - start) / 1e9);
        LOG.debug("{}", progress);
        listener.accept(progress);
        return heldOutLoss;
    }

    /** Fisher–Yates with the run's generator, so the order of every epoch follows from the seed. */
    private static void shuffle(int[] values, SplittableRandom random) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = values[i];
            values[i] = values[j];
            values[j] = swap;
        }
    }
}
