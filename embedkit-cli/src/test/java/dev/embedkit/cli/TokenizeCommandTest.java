package dev.embedkit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.embedkit.tokenize.bpe.ByteLevel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class TokenizeCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static Path gpt2Dir;
    static Path hfFile;

    /** A tiny byte-level BPE: the 256 byte tokens (IDs 0–255) and the merges Ġ+w → Ġw (256), Ġw+o → Ġwo (257). */
    @BeforeAll
    static void writeTokenizers() throws Exception {
        ObjectNode vocab = JSON.createObjectNode();
        for (int b = 0; b < 256; b++) {
            vocab.put(String.valueOf(ByteLevel.charOf(b)), b);
        }
        vocab.put("Ġw", 256).put("Ġwo", 257);
        gpt2Dir = Files.createDirectory(dir.resolve("gpt2"));
        JSON.writeValue(gpt2Dir.resolve("encoder.json").toFile(), vocab);
        Files.writeString(gpt2Dir.resolve("vocab.bpe"), "#version: 0.2\nĠ w\nĠw o\n");

        ObjectNode root = JSON.createObjectNode();
        root.putObject("pre_tokenizer").put("type", "ByteLevel").put("add_prefix_space", false);
        root.putObject("decoder").put("type", "ByteLevel");
        ObjectNode model = root.putObject("model").put("type", "BPE");
        model.set("vocab", vocab);
        model.putArray("merges").add("Ġ w").add("Ġw o");
        hfFile = dir.resolve("tokenizer.json");
        JSON.writeValue(hfFile.toFile(), root);
    }

    @Test
    void showsByteLevelTokensAsTheirText() {
        CliRun run = CliRun.of("tokenize", "--tokenizer", gpt2Dir.toString(), "h wo\n");
        assertThat(run.exitCode()).as(run.err()).isZero();
        // 'h' is byte 0x68; " wo" merges to Ġwo; '\n' is byte 0x0A, written Ċ
        assertThat(run.out()).contains("Ġwo", "\" wo\"", "\"\\n\"", "3 tokens: [104, 257, 10]");
    }

    @Test
    void jsonHasTokensIdsAndTheirTexts() throws Exception {
        for (String[] args : new String[][] {{"--json"}, {"--format", "json"}}) {
            CliRun run = CliRun.of(concat(new String[] {"tokenize", "--tokenizer", hfFile.toString(), "wo wé"}, args));
            assertThat(run.exitCode()).as(run.err()).isZero();
            JsonNode result = JSON.readTree(run.out());
            assertThat(result.get("ids").toString()).isEqualTo("[119,111,256,195,169]");
            // "wo" has no merge; " wé" is Ġ w 0xC3 0xA9, and Ġ+w merge
            assertThat(result.get("tokens").toString()).isEqualTo("[\"w\",\"o\",\"Ġw\",\"Ã\",\"©\"]");
            assertThat(result.get("token_texts").get(2).asText()).isEqualTo(" w");
            assertThat(result.get("token_texts").get(3).asText()).isEqualTo("\\xC3");
        }
    }

    @Test
    void refusesAmbiguousArgumentsAndNamesBadFiles() throws Exception {
        CliRun both = CliRun.of("tokenize", "--tokenizer", hfFile.toString(), "model", "text");
        assertThat(both.exitCode()).isEqualTo(1);
        assertThat(both.err()).contains("with --tokenizer, give only the TEXT");
        CliRun split = CliRun.of("tokenize", "--tokenizer", hfFile.toString(), "x", "--split", "whitespace");
        assertThat(split.err()).contains("a --tokenizer has its own rules");
        Path bad = Files.writeString(dir.resolve("bad.json"), "{\"model\": {\"type\": \"Unigram\", \"vocab\": {}}}");
        CliRun unsupported = CliRun.of("tokenize", "--tokenizer", bad.toString(), "x");
        assertThat(unsupported.exitCode()).isEqualTo(1);
        assertThat(unsupported.err()).contains("bad.json", "model.type", "\"Unigram\" is not supported");
    }

    @Test
    void trainedTokenizerIsReadBack() throws Exception {
        Path corpus = Files.writeString(dir.resolve("corpus.txt"), "ab ab ab\nabc\n");
        Path out = dir.resolve("trained");
        CliRun train = CliRun.of("tokenizer", "train", corpus.toString(), "--vocab-size", "300", "-o", out.toString());
        assertThat(train.exitCode()).as(train.err()).isZero();
        assertThat(train.out()).contains("258 tokens = 256 bytes + 2 merges", "merge 1    a + b -> ab");
        CliRun run = CliRun.of("tokenize", "--tokenizer", out.toString(), "ab abc", "--json");
        assertThat(JSON.readTree(run.out()).get("ids").toString()).isEqualTo("[256,257,99]");
        CliRun again = CliRun.of("tokenizer", "train", corpus.toString(), "--vocab-size", "300", "-o", out.toString());
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).contains("exists; pass --overwrite");
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
