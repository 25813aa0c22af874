package dev.embedkit.train.tokenizer;

import dev.embedkit.BadInputException;
import dev.embedkit.tokenize.hf.ByteLevelBpeJson;
import dev.embedkit.tokenize.hf.HfTokenizer;
import dev.embedkit.train.corpus.Corpus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BpeTrainerTest {
    @TempDir
    Path dir;

    private static List<String> merges(BpeTrainer.Result result) {
        return result.merges().stream().map(m -> m[0] + " " + m[1]).toList();
    }

    @Test
    void mergesTheMostFrequentPairFirst() {
        // pieces: "ab", " ab", " ab", "abc" → words ab×1, Ġab×2, abc×1; pairs (a,b)=4, (Ġ,a)=2, (b,c)=1
        // merge 1: a+b (4); then (Ġ,ab)=2 and (ab,c)=1; merge 2: Ġ+ab; (ab,c)=1 is below min count 2
        BpeTrainer.Result result = BpeTrainer.train(Corpus.ofLines("t", List.of("ab ab ab", "abc")), 300, 2);
        assertThat(merges(result)).containsExactly("a b", "Ġ ab");
        assertThat(result.vocab()).hasSize(258);
        assertThat(result.vocab().subList(256, 258)).containsExactly("ab", "Ġab");
        assertThat(result.vocab().get('a')).isEqualTo("a"); // the bytes are IDs 0–255 in byte order
        assertThat(result.words()).isEqualTo(4);
        assertThat(result.distinctWords()).isEqualTo(3);
        // with min count 1 the single (ab,c) merges too
        assertThat(merges(BpeTrainer.train(Corpus.ofLines("t", List.of("ab ab ab", "abc")), 300, 1)))
                .containsExactly("a b", "Ġ ab", "ab c");
    }

    @Test
    void tiesGoToTheLexicographicallySmallestPair() {
        // words xy×2, Ġyx×2: (x,y), (Ġ,y), (y,x) all count 2; "x" < "y" < "Ġ" (U+0120)
        // → x+y; then (Ġ,y)=2 and (y,x)=2 → y+x; then Ġ+yx
        BpeTrainer.Result result = BpeTrainer.train(Corpus.ofLines("t", List.of("xy yx", "xy yx")), 1000, 2);
        assertThat(merges(result)).containsExactly("x y", "y x", "Ġ yx");
    }

    @Test
    void stopsAtTheVocabularySizeAndRefusesTooSmallOnes() {
        assertThat(merges(BpeTrainer.train(Corpus.ofLines("t", List.of("ab ab ab", "abc")), 257, 1))).containsExactly("a b");
        assertThatThrownBy(() -> BpeTrainer.train(Corpus.ofLines("t", List.of("a")), 255, 1))
                .isInstanceOf(BadInputException.class).hasMessageContaining("256");
        assertThatThrownBy(() -> BpeTrainer.train(Corpus.ofLines("t", List.of("")), 300, 1))
                .isInstanceOf(BadInputException.class).hasMessageContaining("no text");
    }

    @Test
    void theWrittenTokenizerJsonEncodesWithTheLearnedMerges() {
        List<String> lines = List.of("the cat sat on the mat", "the cat ate the rat", "naïve café 👋 the end");
        BpeTrainer.Result result = BpeTrainer.train(Corpus.ofLines("t", lines), 280, 2);
        Path file = dir.resolve("tokenizer.json");
        ByteLevelBpeJson.write(file, result.vocab(), result.merges(), Set.of());
        HfTokenizer tokenizer = HfTokenizer.load(file);
        int the = result.vocab().indexOf("Ġthe");
        int at = result.vocab().indexOf("at");
        assertThat(the).isGreaterThanOrEqualTo(256);
        assertThat(at).isGreaterThanOrEqualTo(256);
        assertThat(tokenizer.encode(" the")).containsExactly(the);
        for (String line : lines) {
            assertThat(tokenizer.decode(tokenizer.encode(line))).isEqualTo(line);
        }
        // the same corpus gives the same tokenizer
        assertThat(merges(BpeTrainer.train(Corpus.ofLines("t", lines), 280, 2))).isEqualTo(merges(result));
    }
}
