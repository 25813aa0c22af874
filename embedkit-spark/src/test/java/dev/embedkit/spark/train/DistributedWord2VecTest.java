package dev.embedkit.spark.train;

import dev.embedkit.embed.Cosine;
import dev.embedkit.embed.EmbeddingTable;
import dev.embedkit.io.ModelDirectory;
import dev.embedkit.spark.LocalSpark;
import dev.embedkit.tokenize.WordSplitter;
import dev.embedkit.train.corpus.Corpus;
import dev.embedkit.train.word2vec.Word2VecModel;
import dev.embedkit.train.word2vec.Word2VecSettings;
import dev.embedkit.train.word2vec.Word2VecSettings.Architecture;
import dev.embedkit.train.word2vec.Word2VecTrainer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.InstanceOfAssertFactories;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class DistributedWord2VecTest {
    private static final WordSplitter SPLITTER = new WordSplitter(WordSplitter.Mode.WHITESPACE, false);

    @TempDir
    Path dir;

    /**
     * Four topics, each with two centre words and eight context words of its own: a centre word should end up
     * nearer its topic partner than any other topic's centre words.
     */
    static List<String> topics(int sentences) {
        String[] topics = {"pet", "car", "food", "sea"};
        SplittableRandom random = new SplittableRandom(11);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < sentences; i++) {
            String topic = topics[random.nextInt(topics.length)];
            List<String> words = new ArrayList<>();
            for (int w = 0; w < 6; w++) {
                words.add(topic + "_ctx" + random.nextInt(8));
            }
            words.add(3, topic + "_centre" + random.nextInt(2));
            lines.add(String.join(" ", words));
        }
        return lines;
    }

    private static Word2VecSettings settings(Architecture architecture) {
        return new Word2VecSettings(architecture, 16, 3, 5, 0, 1, Integer.MAX_VALUE, 3, 1,
                Word2VecSettings.defaultAlpha(architecture), 42, false);
    }

    /** How many centre words have their topic partner as nearest centre word (out of 8). */
    private static int partnersFound(EmbeddingTable table) {
        String[] topics = {"pet", "car", "food", "sea"};
        int found = 0;
        for (String topic : topics) {
            for (int c = 0; c < 2; c++) {
                String word = topic + "_centre" + c;
                String best = null;
                double bestCosine = -2;
                for (String other : topics) {
                    for (int o = 0; o < 2; o++) {
                        String candidate = other + "_centre" + o;
                        double cosine = Cosine.between(table.lookup(word), table.lookup(candidate));
                        if (!candidate.equals(word) && cosine > bestCosine) {
                            best = candidate;
                            bestCosine = cosine;
                        }
                    }
                }
                found += best.equals(topic + "_centre" + (1 - c)) ? 1 : 0;
            }
        }
        return found;
    }


    @Test
    void bothArchitecturesLearnTheTopicsLikeTheSingleMachineRunAndWriteAModelDirectory() {
        List<String> lines = topics(4000);
        Dataset<String> text = LocalSpark.session().createDataset(lines, Encoders.STRING());
        for (Architecture architecture : Architecture.values()) {
            DistributedWord2Vec trainer = new DistributedWord2Vec(settings(architecture), SPLITTER, 2, 4,
                    DeltaMerge.SUM);
            Word2VecModel distributed = trainer.train(text, "topics");
            Word2VecModel single = new Word2VecTrainer(settings(architecture), SPLITTER)
                    .train(Corpus.ofLines("topics", lines));

            assertThat(distributed.vocabulary().tokens()).isEqualTo(single.vocabulary().tokens());
            assertThat(partnersFound(single.table())).as("single-machine " + architecture).isEqualTo(8);
            assertThat(partnersFound(distributed.table())).as("distributed " + architecture).isEqualTo(8);
            // Every round, each of the 2 partitions sends back at most every row of both tables.
            long perRoundLimit = 2L * (2L * 40 * 16 * Float.BYTES + 40L * Integer.BYTES);
            assertThat(trainer.bytesReceived()).isPositive().isLessThanOrEqualTo(3 * 4 * perRoundLimit);

            Path model = dir.resolve(architecture.name());
            distributed.save(model);
            ModelDirectory opened = ModelDirectory.open(model);
            assertThat(opened.table().vocabularySize()).isEqualTo(40);
            assertThat(opened.table().lookup("pet_centre0")).containsExactly(distributed.table().lookup("pet_centre0"));
            assertThat(opened.config().extra().get("training")).asInstanceOf(InstanceOfAssertFactories.MAP)
                    .containsEntry("corpus", "topics");
        }
    }
}
