package dev.embedkit.train.word2vec;

import dev.embedkit.BadInputException;
import dev.embedkit.embed.Cosine;
import dev.embedkit.embed.Initializer;
import dev.embedkit.embed.WordVectors;
import dev.embedkit.io.ModelDirectory;
import dev.embedkit.subword.CharNgrams;
import dev.embedkit.subword.SubwordIndex;
import dev.embedkit.subword.SubwordModelFiles;
import dev.embedkit.subword.SubwordVectors;
import dev.embedkit.tokenize.WordSplitter;
import dev.embedkit.train.corpus.Corpus;
import dev.embedkit.train.word2vec.Word2VecSettings.Architecture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.StringJoiner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class Word2VecSubwordsTest {
    private static final WordSplitter SPLITTER = new WordSplitter(WordSplitter.Mode.WHITESPACE, false);
    private static final CharNgrams NGRAMS = new CharNgrams(3, 6, 100_000);

    @TempDir
    Path dir;

    /** Red things among one set of context words, blue things among another; no context word contains red or blue. */
    static Corpus redAndBlue(int sentences) {
        String[][] things = {{"redcat", "reddog", "redhen"}, {"bluecar", "bluebus", "bluevan"}};
        String[][] contexts = {{"pet", "fur", "feed", "vet", "tail", "paw", "sleeps", "purrs"},
                {"road", "drive", "wheel", "fuel", "park", "engine", "seat", "ticket"}};
        SplittableRandom random = new SplittableRandom(5);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < sentences; i++) {
            int family = random.nextInt(2);
            StringJoiner line = new StringJoiner(" ");
            for (int position = 0; position < 5; position++) { // the thing in the middle, its context around it
                String[] pick = position == 2 ? things[family] : contexts[family];
                line.add(pick[random.nextInt(pick.length)]);
            }
            lines.add(line.toString());
        }
        return Corpus.ofLines("red and blue", lines);
    }

    private static Word2VecSettings small(Architecture architecture) {
        return new Word2VecSettings(architecture, 16, 2, 5, 0, 1, Integer.MAX_VALUE, 5, 1,
                Word2VecSettings.defaultAlpha(architecture), 42, true);
    }


    @Test
    void twoSkipGramEpochsMatchTheGradientComputedByHand() {
        // Corpus "ab cd", window 1, no noise words, no subsampling, alpha 0.1 throughout. Each word's input vector
        // is the mean of its row and its two 3-grams' rows ("<ab" "ab>"). Epoch 1: the output vectors are zero, so
        // out[cd] = g·h(ab), out[ab] = g·h(cd) with g = (1 − σ(0))·0.1, and the inputs' gradient is zero.
        // Epoch 2, ab: s = h(ab)·out[cd], g = (1 − σ(s))·0.1; each of ab's three rows += g·out[cd] (the old out),
        // then out[cd] += g·h(ab); then cd likewise against out[ab].
        CharNgrams ngrams = new CharNgrams(3, 3, 1000);
        Word2VecSettings settings = new Word2VecSettings(Architecture.SKIP_GRAM, 4, 1, 0, 0, 1, 10, 2, 1, 0.1, 9, true);
        Word2VecModel model = new Word2VecTrainer(settings, SPLITTER).subwords(ngrams)
                .train(Corpus.ofLines("toy", List.of("ab cd")));
        int ab = model.vocabulary().id("ab");
        int cd = model.vocabulary().id("cd");
        SubwordIndex index = SubwordIndex.of(model.vocabulary(), ngrams);
        assertThat(index.usedBucketCount()).isEqualTo(4);

        // The initial rows, as the trainer draws them (fastText's uniform(±1/d)): the words' table, then the used
        // buckets' table.
        float[] wordInit = new Initializer.FastTextUniform().create(2, 4, 9).data();
        float[] bucketInit = new Initializer.FastTextUniform().create(4, 4, 9 ^ 0x5EED_B0C4L).data();
        double[][] rows = new double[6][4];
        for (int r = 0; r < 6; r++) {
            for (int i = 0; i < 4; i++) {
                rows[r][i] = r < 2 ? wordInit[r * 4 + i] : bucketInit[(r - 2) * 4 + i];
            }
        }
        double[][] out = new double[2][4];
        for (int epoch = 0; epoch < 2; epoch++) {
            step(rows, index.rows(ab), out[cd]);
            step(rows, index.rows(cd), out[ab]);
        }
        SubwordVectors trained = model.subwords();
        // 2e-5: the trainer's σ comes from a 1000-step table, the hand computation's from Math.exp.
        for (int r = 0; r < 6; r++) {
            float[] actual = r < 2 ? trained.wordRows().row(r) : trained.storedBucketRows().row(r - 2);
            for (int i = 0; i < 4; i++) {
                assertThat(actual[i]).as("row %d [%d]", r, i).isCloseTo((float) rows[r][i], within(2e-5f));
            }
        }
        for (int w : new int[]{ab, cd}) {
            for (int i = 0; i < 4; i++) {
                assertThat(model.outputVectors().get(w, i)).isCloseTo((float) out[w][i], within(2e-5f));
            }
        }
        // The table every command reads holds the composed vectors: the mean of each word's three rows.
        for (int w : new int[]{ab, cd}) {
            for (int i = 0; i < 4; i++) {
                double mean = 0;
                for (int r : index.rows(w)) {
                    mean += rows[r][i] / 3;
                }
                assertThat(model.table().weights().get(w, i)).isCloseTo((float) mean, within(2e-5f));
            }
        }
    }

    /** One positive pair by hand: h = mean of the rows; g = (1 − σ(h·out))·0.1; each row += g·out; out += g·h. */
    private static void step(double[][] rows, int[] wordRows, double[] out) {
        double[] hidden = new double[out.length];
        for (int r : wordRows) {
            for (int i = 0; i < out.length; i++) {
                hidden[i] += rows[r][i] / wordRows.length;
            }
        }
        double score = 0;
        for (int i = 0; i < out.length; i++) {
            score += hidden[i] * out[i];
        }
        double g = (1 - 1 / (1 + Math.exp(-score))) * 0.1;
        for (int r : wordRows) {
            for (int i = 0; i < out.length; i++) {
                rows[r][i] += g * out[i];
            }
        }
        for (int i = 0; i < out.length; i++) {
            out[i] += g * hidden[i];
        }
    }

    @Test
    void unseenWordsLandNearTheWordsTheyShareNgramsWith() {
        for (Architecture architecture : Architecture.values()) {
            Word2VecModel model = new Word2VecTrainer(small(architecture), SPLITTER).subwords(NGRAMS)
                    .train(redAndBlue(3000));
            SubwordVectors words = model.subwords();
            assertThat(model.vocabulary().find("redfox")).isNegative();
            float[] redFox = words.vector("redfox");
            float[] blueTram = words.vector("bluetram");
            assertThat(Cosine.between(redFox, words.vector("redcat"))).as(architecture.name())
                    .isGreaterThan(Cosine.between(redFox, words.vector("bluecar")) + 0.2);
            assertThat(Cosine.between(blueTram, words.vector("bluebus"))).as(architecture.name())
                    .isGreaterThan(Cosine.between(blueTram, words.vector("reddog")) + 0.2);
        }
    }

    @Test
    void aSingleThreadSeededRunRepeatsBitForBit() {
        for (Architecture architecture : Architecture.values()) {
            Word2VecModel first = new Word2VecTrainer(small(architecture), SPLITTER).subwords(NGRAMS).train(redAndBlue(300));
            Word2VecModel second = new Word2VecTrainer(small(architecture), SPLITTER).subwords(NGRAMS).train(redAndBlue(300));
            assertThat(second.table().weights().toHeap().data()).as(architecture.name())
                    .isEqualTo(first.table().weights().toHeap().data());
            assertThat(second.subwords().storedBucketRows().toHeap().data()).as(architecture.name())
                    .isEqualTo(first.subwords().storedBucketRows().toHeap().data());
        }
    }

    @Test
    void aSavedSubwordModelOpensWithTheSameVectorsForKnownAndUnknownWords() {
        Word2VecModel model = new Word2VecTrainer(small(Architecture.SKIP_GRAM), SPLITTER).subwords(NGRAMS)
                .train(redAndBlue(500));
        Path saved = dir.resolve("model");
        model.save(saved);

        ModelDirectory opened = ModelDirectory.open(saved);
        assertThat(SubwordModelFiles.ngrams(opened)).isEqualTo(NGRAMS);
        WordVectors words = SubwordModelFiles.wordVectors(opened);
        assertThat(words).isInstanceOf(SubwordVectors.class);
        for (String word : List.of("redcat", "road", "bluevan")) {
            assertThat(words.find(word).values()).isEqualTo(model.subwords().vector(word));
            assertThat(words.find(word).oov()).isFalse();
        }
        assertThat(words.find("redfox").oov()).isTrue();
        assertThat(words.find("redfox").values()).isEqualTo(model.subwords().vector("redfox"));
        assertThat(opened.table().weights().toHeap().data()).isEqualTo(model.table().weights().toHeap().data());
    }

    @Test
    void subwordsNeedNgrams() {
        assertThatThrownBy(() -> new Word2VecTrainer(small(Architecture.CBOW), SPLITTER).subwords(new CharNgrams(0, 0, 0)))
                .isInstanceOf(BadInputException.class).hasMessageContaining("subwords need n-grams");
    }
}
