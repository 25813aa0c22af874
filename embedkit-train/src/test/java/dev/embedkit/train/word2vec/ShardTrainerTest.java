package dev.embedkit.train.word2vec;

import dev.embedkit.BadInputException;
import dev.embedkit.embed.Initializer;
import dev.embedkit.tensor.HeapMatrix;
import dev.embedkit.tokenize.WordSplitter;
import dev.embedkit.train.corpus.Corpus;
import dev.embedkit.train.corpus.LineSource;
import dev.embedkit.train.word2vec.Word2VecSettings.Architecture;
import dev.embedkit.vocab.Vocabulary;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ShardTrainerTest {
    private static final WordSplitter SPLITTER = new WordSplitter(WordSplitter.Mode.WHITESPACE, false);

    @Test
    void oneShardOnTheWholeCorpusIsTheSingleMachineRunBitForBit() {
        for (Architecture architecture : Architecture.values()) {
            Word2VecSettings settings = new Word2VecSettings(architecture, 8, 2, 3, 1e-2, 1, 1000, 1, 1,
                    Word2VecSettings.defaultAlpha(architecture), 7, true);
            Corpus corpus = Word2VecTrainerTest.petsAndVehicles(6000); // 30,000 words: the rate is updated twice
            Word2VecModel single = new Word2VecTrainer(settings, SPLITTER).train(corpus);
            Vocabulary vocabulary = single.vocabulary();

            float[] input = new Initializer.Word2VecUniform().create(vocabulary.size(), 8, 7).data();
            float[] output = new float[input.length];
            ShardTrainer shard = new ShardTrainer(new ShardContext(settings, vocabulary), input, output,
                    Word2VecRandom.forThread(7, 0).state());
            long words = shard.train(ids(corpus, vocabulary).iterator(), 0, 1);
            ShardDelta delta = shard.delta();

            assertThat(words).isEqualTo(30_000);
            assertThat(delta.rows()).hasSize(vocabulary.size());
            apply(delta, input, output);
            // snapshot + (trained − snapshot) may round the last bit of a float differently from trained.
            assertThat(input).as(architecture + " input").containsExactly(single.inputVectors().data(), within(1e-6f));
            assertThat(output).as(architecture + " output").containsExactly(single.outputVectors().data(), within(1e-6f));
        }
    }

    @Test
    void theDeltaHoldsOnlyTheRowsTrainingTouchedAndLeavesTheSnapshotAlone() {
        Vocabulary vocabulary = Vocabulary.of(List.of("a", "b", "c", "d"), new long[] {5, 5, 5, 5});
        // No noise words: only the rows of the sentence's words can change.
        Word2VecSettings settings = new Word2VecSettings(Architecture.SKIP_GRAM, 4, 1, 0, 0, 1, 10, 1, 1, 0.1, 1, true);
        float[] input = new Initializer.Word2VecUniform().create(4, 4, 1).data();
        float[] output = new float[16];
        Arrays.fill(output, 0.5f);
        float[] before = input.clone();
        ShardTrainer shard = new ShardTrainer(new ShardContext(settings, vocabulary), input, output, 3);
        shard.train(List.of(new int[] {0, 2}).iterator(), 0, 1);
        ShardDelta delta = shard.delta();

        assertThat(delta.rows()).containsExactly(0, 2);
        assertThat(delta.payloadBytes()).isEqualTo(2 * 2 * 4 * 4 + 2 * 4);
        assertThat(input).containsExactly(before);
        assertThat(delta.inputDelta()).isNotEqualTo(new float[8]);
    }

    @Test
    void theLearningRateFollowsTheWordsDoneAcrossTheCluster() {
        Vocabulary vocabulary = Vocabulary.of(List.of("a", "b"), new long[] {50, 50});
        Word2VecSettings settings = new Word2VecSettings(Architecture.SKIP_GRAM, 4, 1, 0, 0, 1, 10, 1, 1, 0.1, 1, true);
        float[] input = new Initializer.Word2VecUniform().create(2, 4, 1).data();
        float[] output = new float[8];
        Arrays.fill(output, 0.5f);
        // With 1,000 of 100 words done cluster-wide the rate is at its floor, alpha·1e-4: the step is about 10^4 times
        // smaller (not exactly: the second pair of the sentence sees what the first pair changed).
        ShardTrainer early = new ShardTrainer(new ShardContext(settings, vocabulary), input, output, 3);
        early.train(List.of(new int[] {0, 1}).iterator(), 0, 4);
        ShardTrainer late = new ShardTrainer(new ShardContext(settings, vocabulary), input, output, 3);
        late.train(List.of(new int[] {0, 1}).iterator(), 1000, 4);
        float earlyStep = Math.abs(early.delta().outputDelta()[0]);
        float lateStep = Math.abs(late.delta().outputDelta()[0]);
        assertThat(lateStep / earlyStep).isBetween(0.8e-4f, 1.2e-4f);
    }

    @Test
    void badSnapshotsAndIdsAreRefused() {
        Vocabulary vocabulary = Vocabulary.of(List.of("a", "b"), new long[] {1, 1});
        Word2VecSettings settings = new Word2VecSettings(Architecture.CBOW, 4, 1, 1, 0, 1, 10, 1, 1, 0.1, 1, true);
        ShardContext context = new ShardContext(settings, vocabulary);
        assertThatThrownBy(() -> new ShardTrainer(context, new float[7], new float[8], 1))
                .isInstanceOf(BadInputException.class).hasMessageContaining("vocabulary 2 × dim 4 = 8");
        ShardTrainer shard = new ShardTrainer(context, new float[8], new float[8], 1);
        assertThatThrownBy(() -> shard.train(List.of(new int[] {0, 2}).iterator(), 0, 1))
                .hasMessageContaining("2");
        Word2VecSettings hogBatch = new Word2VecSettings(Architecture.SKIP_GRAM, 4, 1, 1, 0, 1, 10, 1, 1, 0.1, 1,
                false, true);
        assertThatThrownBy(() -> new ShardContext(hogBatch, vocabulary)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("hogbatch");
    }

    private static void apply(ShardDelta delta, float[] input, float[] output) {
        int dim = delta.dim();
        for (int i = 0; i < delta.rows().length; i++) {
            for (int d = 0; d < dim; d++) {
                input[delta.rows()[i] * dim + d] += delta.inputDelta()[i * dim + d];
                output[delta.rows()[i] * dim + d] += delta.outputDelta()[i * dim + d];
            }
        }
    }

    private static List<int[]> ids(Corpus corpus, Vocabulary vocabulary) {
        List<int[]> sentences = new ArrayList<>();
        try (LineSource lines = corpus.whole().open()) {
            for (String line = lines.nextLine(); line != null; line = lines.nextLine()) {
                sentences.add(SPLITTER.split(line).stream().mapToInt(vocabulary::find).filter(id -> id >= 0).toArray());
            }
        }
        return sentences;
    }
}
