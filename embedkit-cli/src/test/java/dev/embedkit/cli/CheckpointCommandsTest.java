package dev.embedkit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.embedkit.io.SafetensorsFile;
import dev.embedkit.tensor.HeapMatrix;
import dev.embedkit.tokenize.TokenizerFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The commands on the checkpoints of embedkit-core's fixtures (scripts/fixtures/make-checkpoint-fixtures.py). */
class CheckpointCommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    // Maven runs each module's tests in the module's directory.
    private static final Path FIXTURES = Path.of("../embedkit-core/src/test/resources/fixtures/checkpoints");

    private static String fixture(String name) {
        Path path = FIXTURES.resolve(name);
        assertThat(Files.exists(path)).as("fixture %s", path).isTrue();
        return path.toString();
    }

    private static JsonNode json(CliRun run) throws IOException {
        assertThat(run.exitCode()).as(run.err()).isZero();
        return JSON.readTree(run.out());
    }

    private static JsonNode expected(String group, String key) throws IOException {
        return JSON.readTree(FIXTURES.resolve("expected.json").toFile()).path(group).path(key);
    }

    /**
     * The acceptance run on a generated GPT-2-shaped folder: GPT-2's real tokenizer files beside a
     * (50257, 8) wte.weight whose row i is (i, i + 0.5, −i, …), so every row says which ID it belongs to.
     */
    @Test
    void embedOnAGpt2FolderGivesGpt2sIdsAndTheCheckpointsRows(@TempDir Path dir) throws IOException {
        int vocab = 50_257;
        int dim = 8;
        float[] wte = new float[vocab * dim];
        for (int id = 0; id < vocab; id++) {
            for (int c = 0; c < dim; c++) {
                wte[id * dim + c] = c % 2 == 0 ? (c == 2 ? -id : id) : id + 0.5f;
            }
        }
        Path gpt2 = TokenizerFixtures.gpt2(Files.createDirectories(dir.resolve("gpt2")));
        Files.writeString(gpt2.resolve("config.json"), "{\"model_type\": \"gpt2\", \"vocab_size\": 50257, \"n_embd\": 8}");
        SafetensorsFile.write(gpt2.resolve("model.safetensors"), Map.of("wte.weight", new HeapMatrix(vocab, dim, wte)));

        JsonNode embedded = json(CliRun.of("embed", gpt2.toString(), "Hello world", "--format", "json"));
        assertThat(embedded.get("ids").toString()).isEqualTo("[15496,995]");
        assertThat(embedded.get("tokens").toString()).isEqualTo("[\"Hello\",\"Ġworld\"]");
        assertThat(embedded.get("shape").toString()).isEqualTo("[2,8]");
        assertThat(embedded.at("/matrix/0").toString()).isEqualTo("[15496.0,15496.5,-15496.0,15496.5,15496.0,15496.5,15496.0,15496.5]");
        assertThat(embedded.at("/matrix/1/1").floatValue()).isEqualTo(995.5f);
        CliRun tokenized = CliRun.of("tokenize", gpt2.toString(), "Hello world");
        assertThat(tokenized.exitCode()).as(tokenized.err()).isZero();
        assertThat(tokenized.out()).contains("2 tokens: [15496, 995]");
        assertThat(CliRun.of("embed", gpt2.toString(), "Hello", "--split", "whitespace").err())
                .contains("has its own tokenizer");
    }

    @Test
    void infoListsTensorsTyingAndMetadataOfAGguf() throws IOException {
        JsonNode info = json(CliRun.of("info", fixture("llama-q8_0.gguf"), "--format", "json"));
        assertThat(info.get("format").asText()).isEqualTo("gguf");
        assertThat(info.get("vocab_size").asInt()).isEqualTo(6);
        assertThat(info.get("dim").asInt()).isEqualTo(32);
        assertThat(info.get("storage").asText()).isEqualTo("heap"); // Q8_0 is dequantized
        JsonNode checkpoint = info.get("checkpoint");
        assertThat(checkpoint.get("tied").asBoolean()).isFalse();
        assertThat(checkpoint.get("output_tensor").asText()).isEqualTo("output.weight");
        assertThat(checkpoint.get("tensors").get(3).get("dtype").asText()).isEqualTo("Q4_K");
        assertThat(checkpoint.get("metadata").get("general.name").asText()).isEqualTo("tiny q8_0");
        assertThat(info.get("first_tokens").get(4).get("token").asText()).isEqualTo("\u2581cat");

        CliRun text = CliRun.of("info", fixture("gpt2"), "--tensors", "1");
        assertThat(text.out()).contains("format         hf-safetensors", "embedding      wte.weight",
                "output         tied: the embedding table is also the unembedding", "tokens from    vocab.json",
                "tensors (3):", "… 2 more (--tensors 0 lists all)", "model_type");
    }

    @Test
    void unembedScoresAgainstTheUntiedLmHead() throws IOException {
        JsonNode result = json(CliRun.of("unembed", fixture("llama"), "--vector", "1,0,0,0", "-k", "8", "--format", "json"));
        JsonNode lmHead = expected("llama", "lm_head");
        for (JsonNode score : result.get("top")) {
            float column0 = (float) lmHead.get(score.get("id").asInt()).get(0).doubleValue();
            assertThat((float) score.get("logit").doubleValue()).isEqualTo(column0);
        }
        assertThat(CliRun.of("unembed", fixture("llama"), "--token", "\u2581cat").out())
                .contains("logits = h·Wᵀ (W = lm_head.weight, untied)");
    }

    @Test
    void embedTakesIdsForCheckpointsAndNamesTheirTokens() throws IOException {
        JsonNode result = json(CliRun.of("embed", fixture("llama-f32.gguf"), "--ids", "4,0", "--format", "json"));
        assertThat(result.get("tokens").get(0).asText()).isEqualTo("\u2581cat");
        JsonNode row = expected("gguf", "token_embd").get(4);
        assertThat(result.get("matrix").get(0).get(31).floatValue()).isEqualTo((float) row.get(31).doubleValue());
        CliRun outside = CliRun.of("embed", fixture("llama-f32.gguf"), "--ids", "6");
        assertThat(outside.exitCode()).isOne();
        assertThat(outside.err()).contains("6").contains("out of range");
        CliRun both = CliRun.of("embed", fixture("llama-f32.gguf"), "the", "--ids", "1");
        assertThat(both.err()).contains("give either TEXT or --ids");
    }

    @Test
    void neighborsAndTheTensorOptionWorkOnCheckpoints() throws IOException {
        JsonNode found = json(CliRun.of("neighbors", fixture("bert"), "hello", "-k", "1", "--format", "json"));
        assertThat(found.get(0).get("id").asInt()).isEqualTo(4);
        JsonNode decoder = json(CliRun.of("info", fixture("no-embedding.safetensors"), "--tensor", "decoder.weight",
                "--format", "json"));
        assertThat(decoder.get("checkpoint").get("embedding_tensor").asText()).isEqualTo("decoder.weight");
        CliRun none = CliRun.of("info", fixture("no-embedding.safetensors"));
        assertThat(none.exitCode()).isOne();
        assertThat(none.err()).contains("its 2-D tensors are: encoder.weight [3, 2], decoder.weight [3, 2]", "--tensor NAME");
        CliRun notACheckpoint = CliRun.of("info", "../examples/royals.vec", "--tensor", "x");
        assertThat(notACheckpoint.err()).contains("--tensor and --output-tensor choose tensors of a safetensors or GGUF checkpoint");
    }
}
