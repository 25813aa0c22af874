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
 * to the listener. Single-threaded; with the same settings and kernels a run is repeatable.
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
        NegativeSampler sampler = softmax == SoftmaxMode.SAMPLED ? new NegativeSampler(
                NegativeSampler.streamCounts(train.tokens(), withBos.size()), settings.negatives()) : null;
        SplittableRandom random = new SplittableRandom(settings.seed());
        NextTokenModel model = NextTokenModel.initialize(withBos, settings.dim(), k, settings.combine(), random.nextLong());
        TrainingStep step = new TrainingStep(model, softmax, settings.negatives(),
                sampler == null ? null : sampler.logExpected(), kernels);
        Optimizer tableOptimizer = Optimizer.create(settings.optimizer(), settings.learningRate(),
                withBos.size() * settings.dim(), kernels);
        Optimizer weightsOptimizer = Optimizer.create(settings.optimizer(), settings.learningRate(), k, kernels);
        LOG.debug("next-token: V={} d={} k={} {} {} softmax{} lr={} on {} positions ({} held out), kernels {}",
                withBos.size(), settings.dim(), k, settings.combine().configName(), settings.optimizer(), softmax,
                sampler == null ? "" : " (K=" + settings.negatives() + ", unigram^0.75 of the stream, logQ-corrected)",
                settings.learningRate(), train.size(), held.size(), kernels.name());

        report(listener, model, held, kernels, 0, settings, 0, Double.NaN, softmax, start);
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
                step.update(tableOptimizer, weightsOptimizer, ++steps);
            }
            report(listener, model, held, kernels, epoch, settings, steps, lossSum / order.length, softmax, start);
        }
        return model;
    }

    private static void report(Consumer<NextTokenProgress> listener, NextTokenModel model, Positions held,
                               VectorKernels kernels, int epoch, NextTokenSettings settings, long steps,
                               double trainLoss, SoftmaxMode softmax, long start) {
        double heldOutLoss = model.meanLoss(held, kernels);
        NextTokenProgress progress = new NextTokenProgress(epoch, settings.epochs(), steps, trainLoss, heldOutLoss,
                Math.exp(heldOutLoss), held.size(), softmax, (System.nanoTime() - start) / 1e9);
        LOG.debug("{}", progress);
        listener.accept(progress);
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
