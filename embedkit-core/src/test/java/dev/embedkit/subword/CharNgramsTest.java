package dev.embedkit.subword;

import dev.embedkit.BadInputException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Expected values computed independently of this code, by a Python transcription of fastText's Dictionary::hash
 * and computeSubwords: {@code python3 scripts/fixtures/fasttext-ngrams.py}. FastTextFormatTest checks the same
 * machinery against the real fastText's vectors.
 */
class CharNgramsTest {

    private static long unsignedHash(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return Integer.toUnsignedLong(CharNgrams.hash(bytes, 0, bytes.length));
    }

    @Test
    void hashIsFnv1aWithFastTextsSignedBytes() {
        assertThat(unsignedHash("")).isEqualTo(2166136261L);
        assertThat(unsignedHash("a")).isEqualTo(3826002220L);
        assertThat(unsignedHash("<a>")).isEqualTo(2359087600L);
        assertThat(unsignedHash("king")).isEqualTo(3658736598L);
        assertThat(unsignedHash("<ca")).isEqualTo(1066916747L);
        // bytes >= 0x80 are sign-extended: plain FNV-1a would give 513665217, 796226204 and 2344991675
        assertThat(unsignedHash("é")).isEqualTo(1023043777L);
        assertThat(unsignedHash("ü>")).isEqualTo(4212322972L);
        assertThat(unsignedHash("<日本")).isEqualTo(3018758587L);
    }

    @Test
    void ngramsOfAnAsciiWordInFastTextsOrder() {
        CharNgrams ngrams = new CharNgrams(2, 4, 1000);
        assertThat(ngrams.ngrams("abc")).containsExactly("<a", "<ab", "<abc", "ab", "abc", "abc>", "bc", "bc>", "c>");
        assertThat(ngrams.buckets("abc")).containsExactly(750, 508, 661, 946, 331, 631, 946, 980, 228);
        assertThat(ngrams.buckets("a")).containsExactly(750, 600, 806); // <a, <a>, a>
    }

    @Test
    void ngramsCountCodePointsNotBytes() {
        CharNgrams ngrams = new CharNgrams(2, 4, 1000);
        assertThat(ngrams.ngrams("naïve")).containsExactly("<n", "<na", "<naï", "na", "naï", "naïv", "aï", "aïv",
                "aïve", "ïv", "ïve", "ïve>", "ve", "ve>", "e>");
        assertThat(ngrams.buckets("naïve")).containsExactly(655, 890, 692, 112, 546, 404, 750, 832, 7, 403, 570, 548,
                612, 654, 490);
        assertThat(ngrams.ngrams("日本")).containsExactly("<日", "<日本", "<日本>", "日本", "日本>", "本>");
        assertThat(ngrams.buckets("日本")).containsExactly(687, 587, 759, 409, 157, 717);
    }

    @Test
    void theLoneMarkersAreNeverNgrams() {
        assertThat(new CharNgrams(1, 2, 10).ngrams("ab")).containsExactly("<a", "a", "ab", "b", "b>");
        assertThat(new CharNgrams(0, 1, 10).ngrams("ab")).containsExactly("a", "b");
    }

    @Test
    void noSubwordsWhenMaxnIsZeroOrBelowMinn() {
        assertThat(CharNgrams.none().buckets("anything")).isEmpty();
        assertThat(new CharNgrams(5, 3, 10).ngrams("anything")).isEmpty();
        assertThat(new CharNgrams(2, 6, 10).ngrams("")).containsExactly("<>"); // fastText hashes it too
    }

    @Test
    void bucketsAreUnsignedRemainders() {
        // "king" hashes to 3658736598, above 2^31: a signed remainder would be negative
        assertThat(new CharNgrams(6, 6, 1000).buckets("king")).containsExactly((int) (unsignedHash("<king>") % 1000));
        assertThat(java.util.Arrays.stream(new CharNgrams(2, 6, 7).buckets("königreich"))).allMatch(b -> b >= 0 && b < 7);
    }

    @Test
    void refusesImpossibleSettings() {
        assertThatThrownBy(() -> new CharNgrams(3, 6, 0)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("need at least one bucket");
        assertThatThrownBy(() -> new CharNgrams(-1, 6, 10)).isInstanceOf(BadInputException.class);
        assertThat(List.of(CharNgrams.none().enabled(), new CharNgrams(3, 6, 10).enabled())).containsExactly(false, true);
    }
}
