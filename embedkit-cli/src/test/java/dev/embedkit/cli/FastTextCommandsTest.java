package dev.embedkit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.embedkit.embed.EmbeddingTable;
import dev.embedkit.fasttext.FastTextArgs;
import dev.embedkit.fasttext.FastTextFormat;
import dev.embedkit.fasttext.FastTextModel;
import dev.embedkit.io.EmbeddingFiles;
import dev.embedkit.search.Neighbor;
import dev.embedkit.search.NeighborIndex;
import dev.embedkit.subword.CharNgrams;
import dev.embedkit.subword.SubwordVectors;
import dev.embedkit.tensor.HeapMatrix;
import dev.embedkit.vocab.Vocabulary;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The commands on a fastText .bin: out-of-vocabulary words get vectors from their n-grams, and say so. */
class FastTextCommandsTest {
    private static final List<String> WORDS = List.of("king", "queen", "man", "woman", "prince", "princess", "apple",
            "pear", "kingdom", "naïve");

    @TempDir
    static Path dir;
    static Path bin;
    static FastTextModel model;

    @BeforeAll
    static void write() {
        Random random = new Random(3);
        int dim = 4;
        HeapMatrix words = HeapMatrix.zeros(WORDS.size(), dim);
        HeapMatrix buckets = HeapMatrix.zeros(31, dim);
        for (HeapMatrix m : List.of(words, buckets)) {
            for (int i = 0; i < m.data().length; i++) {
                m.data()[i] = (float) random.nextGaussian();
            }
        }
        SubwordVectors vectors = new SubwordVectors(Vocabulary.of(WORDS), words, buckets, new CharNgrams(2, 3, 31));
        FastTextArgs args = new FastTextArgs(dim, 5, 5, 1, 5, 1, FastTextArgs.LOSS_NS, FastTextArgs.MODEL_SKIPGRAM, 31,
                2, 3, 100, 1e-4);
        model = new FastTextModel(args, vectors, 0, HeapMatrix.zeros(WORDS.size(), dim), 0);
        bin = dir.resolve("model.bin");
        FastTextFormat.write(model, bin);
    }

    private static CliRun ok(String... args) {
        CliRun run = CliRun.of(args);
        assertThat(run.exitCode()).as(run.err()).isZero();
        return run;
    }

    private static JsonNode json(String... args) throws Exception {
        return new ObjectMapper().readTree(ok(args).out());
    }

    @Test
    void infoShowsTheSubwordSettings() throws Exception {
        assertThat(ok("info", bin.toString()).out()).contains("format         fasttext-bin", "V=10 tokens × d=4",
                "character n-grams of 2..3 in 31 buckets", "unknown words  get the mean of their n-gram rows");
        JsonNode info = json("info", bin.toString(), "--format", "json");
        assertThat(info.get("fasttext").get("buckets").asInt()).isEqualTo(31);
        assertThat(info.get("fasttext").get("maxn").asInt()).isEqualTo(3);
    }

    @Test
    void neighborsOfAnOovWordUseItsNgramVector() throws Exception {
        String text = ok("neighbors", bin.toString(), "kings", "king", "-k", "3").out();
        int ngrams = model.find("kings").ngrams();
        assertThat(text).contains("nearest to 'kings' (OOV: from " + ngrams + " n-grams)", "nearest to 'king' (ID 0)");
        JsonNode result = json("neighbors", bin.toString(), "kings", "-k", "3", "--format", "json").get(0);
        assertThat(result.get("id").asInt()).isEqualTo(-1);
        assertThat(result.get("oov").asBoolean()).isTrue();
        List<Neighbor> expected = new NeighborIndex(model.table()).nearest(model.wordVector("kings"), 3, Set.of());
        for (int i = 0; i < 3; i++) {
            assertThat(result.get("neighbors").get(i).get("token").asText()).isEqualTo(expected.get(i).token());
        }
    }

    @Test
    void embedMarksOovRows() throws Exception {
        String text = ok("embed", bin.toString(), "king kingz naïveté").out();
        assertThat(text).contains("2. IDs        [0, OOV, OOV]", "OOV kingz", "(OOV: from " + model.find("kingz").ngrams()
                + " n-grams)");
        JsonNode json = json("embed", bin.toString(), "queen naïveté", "--format", "json");
        assertThat(json.get("ids").get(1).asInt()).isEqualTo(-1);
        float[] expected = model.wordVector("naïveté");
        for (int c = 0; c < expected.length; c++) {
            assertThat((float) json.get("matrix").get(1).get(c).asDouble()).isEqualTo(expected[c]);
        }
    }

    @Test
    void analogyAndUnembedTakeOovWords() throws Exception {
        JsonNode analogy = json("analogy", bin.toString(), "king", "kings", "queen", "-k", "9", "--format", "json");
        assertThat(analogy.get("oov").get("kings").asInt()).isEqualTo(model.find("kings").ngrams());
        List<String> answers = analogy.get("answers").findValuesAsText("token");
        assertThat(answers).hasSize(8).doesNotContain("king", "kings", "queen"); // 10 rows less king and queen
        assertThat(ok("analogy", bin.toString(), "king - man + womanly").out())
                .contains("'womanly' is not in the vocabulary (OOV: from");
        assertThat(ok("unembed", bin.toString(), "--token", "queens", "-k", "2").out())
                .contains("h = vector of 'queens' (OOV: from");
        assertThat(ok("unembed", bin.toString(), "--expr", "kings - man", "-k", "2").out())
                .contains("(OOV: kings, from their n-grams)");
    }

    @Test
    void convertWritesTheWordsVectorsOrTheWholeModel() {
        Path vec = dir.resolve("words.vec");
        ok("convert", bin.toString(), vec.toString());
        EmbeddingTable table = EmbeddingFiles.load(vec);
        assertThat(table.lookup("naïve")).containsExactly(model.wordVector("naïve"));
        Path copy = dir.resolve("copy.bin");
        ok("convert", bin.toString(), copy.toString(), "--to", "fasttext-bin");
        assertThat(FastTextFormat.read(copy).wordVector("kingz")).containsExactly(model.wordVector("kingz"));
    }

    @Test
    void evalWithOovVectorsAsksQuestionsWithOovWords() throws Exception {
        Path questions = Files.writeString(dir.resolve("q.txt"), ": family\nkings queens prince princess\n"
                + "man woman king queen\n");
        Path pairs = Files.writeString(dir.resolve("p.tsv"), "kings\tqueen\t8\nman\twoman\t7\napple\tpears\t1\n");
        JsonNode plain = json("eval", bin.toString(), "--analogies", questions.toString(), "--similarity",
                pairs.toString(), "--format", "json");
        assertThat(plain.get("analogies").get("total").get("asked").asInt()).isEqualTo(1);
        assertThat(plain.get("similarity").get(0).get("used").asInt()).isEqualTo(1);
        JsonNode oov = json("eval", bin.toString(), "--analogies", questions.toString(), "--similarity",
                pairs.toString(), "--oov-vectors", "--format", "json");
        assertThat(oov.get("analogies").get("total").get("asked").asInt()).isEqualTo(2);
        assertThat(oov.get("similarity").get(0).get("used").asInt()).isEqualTo(3);
        assertThat(ok("eval", bin.toString(), "--similarity", pairs.toString(), "--oov-vectors").out())
                .contains("0 of 3 skipped");

        Path vec = dir.resolve("plain.vec");
        ok("convert", bin.toString(), vec.toString());
        CliRun refused = CliRun.of("eval", vec.toString(), "--similarity", pairs.toString(), "--oov-vectors");
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains("--oov-vectors needs a model that builds vectors for unknown words");
    }

    @Test
    void anOovWordWithoutNgramsIsAClearError() {
        Path plain = dir.resolve("plain.bin");
        FastTextFormat.write(FastTextModel.ofTable(model.table()), plain);
        CliRun run = CliRun.of("neighbors", plain.toString(), "kings");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("'kings' is not in the vocabulary and has no n-grams in the model");
    }
}
