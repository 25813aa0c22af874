package dev.embedkit.tokenize.hf;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.JsonNode;
import dev.embedkit.tokenize.TokenizerFixtures;
import dev.embedkit.tokenize.TokenizerFixtures.Golden;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Every hand-written tokenizer.json fixture against what Hugging Face tokenizers made of it (see the fixture script). */
class HfGoldenTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"bert", "wordpiece-sequence", "llama", "metaspace", "roberta", "split", "bpe-options",
            "ignore-merges"})
    void idsTokensAndDecodedTextEqualTheReference(String name) {
        HfTokenizer tokenizer = HfTokenizer.load(TokenizerFixtures.copy("hf/" + name + ".json", dir, "tokenizer.json"));
        List<Golden> golden = TokenizerFixtures.golden("hf/" + name + ".golden.jsonl");
        assertThat(golden).isNotEmpty();
        for (Golden g : golden) {
            HfTokenizer.Encoding encoding = tokenizer.encodeWithTokens(g.text());
            assertThat(encoding.ids()).as("IDs of %s", g.text()).containsExactly(g.ids());
            // The reference reports an added token as the text it matched (with the spaces lstrip/rstrip took).
            List<String> expectedTokens = new ArrayList<>();
            g.line().get("tokens").forEach(t -> expectedTokens.add(t.asText()));
            for (int i = 0; i < expectedTokens.size(); i++) {
                assertThat(encoding.tokens().get(i).strip()).as("token %d of %s", i, g.text())
                        .isEqualTo(expectedTokens.get(i).strip());
            }
            assertThat(tokenizer.decode(g.ids())).as("decode of %s", g.text()).isEqualTo(g.line().get("decoded").asText());
        }
    }

    @Test
    void gpt2AsTokenizerJsonAgreesWithTheHuggingFaceReference() throws Exception {
        Path gpt2 = TokenizerFixtures.gpt2(Files.createDirectory(dir.resolve("gpt2")));
        HfTokenizer tokenizer = HfTokenizer.load(gpt2TokenizerJson(gpt2));
        List<Golden> golden = TokenizerFixtures.golden("gpt2/golden.jsonl.gz");
        List<String> wrong = new ArrayList<>();
        int sameAsJs = 0;
        for (Golden g : golden) {
            int[] expected = TokenizerFixtures.ids(g.line().get("hf"));
            int[] ids = tokenizer.encode(g.text());
            if (!Arrays.equals(ids, expected)) {
                wrong.add(g.text() + " -> " + Arrays.toString(ids) + " expected " + Arrays.toString(expected));
            }
            sameAsJs += Arrays.equals(expected, g.ids()) ? 1 : 0;
        }
        assertThat(wrong).as("strings whose IDs differ from Hugging Face tokenizers").isEmpty();
        // The two references split differently only around U+0085 and U+FEFF (what their regexes call \s).
        assertThat(sameAsJs).isGreaterThan(golden.size() - 50);
        assertThat(tokenizer.encode("Hello world")).containsExactly(15496, 995);
        assertThat(tokenizer.encode("Hello<|endoftext|>")).containsExactly(15496, 50256);
        String longText = "The quick brown fox, 12345 naïve 👋🏽\r\n".repeat(5_000); // 195k chars: quadratic collection would show
        assertThat(tokenizer.decode(tokenizer.encode(longText))).isEqualTo(longText);
    }

    /** GPT-2's files as a tokenizer.json, as the fixture script builds the one it gives the reference. */
    static Path gpt2TokenizerJson(Path gpt2) throws Exception {
        JsonNode encoder = JSON.readTree(gpt2.resolve("encoder.json").toFile());
        String[] vocab = new String[encoder.size()];
        encoder.fields().forEachRemaining(e -> vocab[e.getValue().intValue()] = e.getKey());
        List<String> lines = Files.readAllLines(gpt2.resolve("vocab.bpe"), StandardCharsets.UTF_8);
        List<String[]> merges = lines.subList(1, lines.size()).stream().filter(l -> !l.isEmpty()).map(l -> l.split(" ")).toList();
        Path file = gpt2.resolve("tokenizer.json");
        ByteLevelBpeJson.write(file, Arrays.asList(vocab), merges, Set.of("<|endoftext|>"));
        return file;
    }
}
