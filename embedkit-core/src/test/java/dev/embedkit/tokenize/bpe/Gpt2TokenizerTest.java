package dev.embedkit.tokenize.bpe;

import dev.embedkit.BadInputException;
import dev.embedkit.FormatException;
import dev.embedkit.tokenize.TokenizerFixtures;
import dev.embedkit.tokenize.TokenizerFixtures.Golden;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class Gpt2TokenizerTest {
    @TempDir
    static Path dir;
    static Gpt2Tokenizer gpt2;

    @BeforeAll
    static void load() {
        TokenizerFixtures.gpt2(dir);
        gpt2 = Gpt2Tokenizer.load(dir.resolve("encoder.json"), dir.resolve("vocab.bpe"));
    }

    @Test
    void helloWorldIsTheFamousPair() {
        assertThat(gpt2.encode("Hello world")).containsExactly(15496, 995);
        assertThat(gpt2.tokenize("Hello world")).containsExactly("Hello", "Ġworld");
        assertThat(gpt2.decode(new int[] {15496, 995})).isEqualTo("Hello world");
        assertThat(gpt2.vocabularySize()).isEqualTo(50257);
    }

    @Test
    void everyGoldenStringGetsTheReferenceIdsAndDecodesBack() {
        List<Golden> golden = TokenizerFixtures.golden("gpt2/golden.jsonl.gz");
        assertThat(golden).hasSizeGreaterThan(3000);
        List<String> wrong = new ArrayList<>();
        int lossy = 0;
        for (Golden g : golden) {
            int[] ids = gpt2.encode(g.text());
            if (!Arrays.equals(ids, g.ids())) {
                wrong.add(g.text() + " -> " + Arrays.toString(ids) + " expected " + Arrays.toString(g.ids()));
            }
            // Decoding gives the text back, except that lone surrogates come back as U+FFFD. The reference's
            // TextDecoder also drops a leading byte-order mark; we keep it, so every other string round-trips.
            String expected = g.text().replaceAll("\\p{Cs}", "\uFFFD");
            if (g.line().has("decoded")) {
                lossy++;
                assertThat(g.line().get("decoded").asText()).isEqualTo(expected.replaceFirst("^\uFEFF", ""));
            }
            assertThat(gpt2.decode(ids)).as("decode of %s", g.text()).isEqualTo(expected);
        }
        assertThat(wrong).as("strings whose IDs differ from gpt-3-encoder").isEmpty();
        assertThat(lossy).as("strings with lone surrogates").isGreaterThan(50);
    }

    @Test
    void loneSurrogatesAreEncodedAsTheReplacementCharacter() {
        assertThat(gpt2.encode("a\uD800b")).containsExactly(gpt2.encode("a\uFFFDb"));
        assertThat(gpt2.decode(gpt2.encode("x\uDC00"))).isEqualTo("x\uFFFD");
    }

    @Test
    void longInputsStayFast() {
        String letters = "ab".repeat(50_000); // one 100k-character piece: quadratic merging would take minutes
        assertThat(gpt2.decode(gpt2.encode(letters))).isEqualTo(letters);
        String spaces = " ".repeat(10_000) + "x";
        assertThat(gpt2.decode(gpt2.encode(spaces))).isEqualTo(spaces);
    }

    @Test
    void unknownIdsAndBrokenFilesAreNamed() throws Exception {
        assertThatThrownBy(() -> gpt2.decode(new int[] {50257})).isInstanceOf(BadInputException.class)
                .hasMessageContaining("50257");
        Path badMerges = Files.writeString(dir.resolve("bad.bpe"), "#version: 0.2\nĠ t\nĠt zzzzqq\n");
        assertThatThrownBy(() -> Gpt2Tokenizer.load(dir.resolve("encoder.json"), badMerges))
                .isInstanceOf(FormatException.class).hasMessageContaining("bad.bpe").hasMessageContaining("line 3")
                .hasMessageContaining("zzzzqq");
        Path oneField = Files.writeString(dir.resolve("one.bpe"), "#version: 0.2\nĠt\n");
        assertThatThrownBy(() -> Gpt2Tokenizer.load(dir.resolve("encoder.json"), oneField))
                .isInstanceOf(FormatException.class).hasMessageContaining("one.bpe, line 2");
        Path tinyVocab = Files.writeString(dir.resolve("tiny.json"), "{\"a\": 0}");
        Path noMerges = Files.writeString(dir.resolve("empty.bpe"), "#version: 0.2\n");
        assertThatThrownBy(() -> Gpt2Tokenizer.load(tinyVocab, noMerges))
                .isInstanceOf(FormatException.class).hasMessageContaining("tiny.json");
    }
}
