package dev.embedkit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.embedkit.embed.Cosine;
import dev.embedkit.embed.EmbeddingTable;
import dev.embedkit.embed.Initializer;
import dev.embedkit.embed.WordVector;
import dev.embedkit.io.ModelDirectory;
import dev.embedkit.search.NeighborIndex;
import dev.embedkit.tokenize.TokenText;
import dev.embedkit.tokenize.Tokenizer;
import dev.embedkit.tokenize.Tokenizers;
import dev.embedkit.tokenize.hf.ByteLevelBpeJson;
import dev.embedkit.train.corpus.Corpus;
import dev.embedkit.train.tokenizer.BpeTrainer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** train --tokenizer (word2vec over subword tokens), its queries, train --watch and tour's learned step. */
class SubwordTrainingTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static Path corpus;
    static Path tokenizerDir;
    static Tokenizer tokenizer;
    static Path model;
    static Path log;

    @BeforeAll
    static void trainTokenizerAndModel() throws Exception {
        corpus = TopicCorpus.write(dir.resolve("corpus.txt"));
        BpeTrainer.Result bpe = BpeTrainer.train(Corpus.open(corpus), 300, 2);
        tokenizerDir = dir.resolve("tokenizer");
        Files.createDirectories(tokenizerDir);
        ByteLevelBpeJson.write(tokenizerDir.resolve(Tokenizers.TOKENIZER_JSON), bpe.vocab(), bpe.merges(), Set.of());
        tokenizer = Tokenizers.load(tokenizerDir);
        model = dir.resolve("model");
        log = dir.resolve("log.jsonl");
        CliRun run = CliRun.of("train", corpus.toString(), "--tokenizer", tokenizerDir.toString(), "-o", model.toString(),
                "--dim", "8", "--min-count", "1", "--epochs", "2", "--threads", "1", "--deterministic", "--seed", "3",
                "--log", log.toString(), "--watch", "cat:dog", "--watch", "car:catapult");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("V=" + tokenizer.vocabularySize(), "watched cosine: cat:dog ");
    }

    @Test
    void theModelKeepsTheTokenizerAndMapsTextToItsIds() throws Exception {
        assertThat(Files.readString(model.resolve("tokenizer.json")))
                .isEqualTo(Files.readString(tokenizerDir.resolve("tokenizer.json")));
        JsonNode config = JSON.readTree(model.resolve("config.json").toFile());
        assertThat(config.get("tokenizer").asText()).isEqualTo("subword");
        assertThat(config.get("tokenizer_files").get(0).asText()).isEqualTo("tokenizer.json");

        String text = "cat dog road wheelbarrow";
        JsonNode embedded = JSON.readTree(CliRun.of("embed", model.toString(), text, "--format", "json").out());
        int[] ids = new int[embedded.get("ids").size()];
        Arrays.setAll(ids, i -> embedded.get("ids").get(i).asInt());
        assertThat(ids).isEqualTo(tokenizer.encode(text));
        EmbeddingTable table = ModelDirectory.open(model).table();
        assertThat(embedded.get("matrix").get(1).get(0).floatValue()).isEqualTo(table.weights().row(ids[1])[0]);
    }

    @Test
    void neighboursShowReadableTokensAndTheQueryToken() throws Exception {
        int dog = tokenizer.encode(" dog")[0];
        CliRun run = CliRun.of("neighbors", model.toString(), "dog", "-k", "4");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("nearest to 'dog' (ID " + dog + ", token \" dog\")").doesNotContain("Ġ");
        JsonNode found = JSON.readTree(CliRun.of("neighbors", model.toString(), "dog", "-k", "4", "--format", "json").out());
        for (JsonNode n : found.get(0).get("neighbors")) {
            assertThat(run.out()).contains(String.format("%-20s %8d", TokenText.readable(tokenizer, n.get("id").asInt()),
                    n.get("id").asInt()));
        }
        // the same topic wins: "dog"'s neighbours are the pet words' tokens
        assertThat(TokenText.text(tokenizer, found.get(0).get("neighbors").get(0).get("id").asInt()))
                .isIn(" cat", " pet", " fur", " paw");
    }

    @Test
    void serveAnswersATokenModelTokenByToken() {
        // the CLI composes "catapult" from its tokens; the server names tokens, so it knows no such word
        assertThat(LoadedModel.open(model, new TokenizerOptions()).words().find("catapult")).isNotNull();
        assertThat(ServeCommand.open("tokens=" + model, new TokenizerOptions()).words().find("catapult")).isNull();
    }

    @Test
    void aWordThatIsNotOneTokenGetsTheExactMeanOfItsTokensRows() {
        LoadedModel loaded = LoadedModel.open(model, new TokenizerOptions());
        int[] ids = tokenizer.encode(" catapult");
        assertThat(ids.length).isGreaterThan(1);
        WordVector vector = loaded.words().find("catapult");
        assertThat(vector.oov()).isTrue();
        assertThat(vector.ngrams()).isEqualTo(ids.length);
        float[] expected = new float[loaded.table().dim()];
        for (int id : ids) {
            float[] row = loaded.table().weights().row(id);
            for (int c = 0; c < expected.length; c++) {
                expected[c] += row[c];
            }
        }
        for (int c = 0; c < expected.length; c++) {
            expected[c] /= ids.length;
        }
        assertThat(vector.values()).isEqualTo(expected);
        CliRun run = CliRun.of("neighbors", model.toString(), "catapult", "-k", "2");
        assertThat(run.out()).contains("'catapult' (not one token: composed, the mean of the rows of its " + ids.length
                + " subword tokens \" cat\"");
    }

    @Test
    void watchedCosinesOfTheLastReportAreThoseOfTheFinalTable() throws Exception {
        List<String> lines = Files.readAllLines(log);
        JsonNode last = JSON.readTree(lines.getLast());
        EmbeddingTable table = ModelDirectory.open(model).table();
        int cat = tokenizer.encode(" cat")[0];
        int dog = tokenizer.encode(" dog")[0];
        assertThat(tokenizer.encode(" cat")).hasSize(1);
        double expected = Cosine.between(table.weights().row(cat), table.weights().row(dog));
        assertThat(last.get("watch").get("cat:dog").asDouble()).isEqualTo(expected);
        assertThat(expected).isGreaterThan(0.5); // the two words share their contexts
        assertThat(last.get("watch").has("car:catapult")).isTrue(); // a composed word can be watched too
    }

    @Test
    void optionsThatDoNotFitATokenizerAndAMissingTokenizerFileAreRefused() throws Exception {
        CliRun refused = CliRun.of("train", corpus.toString(), "--tokenizer", tokenizerDir.toString(), "-o",
                dir.resolve("x").toString(), "--max-vocab", "100");
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.err()).contains("--max-vocab does not apply with --tokenizer");

        CliRun noWord = CliRun.of("train", corpus.toString(), "-o", dir.resolve("y").toString(), "--min-count", "1",
                "--epochs", "1", "--watch", "cat:zebra");
        assertThat(noWord.exitCode()).isNotZero();
        assertThat(noWord.err()).contains("--watch cat:zebra: 'zebra' is not in the vocabulary");

        Path broken = dir.resolve("broken");
        Files.createDirectories(broken);
        for (String name : List.of("config.json", "vocab.txt", "embeddings.safetensors")) {
            Files.copy(model.resolve(name), broken.resolve(name));
        }
        CliRun missing = CliRun.of("neighbors", broken.toString(), "dog");
        assertThat(missing.exitCode()).isNotZero();
        assertThat(missing.err()).contains("tokenizer_files", "names tokenizer.json, which is not in");
    }

    @Test
    void aWordModelWatchesTheDefaultPairsThatAreInItsVocabulary() throws Exception {
        Path wordLog = dir.resolve("word.jsonl");
        CliRun run = CliRun.of("train", corpus.toString(), "-o", dir.resolve("words").toString(), "--dim", "8",
                "--min-count", "1", "--epochs", "1", "--threads", "1", "--log", wordLog.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode watch = JSON.readTree(Files.readAllLines(wordLog).getLast()).get("watch");
        assertThat(watch.has("cat:dog")).isTrue();
        assertThat(watch.has("king:queen")).isFalse();
    }

    @Test
    void tourLearnedReadsAFixtureLogWithTheSeedsInitialTableAsItsStart() throws Exception {
        Path wordModel = dir.resolve("tour-model");
        CliRun trained = CliRun.of("train", corpus.toString(), "-o", wordModel.toString(), "--dim", "8", "--min-count",
                "1", "--epochs", "1", "--threads", "1", "--seed", "7");
        assertThat(trained.exitCode()).as(trained.err()).isZero();
        Path fixture = dir.resolve("fixture.jsonl");
        Files.write(fixture, List.of(
                "{\"step\":1,\"words\":100,\"loss\":0.7,\"watch\":{\"cat:dog\":0.1}}",
                "{\"step\":2,\"words\":200,\"loss\":0.6,\"watch\":{\"cat:dog\":0.5}}",
                "{\"step\":3,\"words\":300,\"loss\":0.5,\"watch\":{\"cat:dog\":0.9}}"));
        Path plots = dir.resolve("tour");
        CliRun json = CliRun.of("tour", wordModel.toString(), "learned", "--log", fixture.toString(), "-o",
                plots.toString(), "-k", "3", "--format", "json");
        assertThat(json.exitCode()).as(json.err()).isZero();
        JsonNode learned = JSON.readTree(json.out()).get("learned");
        JsonNode pair = learned.get("pairs").get(0);
        assertThat(pair.get("pair").asText()).isEqualTo("cat:dog");
        assertThat(pair.get("cosines").toString()).isEqualTo("[0.1,0.5,0.9]");
        assertThat(pair.get("words").toString()).isEqualTo("[100,200,300]");

        EmbeddingTable table = ModelDirectory.open(wordModel).table();
        EmbeddingTable initial = new EmbeddingTable(table.vocabulary(),
                new Initializer.Word2VecUniform().create(table.vocabularySize(), table.dim(), 7));
        int cat = table.vocabulary().id("cat");
        int dog = table.vocabulary().id("dog");
        double start = Cosine.between(initial.weights().row(cat), initial.weights().row(dog));
        assertThat(pair.get("start").asDouble()).isEqualTo(start);
        List<Integer> startIds = new ArrayList<>();
        learned.get("neighbors").get("cat").get("start").forEach(n -> startIds.add(n.get("id").asInt()));
        assertThat(startIds).isEqualTo(new NeighborIndex(initial).nearest("cat", 3).stream().map(n -> n.id()).toList());
        assertThat(Files.size(plots.resolve("5-learned.png"))).isPositive();

        CliRun text = CliRun.of("tour", wordModel.toString(), "learned", "--log", fixture.toString(), "-o",
                plots.toString(), "-k", "3");
        assertThat(text.out()).contains("5. Learned, not defined", String.format(java.util.Locale.ROOT,
                "%+.3f → +0.900", start), "100: +0.100", "300: +0.900", "nearest to 'cat' at the start:",
                "nearest to 'dog' at the end:");

        CliRun noLog = CliRun.of("tour", wordModel.toString(), "learned", "-o", plots.toString());
        assertThat(noLog.exitCode()).isNotZero();
        assertThat(noLog.err()).contains("give --log LOG");
    }
}
