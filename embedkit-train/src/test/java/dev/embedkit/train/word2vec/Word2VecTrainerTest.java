package dev.embedkit.train.word2vec;

import dev.embedkit.BadInputException;
import dev.embedkit.EmbedkitException;
import dev.embedkit.embed.Initializer;
import dev.embedkit.subword.CharNgrams;
import dev.embedkit.tensor.HeapMatrix;
import dev.embedkit.tokenize.WordSplitter;
import dev.embedkit.train.Checkpoint;
import dev.embedkit.train.TrainingProgress;
import dev.embedkit.train.corpus.Corpus;
import dev.embedkit.train.word2vec.Word2VecSettings.Architecture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class Word2VecTrainerTest {
    private static final WordSplitter SPLITTER = new WordSplitter(WordSplitter.Mode.WHITESPACE, false);

    @TempDir
    Path dir;

    /**
     * Sentences in which cat and dog appear among one set of context words and car and bus among another: the
     * distributional hypothesis in miniature.
     */
    static Corpus petsAndVehicles(int sentences) {
        String[] animals = {"cat", "dog"};
        String[] animalContext = {"pet", "fur", "feed", "vet", "tail", "paw", "sleeps", "purrs"};
        String[] vehicles = {"car", "bus"};
        String[] vehicleContext = {"road", "drive", "wheel", "fuel", "park", "engine", "seat", "ticket"};
        SplittableRandom random = new SplittableRandom(3);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < sentences; i++) {
            boolean animal = random.nextBoolean();
            String[] context = animal ? animalContext : vehicleContext;
            String target = (animal ? animals : vehicles)[random.nextInt(2)];
            lines.add(String.join(" ", context[random.nextInt(8)], context[random.nextInt(8)], target,
                    context[random.nextInt(8)], context[random.nextInt(8)]));
        }
        return Corpus.ofLines("pets and vehicles", lines);
    }

    static Word2VecSettings small(Architecture architecture, int threads, boolean deterministic) {
        return small(architecture, threads, deterministic, false);
    }

    static Word2VecSettings small(Architecture architecture, int threads, boolean deterministic, boolean hogBatch) {
        return new Word2VecSettings(architecture, 16, 2, 5, 0, 1, Integer.MAX_VALUE, 5, threads,
                Word2VecSettings.defaultAlpha(architecture), 42, deterministic, hogBatch);
    }

    /** Every trainer: skip-gram and CBOW, each plain Hogwild and with HogBatch's shared noise words. */
    static Stream<Arguments> trainers() {
        return Stream.of(Arguments.of(Architecture.SKIP_GRAM, false), Arguments.of(Architecture.CBOW, false),
                Arguments.of(Architecture.SKIP_GRAM, true), Arguments.of(Architecture.CBOW, true));
    }

    private static double cosine(HeapMatrix m, int a, int b) {
        double dot = 0, na = 0, nb = 0;
        for (int i = 0; i < m.cols(); i++) {
            dot += m.get(a, i) * m.get(b, i);
            na += m.get(a, i) * m.get(a, i);
            nb += m.get(b, i) * m.get(b, i);
        }
        return dot / Math.sqrt(na * nb);
    }

    @ParameterizedTest(name = "hogbatch={0}")
    @ValueSource(booleans = {false, true})
    void oneSkipGramStepMatchesTheGradientComputedByHand(boolean hogBatch) {
        // Corpus "a b", window 1, no noise words, no subsampling, alpha 0.1 throughout (the rate is only updated
        // every 10,000 words). With one context word and no noise words, HogBatch's batch is one pair, so both
        // trainers take exactly this path. Epoch 1: the output vectors are zero, so each score is 0, σ(0) = 0.5 and the
        // gradient g = (1 − 0.5)·0.1 = 0.05: out[a] += 0.05·in[b], out[b] += 0.05·in[a], the inputs stay.
        // Epoch 2, position 0: s = in[b]·out[a] = 0.05·|in[b]|², g = (1 − σ(s))·0.1; in[b] += g·out[a] and
        // out[a] += g·in[b]; then position 1 likewise for in[a] and out[b].
        Word2VecSettings settings = new Word2VecSettings(Architecture.SKIP_GRAM, 4, 1, 0, 0, 1, 10, 2, 1, 0.1, 9, true,
                hogBatch);
        Word2VecModel model = new Word2VecTrainer(settings, SPLITTER).train(Corpus.ofLines("toy", List.of("a b")));

        float[] init = new Initializer.Word2VecUniform().create(2, 4, 9).data();
        double[] inA = {init[0], init[1], init[2], init[3]};
        double[] inB = {init[4], init[5], init[6], init[7]};
        double[] outA = new double[4];
        double[] outB = new double[4];
        for (int i = 0; i < 4; i++) {
            outA[i] = 0.05 * inB[i];
            outB[i] = 0.05 * inA[i];
        }
        step(inB, outA);
        step(inA, outB);
        for (int i = 0; i < 4; i++) {
            // The table sigmoid is within 0.0016 of σ, so g is within 0.00016 of the exact 0.05, and values of
            // size ~0.1 move by g·(~0.1) each step: 5e-6 bounds the table's share while the steps themselves are
            // 3e-4 (inputs) and 6e-3 (outputs), so a wrong formula cannot pass.
            assertThat(model.inputVectors().get(0, i)).isCloseTo((float) inA[i], within(5e-6f));
            assertThat(model.inputVectors().get(1, i)).isCloseTo((float) inB[i], within(5e-6f));
            assertThat(model.outputVectors().get(0, i)).isCloseTo((float) outA[i], within(5e-6f));
            assertThat(model.outputVectors().get(1, i)).isCloseTo((float) outB[i], within(5e-6f));
        }
    }

    /** One positive pair by hand: g = (1 − σ(in·out))·alpha; in += g·out (with the old out); out += g·in (old in). */
    private static void step(double[] in, double[] out) {
        double score = 0;
        for (int i = 0; i < in.length; i++) {
            score += in[i] * out[i];
        }
        double g = (1 - 1 / (1 + Math.exp(-score))) * 0.1;
        double[] oldIn = in.clone();
        for (int i = 0; i < in.length; i++) {
            in[i] += g * out[i];
            out[i] += g * oldIn[i];
        }
    }

    @ParameterizedTest(name = "{0} hogbatch={1}")
    @MethodSource("trainers")
    void aDeterministicSingleThreadRunIsBitIdenticalWhenRepeated(Architecture architecture, boolean hogBatch) {
        Word2VecSettings settings = small(architecture, 1, true, hogBatch);
        Word2VecModel first = new Word2VecTrainer(settings, SPLITTER).train(petsAndVehicles(2000));
        Word2VecModel second = new Word2VecTrainer(settings, SPLITTER).train(petsAndVehicles(2000));
        assertThat(second.inputVectors().data()).isEqualTo(first.inputVectors().data());
        assertThat(second.outputVectors().data()).isEqualTo(first.outputVectors().data());
    }

    @Test
    void hogBatchCbowTakesThePlainStepsOnSentencesTooShortForTwoWindows() {
        // Corpus "a b", window 1, no noise words: two words are one stretch (CbowBatchStep.stretch), so each batch
        // is one word, which is the plain step, and the runs agree bit for bit (scalar kernels).
        Word2VecSettings plain = new Word2VecSettings(Architecture.CBOW, 4, 1, 0, 0, 1, 10, 3, 1, 0.1, 9, true);
        Word2VecSettings batched = new Word2VecSettings(Architecture.CBOW, 4, 1, 0, 0, 1, 10, 3, 1, 0.1, 9, true, true);
        Corpus corpus = Corpus.ofLines("toy", List.of("a b", "b a"));
        Word2VecModel expected = new Word2VecTrainer(plain, SPLITTER).train(corpus);
        Word2VecModel actual = new Word2VecTrainer(batched, SPLITTER).train(corpus);
        assertThat(actual.outputVectors().data()).isEqualTo(expected.outputVectors().data())
                .isNotEqualTo(new float[8]);
        assertThat(actual.inputVectors().data()).isEqualTo(expected.inputVectors().data());
    }

    @ParameterizedTest
    @EnumSource(Architecture.class)
    void hogBatchTrainsDifferentlyFromThePlainStepButIsRecordedAndRestored(Architecture architecture) {
        Word2VecModel plain = new Word2VecTrainer(small(architecture, 1, true), SPLITTER)
                .train(petsAndVehicles(500));
        Word2VecModel batched = new Word2VecTrainer(small(architecture, 1, true, true), SPLITTER)
                .train(petsAndVehicles(500));
        assertThat(batched.inputVectors().data()).isNotEqualTo(plain.inputVectors().data());
        assertThat(batched.settings().toMap()).containsEntry("hogbatch", true);
        assertThat(Word2VecSettings.fromMap(batched.settings().toMap())).isEqualTo(batched.settings());
        Map<String, Object> beforeHogBatch = new LinkedHashMap<>(plain.settings().toMap());
        beforeHogBatch.remove("hogbatch"); // a checkpoint written before the setting existed
        assertThat(Word2VecSettings.fromMap(beforeHogBatch)).isEqualTo(plain.settings());
    }

    @ParameterizedTest(name = "{0} hogbatch={1}")
    @MethodSource("trainers")
    void wordsUsedAlikeEndUpCloseWhileAtInitTheyAreIndistinguishable(Architecture architecture, boolean hogBatch) {
        Word2VecModel model = new Word2VecTrainer(small(architecture, 2, false, hogBatch), SPLITTER)
                .train(petsAndVehicles(4000));
        int cat = model.vocabulary().id("cat");
        int dog = model.vocabulary().id("dog");
        int car = model.vocabulary().id("car");
        int bus = model.vocabulary().id("bus");
        HeapMatrix init = new Initializer.Word2VecUniform().create(model.vocabulary().size(), 16, 42);
        assertThat(Math.abs(cosine(init, cat, dog) - cosine(init, cat, car))).as("at init").isLessThan(0.8);
        HeapMatrix trained = model.inputVectors();
        assertThat(cosine(trained, cat, dog)).as(architecture + " cat~dog").isGreaterThan(cosine(trained, cat, car) + 0.5);
        assertThat(cosine(trained, car, bus)).as(architecture + " car~bus").isGreaterThan(cosine(trained, bus, dog) + 0.5);
    }

    /** The runs a checkpoint must resume exactly: each trainer, and skip-gram with character n-grams. */
    static Stream<Arguments> resumableRuns() {
        return Stream.concat(trainers().map(a -> Arguments.of(a.get()[0], a.get()[1], null)),
                Stream.of(Arguments.of(Architecture.SKIP_GRAM, false, new CharNgrams(2, 3, 97))));
    }

    @ParameterizedTest(name = "{0} hogbatch={1}, subwords={2}")
    @MethodSource("resumableRuns")
    void aRunResumedFromItsCheckpointEndsBitIdenticalToAnUninterruptedOne(Architecture architecture, boolean hogBatch,
                                                                          CharNgrams ngrams) {
        Word2VecSettings settings = small(architecture, 1, true, hogBatch);
        Corpus corpus = petsAndVehicles(2100); // 10,500 words an epoch, 52,500 in all
        Word2VecModel uninterrupted = trainer(settings, ngrams).train(corpus);

        Path checkpoints = dir.resolve("checkpoints");
        trainer(settings, ngrams).checkpoints(checkpoints, 17_000).train(corpus);
        // The word count moves in steps of 10,000, so checkpoints land at 20,000 and 40,000 words; the one kept
        // is the last, in the middle of epoch 4: resuming from it is what a run killed after it does.
        Checkpoint checkpoint = Checkpoint.load(checkpoints);
        assertThat(((Number) checkpoint.state().get("words_done")).longValue()).isEqualTo(40_000L);
        assertThat(checkpoint.ngrams()).isEqualTo(ngrams);
        Word2VecModel resumed = Word2VecTrainer.continuing(checkpoint).resume(corpus, checkpoint);

        assertThat(resumed.inputVectors().data()).isEqualTo(uninterrupted.inputVectors().data());
        assertThat(resumed.outputVectors().data()).isEqualTo(uninterrupted.outputVectors().data());
        if (ngrams != null) {
            assertThat(resumed.subwords().storedBucketRows().toHeap().data())
                    .isEqualTo(uninterrupted.subwords().storedBucketRows().toHeap().data());
            assertThat(resumed.table().weights().toHeap().data()).isEqualTo(uninterrupted.table().weights().toHeap().data());
        }
    }

    private static Word2VecTrainer trainer(Word2VecSettings settings, CharNgrams ngrams) {
        Word2VecTrainer trainer = new Word2VecTrainer(settings, SPLITTER);
        return ngrams == null ? trainer : trainer.subwords(ngrams);
    }

    @Test
    void aCheckpointResumesOnlyWithTheSubwordsItWasTakenWith() {
        Corpus corpus = petsAndVehicles(2000);
        Path words = dir.resolve("words");
        new Word2VecTrainer(small(Architecture.SKIP_GRAM, 1, true), SPLITTER).checkpoints(words, 20_000).train(corpus);
        Checkpoint wordsOnly = Checkpoint.load(words);
        assertThat(wordsOnly.ngrams()).isNull();
        assertThat(wordsOnly.buckets()).isNull();
        assertThatThrownBy(() -> Word2VecTrainer.continuing(wordsOnly).subwords(new CharNgrams(2, 3, 97))
                .resume(corpus, wordsOnly)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("the checkpoint was taken without subwords");

        Path subwords = dir.resolve("subwords");
        trainer(small(Architecture.CBOW, 1, true), new CharNgrams(2, 3, 97)).checkpoints(subwords, 20_000).train(corpus);
        Checkpoint withSubwords = Checkpoint.load(subwords);
        assertThat(withSubwords.state()).doesNotContainKey("subwords"); // the settings are the checkpoint's own
        assertThatThrownBy(() -> new Word2VecTrainer(small(Architecture.CBOW, 1, true), SPLITTER)
                .resume(corpus, withSubwords)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("the checkpoint was taken with subwords");
    }

    @Test
    void severalThreadsStopTogetherForACheckpointAndAResumedRunFinishes() {
        Word2VecSettings settings = small(Architecture.CBOW, 3, false);
        Corpus corpus = petsAndVehicles(3000);
        Path checkpoints = dir.resolve("checkpoints");
        new Word2VecTrainer(settings, SPLITTER).checkpoints(checkpoints, 20_000).train(corpus);
        Checkpoint checkpoint = Checkpoint.load(checkpoints);
        List<TrainingProgress> reports = new ArrayList<>();
        Word2VecModel resumed = Word2VecTrainer.continuing(checkpoint).listener(reports::add).resume(corpus, checkpoint);
        assertThat(reports.getLast().words()).isEqualTo(5 * 15_000);
        assertThat(resumed.vocabulary().size()).isEqualTo(20);
    }

    @Test
    void aCheckpointThatCannotBeWrittenStopsEveryThreadAndIsReported() throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("file"), "in the way");
        Word2VecTrainer trainer = new Word2VecTrainer(small(Architecture.SKIP_GRAM, 2, false), SPLITTER)
                .checkpoints(notADirectory.resolve("checkpoints"), 10_000);
        assertThatThrownBy(() -> trainer.train(petsAndVehicles(2000)))
                .isInstanceOf(EmbedkitException.class).hasMessageContaining("cannot write checkpoint");
    }

    @Test
    void aCheckpointLeftHalfWrittenByAKilledRunIsIgnored() throws Exception {
        Path checkpoints = dir.resolve("checkpoints");
        Word2VecSettings settings = small(Architecture.SKIP_GRAM, 1, true);
        new Word2VecTrainer(settings, SPLITTER).checkpoints(checkpoints, 20_000).train(petsAndVehicles(2000));
        long kept = ((Number) Checkpoint.load(checkpoints).state().get("words_done")).longValue();
        // What a kill during the next write leaves: a newer step directory that `latest` does not name yet.
        Files.createDirectories(checkpoints.resolve("step-999999999999999/model"));
        assertThat(((Number) Checkpoint.load(checkpoints).state().get("words_done")).longValue()).isEqualTo(kept);
    }

    @Test
    void progressReportsCountEveryWordAndEndWithTheLowestLearningRate() {
        List<TrainingProgress> reports = new ArrayList<>();
        new Word2VecTrainer(small(Architecture.SKIP_GRAM, 2, false), SPLITTER).listener(reports::add)
                .train(petsAndVehicles(2000));
        TrainingProgress last = reports.getLast();
        assertThat(last.words()).isEqualTo(last.totalWords()).isEqualTo(50_000);
        assertThat(last.epoch()).isEqualTo(5);
        assertThat(last.learningRate()).isCloseTo(0.025 * 1e-4, within(1e-9));
        assertThat(last.loss()).isPositive();
    }

    @Test
    void impossibleSettingsAreRefusedWithTheLimit() {
        assertThatThrownBy(() -> new Word2VecSettings(Architecture.CBOW, 0, 5, 5, 0, 1, 10, 1, 1, 0.05, 1, false))
                .isInstanceOf(BadInputException.class).hasMessageContaining("dim must be at least 1");
        assertThatThrownBy(() -> new Word2VecSettings(Architecture.CBOW, 10, 0, 5, 0, 1, 10, 1, 1, 0.05, 1, false))
                .hasMessageContaining("window must be at least 1");
        assertThatThrownBy(() -> new Word2VecSettings(Architecture.CBOW, 10, 5, -1, 0, 1, 10, 1, 1, 0.05, 1, false))
                .hasMessageContaining("negative must be 0 or more");
        assertThatThrownBy(() -> new Word2VecSettings(Architecture.CBOW, 10, 5, 5, 0, 1, 10, 0, 1, 0.05, 1, false))
                .hasMessageContaining("epochs must be at least 1");
        int tooMany = Word2VecSettings.maxThreads() + 1;
        assertThatThrownBy(() -> new Word2VecSettings(Architecture.CBOW, 10, 5, 5, 0, 1, 10, 1, tooMany, 0.05, 1, false))
                .hasMessageContaining("threads must be between 1 and " + (tooMany - 1));
        assertThatThrownBy(() -> new Word2VecSettings(Architecture.CBOW, 10, 5, 5, 0, 1, 10, 1, 1, 0, 1, false))
                .hasMessageContaining("alpha must be a positive");
        assertThatThrownBy(() -> new Word2VecSettings(Architecture.CBOW, 10, 5, 5, 0, 1, 10, 1, 2, 0.05, 1, true))
                .hasMessageContaining("deterministic run needs threads=1");
    }
}
