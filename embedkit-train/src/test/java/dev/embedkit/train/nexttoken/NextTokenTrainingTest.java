package dev.embedkit.train.nexttoken;

import dev.embedkit.BadInputException;
import dev.embedkit.embed.TokenScore;
import dev.embedkit.io.ModelDirectory;
import dev.embedkit.simd.Kernels;
import dev.embedkit.tensor.HeapMatrix;
import dev.embedkit.tokenize.WordSplitter;
import dev.embedkit.vocab.UnknownTokenPolicy;
import dev.embedkit.vocab.Vocabulary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class NextTokenTrainingTest {
    private static final WordSplitter SPLITTER = new WordSplitter(WordSplitter.Mode.WHITESPACE, true);
    private static final Vocabulary CYCLE = Vocabulary.of(List.of("a", "b", "c", "d"), new long[] {40, 40, 40, 40});

    /** 40 sentences "a b c d a b c d …" of 16 tokens: the previous two tokens determine the next one. */
    private static List<int[]> cyclicSentences() {
        List<int[]> sentences = new ArrayList<>();
        for (int s = 0; s < 40; s++) {
            int[] ids = new int[16];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = i % 4;
            }
            sentences.add(ids);
        }
        return sentences;
    }

    private static NextTokenSettings cycleSettings() {
        return NextTokenSettings.defaults().withDim(8).withContext(2).withEpochs(30).withBatchSize(8)
                .withOptimizer(OptimizerKind.ADAM, 0.05).withSoftmax(SoftmaxMode.FULL, 4).withHeldOutFraction(0.1);
    }

    @Test
    void forwardLossOfAThreeTokenToyMatchesTheHandComputation() {
        // V=3 (a, b, <bos>), d=2, k=1; E[a] = (1, 0), E[b] = (0, 1), E[<bos>] = (0, 0); the sentence "a b".
        Vocabulary vocabulary = Vocabulary.of(List.of("a", "b", "<bos>"), new long[3], Set.of("<bos>"), null,
                UnknownTokenPolicy.ERROR);
        HeapMatrix table = HeapMatrix.of(new float[][] {{1, 0}, {0, 1}, {0, 0}});
        NextTokenModel model = new NextTokenModel(vocabulary, table, new float[] {1}, new float[3], Combine.MEAN, SPLITTER);
        // Position 1: context <bos>, h = 0, logits (0, 0, 0), p(a) = 1/3 → ln 3.
        // Position 2: context a, h = (1, 0), logits (1, 0, 0), p(b) = 1/(e + 2) → ln(e + 2).
        double expected = (Math.log(3) + Math.log(Math.E + 2)) / 2; // 1.3250…
        assertThat(model.loss(List.<int[]>of(new int[] {0, 1}))).isCloseTo(expected, within(1e-6));
        assertThat(expected).isCloseTo(1.32503, within(1e-5));
        // With the output bias b = (1, 0, 0) every logit of a grows by 1:
        // position 1: logits (1, 0, 0), p(a) = e/(e + 2) → ln(e + 2) − 1; position 2: logits (2, 0, 0) → ln(e² + 2).
        NextTokenModel biased = new NextTokenModel(vocabulary, table, new float[] {1}, new float[] {1, 0, 0},
                Combine.MEAN, SPLITTER);
        double expectedBiased = (Math.log(Math.E + 2) - 1 + Math.log(Math.E * Math.E + 2)) / 2; // 1.4050…
        assertThat(biased.loss(List.<int[]>of(new int[] {0, 1}))).isCloseTo(expectedBiased, within(1e-6));
        assertThat(biased.predict(new int[] {1}, 1, 1.0).getFirst().token()).isEqualTo("a"); // logits (1, 1, 0): a first on ties
    }

    @Test
    void learnsACyclicSequenceAndPredictsTheNextToken(@TempDir Path dir) {
        List<NextTokenProgress> log = new ArrayList<>();
        NextTokenModel model = NextTokenTrainer.train(cyclicSentences(), CYCLE,
                cycleSettings().withCombine(Combine.POSITIONAL), log::add, Kernels.scalar()).withSplitter(SPLITTER);

        System.out.printf("cycle, full softmax: held-out perplexity %.4f → %.4f, w = %s%n",
                log.getFirst().heldOutPerplexity(), log.getLast().heldOutPerplexity(),
                java.util.Arrays.toString(model.positionalWeights()));
        assertThat(log.getFirst().epoch()).isZero();
        assertThat(log.getFirst().heldOutPerplexity()).isGreaterThan(2.5); // untrained: about V = 5
        assertThat(log.getLast().heldOutPerplexity()).isLessThan(1.05);
        assertThat(log.getLast().softmax()).isEqualTo(SoftmaxMode.FULL);
        assertThat(top(model, "a b")).isEqualTo("c");
        assertThat(top(model, "b c")).isEqualTo("d");
        assertThat(top(model, "c d")).isEqualTo("a");
        assertThat(top(model, "")).isEqualTo("a"); // the pad context: every sentence starts with a

        model.save(dir.resolve("cycle"));
        NextTokenModel loaded = NextTokenModel.load(dir.resolve("cycle"));
        assertThat(loaded.positionalWeights()).containsExactly(model.positionalWeights());
        assertThat(loaded.outputBias()).containsExactly(model.outputBias());
        assertThat(loaded.combine()).isEqualTo(Combine.POSITIONAL);
        assertThat(top(loaded, "d a")).isEqualTo("b");
        assertThat(loaded.predict("a b", 1, 1.0).getFirst().probability())
                .isCloseTo(model.predict("a b", 1, 1.0).getFirst().probability(), within(1e-9));
        // an ordinary model directory too
        assertThat(ModelDirectory.open(dir.resolve("cycle")).table().vocabularySize()).isEqualTo(5);
    }

    @Test
    void sampledSoftmaxAlsoLearnsTheCycle() {
        List<NextTokenProgress> log = new ArrayList<>();
        NextTokenModel model = NextTokenTrainer.train(cyclicSentences(), CYCLE,
                cycleSettings().withCombine(Combine.POSITIONAL).withSoftmax(SoftmaxMode.SAMPLED, 3), log::add,
                Kernels.scalar()).withSplitter(SPLITTER);
        System.out.printf("cycle, sampled softmax: held-out perplexity %.4f → %.4f%n",
                log.getFirst().heldOutPerplexity(), log.getLast().heldOutPerplexity());
        assertThat(log.getLast().softmax()).isEqualTo(SoftmaxMode.SAMPLED);
        assertThat(log.getLast().heldOutPerplexity()).isLessThan(1.2);
        assertThat(top(model, "a b")).isEqualTo("c");
    }

    @Test
    void sgdAndAdamBothDecreaseTheLossForBothCombines() {
        for (Combine combine : Combine.values()) {
            for (NextTokenSettings settings : List.of(
                    cycleSettings().withEpochs(5).withOptimizer(OptimizerKind.SGD, 0.5),
                    cycleSettings().withEpochs(5).withOptimizer(OptimizerKind.ADAM, 0.02))) {
                List<NextTokenProgress> log = new ArrayList<>();
                NextTokenTrainer.train(cyclicSentences(), CYCLE, settings.withCombine(combine), log::add, Kernels.scalar());
                String run = combine + "/" + settings.optimizer();
                assertThat(log.getLast().heldOutLoss()).as(run).isLessThan(log.getFirst().heldOutLoss() - 0.25);
                assertThat(log.getLast().trainLoss()).as(run).isLessThan(log.get(1).trainLoss());
            }
        }
    }

    @Test
    void returnsTheEpochWithTheLowestHeldOutLoss() {
        // Random sentences: nothing to learn, so the held-out loss turns up once the model memorises the training part.
        java.util.SplittableRandom random = new java.util.SplittableRandom(7);
        List<int[]> noise = new ArrayList<>();
        for (int s = 0; s < 40; s++) {
            noise.add(random.ints(12, 0, 4).toArray());
        }
        List<NextTokenProgress> log = new ArrayList<>();
        NextTokenSettings settings = cycleSettings().withEpochs(12).withOptimizer(OptimizerKind.ADAM, 0.1)
                .withHeldOutFraction(0.25);
        NextTokenModel model = NextTokenTrainer.train(noise, CYCLE, settings, log::add, Kernels.scalar());
        NextTokenProgress best = log.stream().skip(1).min(java.util.Comparator.comparingDouble(NextTokenProgress::heldOutLoss))
                .orElseThrow();
        assertThat(best.epoch()).as("the run must overfit for this test to mean anything").isLessThan(12);
        assertThat(log.getLast().heldOutLoss()).isGreaterThan(best.heldOutLoss());
        assertThat(model.loss(noise.subList(30, 40))).isCloseTo(best.heldOutLoss(), within(1e-5)); // kernels may differ in the last bit
    }

    @Test
    void theSameSeedRepeatsTheRunExactly() {
        NextTokenSettings settings = cycleSettings().withEpochs(3).withSoftmax(SoftmaxMode.SAMPLED, 3);
        List<Double> first = losses(settings);
        assertThat(losses(settings)).isEqualTo(first);
        assertThat(losses(settings.withSeed(2))).isNotEqualTo(first);
    }

    @Test
    void refusesWhatItCannotTrainOrLoad(@TempDir Path dir) {
        assertThatThrownBy(() -> NextTokenTrainer.train(List.of(new int[] {0, 9}), CYCLE, cycleSettings(), p -> { }))
                .isInstanceOf(BadInputException.class).hasMessageContaining("out of range");
        assertThatThrownBy(() -> NextTokenTrainer.train(List.of(new int[0]), CYCLE, cycleSettings(), p -> { }))
                .isInstanceOf(BadInputException.class).hasMessageContaining("no tokens to train on");
        assertThatThrownBy(() -> cycleSettings().withContext(0)).isInstanceOf(BadInputException.class);
        NextTokenModel model = NextTokenTrainer.train(cyclicSentences(), CYCLE, cycleSettings().withEpochs(1), p -> { });
        Path plain = dir.resolve("plain");
        ModelDirectory.save(model.table(), dev.embedkit.io.ModelConfig.forTable(model.table(), SPLITTER), plain);
        assertThatThrownBy(() -> NextTokenModel.load(plain))
                .isInstanceOf(BadInputException.class).hasMessageContaining("is not a next-token model");
    }

    private static List<Double> losses(NextTokenSettings settings) {
        List<Double> losses = new ArrayList<>();
        NextTokenTrainer.train(cyclicSentences(), CYCLE, settings, p -> {
            losses.add(p.trainLoss());
            losses.add(p.heldOutLoss());
        }, Kernels.scalar());
        return losses;
    }

    private static String top(NextTokenModel model, String text) {
        List<TokenScore> best = model.predict(text, 1, 1.0);
        return best.getFirst().token();
    }
}
