package dev.embedkit.tokenize;

import dev.embedkit.BadInputException;
import dev.embedkit.FormatException;
import dev.embedkit.embed.EmbeddingTable;
import dev.embedkit.io.ModelConfig;
import dev.embedkit.io.ModelDirectory;
import dev.embedkit.tensor.HeapMatrix;
import dev.embedkit.tokenize.bpe.Gpt2Tokenizer;
import dev.embedkit.tokenize.hf.HfTokenizer;
import dev.embedkit.vocab.Vocabulary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenizersTest {
    @TempDir
    Path dir;

    @Test
    void picksTheKindFromWhatIsThere() throws Exception {
        Path hfDir = Files.createDirectory(dir.resolve("hf"));
        Path json = TokenizerFixtures.copy("hf/bert.json", hfDir, "tokenizer.json");
        assertThat(Tokenizers.load(json)).isInstanceOf(HfTokenizer.class);
        assertThat(Tokenizers.load(hfDir).encode("the fox")).containsExactly(2, 5, 8, 3);

        Path gpt2 = TokenizerFixtures.gpt2(Files.createDirectory(dir.resolve("gpt2")));
        assertThat(Tokenizers.load(gpt2)).isInstanceOf(Gpt2Tokenizer.class);
        Path hfNames = Files.createDirectory(dir.resolve("hf-names"));
        Files.copy(gpt2.resolve("encoder.json"), hfNames.resolve("vocab.json"));
        Files.copy(gpt2.resolve("vocab.bpe"), hfNames.resolve("merges.txt"));
        assertThat(Tokenizers.load(hfNames).encode("Hello world")).containsExactly(15496, 995);

        Path model = dir.resolve("model");
        EmbeddingTable table = new EmbeddingTable(Vocabulary.of(List.of("hello", "world")), HeapMatrix.of(new float[][] {{1}, {2}}));
        ModelDirectory.save(table, ModelConfig.forTable(table, new WordSplitter(WordSplitter.Mode.WHITESPACE, true)), model);
        assertThat(Tokenizers.load(model)).isInstanceOf(WordTokenizer.class);
        assertThat(Tokenizers.load(model).encode("World hello")).containsExactly(1, 0);
    }

    @Test
    void saysWhatItLookedFor() throws Exception {
        assertThatThrownBy(() -> Tokenizers.load(dir)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("looked for tokenizer.json");
        assertThatThrownBy(() -> Tokenizers.load(dir.resolve("nope"))).isInstanceOf(BadInputException.class)
                .hasMessageContaining("no such file");
        Path notTokenizer = Files.writeString(dir.resolve("x.json"), "{\"a\": 1}");
        assertThatThrownBy(() -> Tokenizers.load(notTokenizer)).isInstanceOf(FormatException.class)
                .hasMessageContaining("x.json").hasMessageContaining("no \"model\"");
    }
}
