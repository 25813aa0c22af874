package dev.embedkit.tokenize.hf;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.embedkit.BadInputException;
import dev.embedkit.FormatException;
import dev.embedkit.tokenize.TokenizerFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Hand-worked cases on the fixtures, the options the golden files do not cover, and every refusal. */
class HfTokenizerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** The bert fixture, changed by {@code edit}, written to dir/tokenizer.json. */
    private Path bert(Consumer<ObjectNode> edit) throws Exception {
        ObjectNode root = (ObjectNode) JSON.readTree(TokenizerFixtures.open("hf/bert.json"));
        edit.accept(root);
        Path file = dir.resolve("tokenizer.json");
        JSON.writeValue(file.toFile(), root);
        return file;
    }

    @Test
    void wordPieceByHand() throws Exception {
        HfTokenizer bert = HfTokenizer.load(bert(root -> { }));
        // lowercased, split on spaces; "running" = run + ##n + ##ing (longest match first: no ##ning, ##nin, ##ni),
        // "jumped" = jump + ##ed; BertProcessing wraps it in [CLS]=2 … [SEP]=3
        assertThat(bert.tokenize("Running jumped")).containsExactly("[CLS]", "run", "##n", "##ing", "jump", "##ed", "[SEP]");
        assertThat(bert.encode("Running jumped")).containsExactly(2, 26, 27, 25, 9, 11, 3);
        assertThat(bert.decode(new int[] {2, 26, 27, 25, 9, 11, 3})).isEqualTo("running jumped");
        assertThat(bert.decode(new int[] {2, 26, 3}, false)).isEqualTo("[CLS] run [SEP]");
        assertThat(bert.vocabularySize()).isEqualTo(43);
        assertThatThrownBy(() -> bert.decode(new int[] {43})).isInstanceOf(BadInputException.class).hasMessageContaining("43");
    }

    @Test
    void truncationKeepsRoomForTheSpecialTokensAndPaddingFillsUp() throws Exception {
        HfTokenizer cut = HfTokenizer.load(bert(root -> root.putObject("truncation").put("max_length", 4)
                .put("strategy", "LongestFirst").put("direction", "Right").put("stride", 0)));
        assertThat(cut.encode("the quick brown fox")).containsExactly(2, 5, 6, 3);
        HfTokenizer padded = HfTokenizer.load(bert(root -> {
            ObjectNode padding = root.putObject("padding");
            padding.putObject("strategy").put("Fixed", 6);
            padding.put("direction", "Right").put("pad_id", 0).put("pad_token", "[PAD]").put("pad_to_multiple_of", (Integer) null);
        }));
        assertThat(padded.tokenize("the fox")).containsExactly("[CLS]", "the", "fox", "[SEP]", "[PAD]", "[PAD]");
        assertThat(padded.encode("the fox")).containsExactly(2, 5, 8, 3, 0, 0);
        HfTokenizer tooShort = HfTokenizer.load(bert(root -> root.putObject("truncation").put("max_length", 1)));
        assertThatThrownBy(() -> tooShort.encode("the")).isInstanceOf(BadInputException.class)
                .hasMessageContaining("tokenizer.json").hasMessageContaining("max_length 1");
    }

    @Test
    void componentsWeDoNotHaveAreRefusedByName() throws Exception {
        assertRefused(root -> root.putObject("normalizer").put("type", "Precompiled"),
                "field 'normalizer.type'", "normalizer type \"Precompiled\" is not supported");
        assertRefused(root -> root.putObject("pre_tokenizer").put("type", "UnicodeScripts"),
                "field 'pre_tokenizer.type'", "pre_tokenizer type \"UnicodeScripts\"");
        assertRefused(root -> root.putObject("decoder").put("type", "CTC"), "field 'decoder.type'", "\"CTC\"");
        assertRefused(root -> root.putObject("post_processor").put("type", "Mystery"), "field 'post_processor.type'", "\"Mystery\"");
        assertRefused(root -> ((ObjectNode) root.get("model")).put("type", "Unigram"), "field 'model.type'", "\"Unigram\"");
        assertRefused(root -> root.putObject("normalizer").put("type", "Sequence").putArray("normalizers")
                        .addObject().put("type", "NFKC").put("x", 1).putNull("y").put("type", "Nmt"),
                "field 'normalizer.normalizers[0].type'", "\"Nmt\"");
        assertRefused(root -> {
            ObjectNode split = root.putObject("pre_tokenizer").put("type", "Split").put("behavior", "Isolated");
            split.putObject("pattern").put("Regex", "(?~abc)"); // Oniguruma's absent operator
        }, "field 'pre_tokenizer.pattern.Regex'", "does not compile in Java");
        assertRefused(root -> root.putObject("pre_tokenizer").put("type", "Split").put("behavior", "Sideways")
                .putObject("pattern").put("String", " "), "field 'pre_tokenizer.behavior'", "Sideways");
        assertRefused(root -> root.putObject("truncation").put("max_length", 4).put("strategy", "OnlySecond"),
                "field 'truncation.strategy'", "OnlySecond");
        // a field we do not know could change the result, so it is refused too
        assertRefused(root -> root.putObject("pre_tokenizer").put("type", "ByteLevel").put("add_prefix_spce", true),
                "field 'pre_tokenizer.add_prefix_spce'", "not supported here");
        assertRefused(root -> ((ObjectNode) root.get("model")).put("lowercase", true), "field 'model.lowercase'", "known:");
        assertRefused(root -> ((ObjectNode) root.withArray("added_tokens").get(0)).put("rstrip_all", true),
                "field 'added_tokens[0].rstrip_all'", "not supported here");
        assertRefused(root -> root.put("chat_template", "{{x}}"), "field 'chat_template'", "not supported here");
    }

    /** "(a|a?){40}b" backtracks exponentially in Java on 40 a's and a "!" (24 take 2.4 s, each one more ×1.8). */
    @Test
    @Timeout(60)
    void aRegexThatBacktracksCatastrophicallyIsStoppedNamingTheField() throws Exception {
        HfTokenizer hostile = HfTokenizer.load(bert(root -> root.putObject("pre_tokenizer").put("type", "Split")
                .put("behavior", "Isolated").put("invert", false).putObject("pattern").put("Regex", "(a|a?){40}b")));
        assertThatThrownBy(() -> hostile.encode("a".repeat(40) + "!")).isInstanceOf(FormatException.class)
                .hasMessageContaining("tokenizer.json").hasMessageContaining("field 'pre_tokenizer.pattern.Regex'")
                .hasMessageContaining("a text of 41 characters took more than 1410000 steps (catastrophic backtracking)");
        // the same regex on text it handles in linear time, and a long text through an ordinary one
        assertThat(hostile.tokenize("fox")).containsExactly("[CLS]", "fox", "[SEP]");
        HfTokenizer ordinary = HfTokenizer.load(bert(root -> root.putObject("pre_tokenizer").put("type", "Split")
                .put("behavior", "Removed").put("invert", false).putObject("pattern").put("Regex", "\\s+(?!\\S)|\\s+")));
        assertThat(ordinary.tokenize("the fox ".repeat(50_000) + " ".repeat(100_000) + "fox")).hasSize(100_003);
    }

    /** A fuzz finding: a file whose post-processor adds an ID it cannot decode loaded, then decode failed. */
    @Test
    void theSpecialTokensEncodeAddsMustBeTokensOfTheTokenizer() throws Exception {
        assertRefused(root -> root.putObject("post_processor").put("type", "BertProcessing")
                        .<ObjectNode>set("cls", JSON.createArrayNode().add("[CLS]").add(99))
                        .set("sep", JSON.createArrayNode().add("[SEP]").add(3)),
                "field 'post_processor.cls'", "special token '[CLS]' has ID 99, which is not a token of this tokenizer");
        assertRefused(root -> {
            ObjectNode template = root.putObject("post_processor").put("type", "TemplateProcessing");
            template.putArray("single").addObject().putObject("Sequence").put("id", "A").put("type_id", 0);
            template.withArray("single").addObject().putObject("SpecialToken").put("id", "</s>").put("type_id", 0);
            template.putArray("pair");
            ObjectNode end = template.putObject("special_tokens").putObject("</s>").put("id", "</s>");
            end.putArray("ids").add(43);
            end.putArray("tokens").add("</s>");
        }, "field 'post_processor.special_tokens.</s>.ids'", "special token '</s>' has ID 43");
        assertRefused(root -> {
            ObjectNode padding = root.putObject("padding");
            padding.put("strategy", "BatchLongest");
            padding.put("direction", "Right").put("pad_id", 7000).put("pad_token", "[PAD]");
        }, "field 'padding.pad_id'", "ID 7000 is not a token of this tokenizer");
    }

    @Test
    void brokenModelsAreRefusedWithTheField() throws Exception {
        Path llama = TokenizerFixtures.copy("hf/llama.json", dir, "llama.json");
        ObjectNode root = (ObjectNode) JSON.readTree(llama.toFile());
        ObjectNode model = (ObjectNode) root.get("model");
        model.put("dropout", 0.1);
        Files.writeString(llama, JSON.writeValueAsString(root));
        assertThatThrownBy(() -> HfTokenizer.load(llama)).isInstanceOf(FormatException.class)
                .hasMessageContaining("llama.json").hasMessageContaining("model.dropout");
        model.putNull("dropout");
        model.withArray("merges").add("▁ zz");
        Files.writeString(llama, JSON.writeValueAsString(root));
        assertThatThrownBy(() -> HfTokenizer.load(llama)).isInstanceOf(FormatException.class)
                .hasMessageContaining("model.merges[12]").hasMessageContaining("'zz' is not in the vocabulary");
        Files.writeString(llama, "{\"model\": ");
        assertThatThrownBy(() -> HfTokenizer.load(llama)).isInstanceOf(FormatException.class)
                .hasMessageContaining("llama.json: not valid JSON");
    }

    @Test
    void anUnknownTokenMissingFromTheVocabularyIsNamedWhenNeeded() throws Exception {
        HfTokenizer bert = HfTokenizer.load(bert(root -> ((ObjectNode) root.get("model")).put("unk_token", "<nope>")));
        assertThat(bert.encode("the")).containsExactly(2, 5, 3);
        assertThatThrownBy(() -> bert.encode("qqq")).isInstanceOf(FormatException.class)
                .hasMessageContaining("model.unk_token").hasMessageContaining("<nope>");
    }

    private void assertRefused(Consumer<ObjectNode> edit, String field, String problem) throws Exception {
        Path file = bert(edit);
        assertThatThrownBy(() -> HfTokenizer.load(file)).isInstanceOf(FormatException.class)
                .hasMessageContaining("tokenizer.json").hasMessageContaining(field).hasMessageContaining(problem);
    }
}
