package dev.embedkit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.embedkit.embed.EmbeddingTable;
import dev.embedkit.fasttext.FastTextFormat;
import dev.embedkit.fasttext.FastTextModel;
import dev.embedkit.io.EmbeddingFiles;
import dev.embedkit.io.ModelDirectory;
import dev.embedkit.subword.CharNgrams;
import dev.embedkit.subword.SubwordModelFiles;
import dev.embedkit.subword.SubwordVectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code train --subwords} and the query commands on the model it writes: unknown words get n-gram vectors. */
class SubwordCommandsTest {
    @TempDir
    static Path dir;
    static Path corpus;
    static Path model;
    static SubwordVectors vectors;

    @BeforeAll
    static void train() throws Exception {
        corpus = TopicCorpus.write(dir.resolve("corpus.txt"), new String[][] {
                {"kingdom", "kingship", "kings", "crown", "throne"}, {"farmer", "farming", "farms", "field", "plough"}},
                7);
        model = dir.resolve("model");
        vectors = trainSubwordModel(model, "--save-word2vec", dir.resolve("words.bin").toString());
    }

    /** 6,000 words an epoch, three epochs, one thread, scalar kernels: the same vectors every time. */
    private static SubwordVectors trainSubwordModel(Path output, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("train", corpus.toString(), "-o", output.toString(),
                "--subwords", "3:5", "--buckets", "5000", "--dim", "8", "--epochs", "3", "--min-count", "1",
                "--threads", "1", "--deterministic"));
        args.addAll(List.of(more));
        ok(args.toArray(String[]::new));
        return (SubwordVectors) SubwordModelFiles.wordVectors(ModelDirectory.open(output));
    }

    private static CliRun ok(String... args) {
        CliRun run = CliRun.of(args);
        assertThat(run.exitCode()).as(run.err()).isZero();
        return run;
    }

    @Test
    void theModelDirectoryRecordsTheNgramsAndInfoShowsThem() throws Exception {
        JsonNode config = new ObjectMapper().readTree(model.resolve("config.json").toFile());
        assertThat(config.get("subwords").get("minn").asInt()).isEqualTo(3);
        assertThat(config.get("subwords").get("maxn").asInt()).isEqualTo(5);
        assertThat(config.get("subwords").get("buckets").asInt()).isEqualTo(5000);
        assertThat(vectors.ngrams()).isEqualTo(new CharNgrams(3, 5, 5000));
        assertThat(ok("info", model.toString()).out()).contains("character n-grams of 3..5 in 5000 buckets",
                "unknown words  get the mean of their n-gram rows");
    }

    @Test
    void saveWord2vecWritesTheWordsComposedVectorsAsFastTextsVecDoes() {
        EmbeddingTable saved = EmbeddingFiles.load(dir.resolve("words.bin"));
        assertThat(saved.vocabularySize()).isEqualTo(vectors.vocabulary().size());
        for (String word : List.of("kings", "farmer", "plough")) {
            assertThat(saved.lookup(word)).as(word).containsExactly(vectors.vector(word)); // row and n-grams' mean
            assertThat(saved.lookup(word)).as(word).isNotEqualTo(vectors.wordRows().row(vectors.vocabulary().id(word)));
        }
    }

    @Test
    void queryCommandsGiveOovWordsTheirNgramVectorAndSaySo() throws Exception {
        int ngrams = vectors.find("kingly").ngrams();
        assertThat(ok("neighbors", model.toString(), "kingly", "-k", "2").out())
                .contains("nearest to 'kingly' (OOV: from " + ngrams + " n-grams)");
        assertThat(ok("embed", model.toString(), "kingly crown").out()).contains("[OOV, ", "OOV kingly");
        JsonNode embedded = new ObjectMapper().readTree(ok("embed", model.toString(), "kingly", "--format", "json").out());
        float[] expected = vectors.vector("kingly");
        for (int c = 0; c < expected.length; c++) {
            assertThat((float) embedded.get("matrix").get(0).get(c).asDouble()).isEqualTo(expected[c]);
        }
        assertThat(ok("analogy", model.toString(), "kings - kingly + farmer").out())
                .contains("'kingly' is not in the vocabulary (OOV: from");
        assertThat(ok("unembed", model.toString(), "--token", "farmed", "-k", "2").out())
                .contains("h = vector of 'farmed' (OOV: from");
    }

    @Test
    void serveGivesOovWordsTheirNgramVectorsToo() {
        dev.embedkit.server.ServedModel served = ServeCommand.open("sub=" + model, new TokenizerOptions());
        assertThat(served.words().find("kingly").oov()).isTrue();
        assertThat(served.words().find("kingly").values()).containsExactly(vectors.vector("kingly"));
        assertThat(served.table().vocabularySize()).isEqualTo(vectors.vocabulary().size());
    }

    @Test
    void evalWithOovVectorsScoresPairsWithUnseenWords() throws Exception {
        Path pairs = Files.writeString(dir.resolve("pairs.tsv"), "kingly\tkings\t9\nkingly\tfarms\t1\nfarmed\tfarmer\t8\n"
                + "crown\tthrone\t7\n");
        ObjectMapper json = new ObjectMapper();
        JsonNode plain = json.readTree(ok("eval", model.toString(), "--similarity", pairs.toString(), "--format", "json")
                .out());
        assertThat(plain.get("similarity").get(0).get("used").asInt()).isEqualTo(1);
        JsonNode oov = json.readTree(ok("eval", model.toString(), "--similarity", pairs.toString(), "--oov-vectors",
                "--format", "json").out());
        assertThat(oov.get("similarity").get(0).get("used").asInt()).isEqualTo(4);
    }

    @Test
    void convertToFastTextBinKeepsEveryWordsVector() {
        Path bin = dir.resolve("model.bin");
        ok("convert", model.toString(), bin.toString(), "--to", "fasttext-bin");
        FastTextModel read = FastTextFormat.read(bin);
        assertThat(read.buckets()).isEqualTo(5000);
        for (String word : List.of("kingdom", "plough", "kingly", "farmed", "xyz")) {
            assertThat(read.wordVector(word)).as(word).containsExactly(vectors.vector(word));
        }
        Path copy = dir.resolve("copy");
        ok("convert", model.toString(), copy.toString());
        assertThat(SubwordModelFiles.wordVectors(ModelDirectory.open(copy)).find("kingly").values())
                .containsExactly(vectors.vector("kingly"));
    }

    @Test
    void aRunResumedFromItsCheckpointEndsWithTheVectorsOfAnUninterruptedOne() {
        Path checkpoints = dir.resolve("checkpoints");
        trainSubwordModel(dir.resolve("checkpointed"), "--checkpoint-every", "10000", "--checkpoint-dir",
                checkpoints.toString());
        assertThat(checkpoints.resolve("latest")).exists();
        Path resumed = dir.resolve("resumed");
        ok("train", "--resume", checkpoints.toString(), "-o", resumed.toString());
        SubwordVectors again = (SubwordVectors) SubwordModelFiles.wordVectors(ModelDirectory.open(resumed));
        assertThat(again.ngrams()).isEqualTo(vectors.ngrams());
        for (String word : List.of("kingdom", "plough", "kingly", "farmed")) {
            assertThat(again.vector(word)).as(word).containsExactly(vectors.vector(word));
        }
        CliRun respecified = CliRun.of("train", "--resume", checkpoints.toString(), "-o", dir.resolve("x").toString(),
                "--subwords", "2:4");
        assertThat(respecified.exitCode()).isEqualTo(1);
        assertThat(respecified.err()).contains("--subwords and --buckets are recorded in the checkpoint");
    }

    @Test
    void badSubwordOptionsAreClearErrors() {
        CliRun lengths = CliRun.of("train", "bundled", "-o", dir.resolve("x").toString(), "--subwords", "6:3");
        assertThat(lengths.exitCode()).isEqualTo(1);
        assertThat(lengths.err()).contains("--subwords 6:3: need 1 <= MINN <= MAXN");
        CliRun buckets = CliRun.of("train", "bundled", "-o", dir.resolve("x").toString(), "--buckets", "10");
        assertThat(buckets.err()).contains("--buckets sets the n-gram buckets of --subwords; add --subwords");
        CliRun hogBatch = CliRun.of("train", "bundled", "-o", dir.resolve("x").toString(), "--hogbatch", "--subwords");
        assertThat(hogBatch.err()).contains("--hogbatch trains words only; it does not combine with --subwords");
        CliRun nextToken = CliRun.of("train", "bundled", "-o", dir.resolve("x").toString(), "--model", "next-token",
                "--subwords", "3:6");
        assertThat(nextToken.err()).contains("--subwords does not apply to --model next-token");
    }
}
