package dev.embedkit.subword;

import dev.embedkit.BadInputException;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The character n-grams of a word and their hash buckets, exactly as fastText's {@code Dictionary::computeSubwords}
 * makes them: the word is wrapped in {@code <} and {@code >}, its UTF-8 bytes are walked, an n-gram starts only on
 * a byte that is not a UTF-8 continuation byte and grows one code point at a time, and n-grams of length minn..maxn
 * (in code points) are kept, except the single markers {@code <} and {@code >} themselves. The order is fastText's:
 * by start position, then by length; training and lookup must agree on it only for the rounding of the mean.
 *
 * @param minn shortest n-gram kept, in code points (0 acts as 1)
 * @param maxn longest n-gram, in code points; 0 turns subwords off
 * @param buckets how many n-gram rows there are; an n-gram's row is its hash modulo this
 */
public record CharNgrams(int minn, int maxn, int buckets) {
    /** fastText's word boundary markers. */
    public static final String BEGIN_OF_WORD = "<";
    public static final String END_OF_WORD = ">";

    private static final int FNV_OFFSET_BASIS = 0x811C9DC5; // 2166136261
    private static final int FNV_PRIME = 16777619;

    public CharNgrams {
        if (minn < 0 || maxn < 0 || buckets < 0) {
            throw new BadInputException("n-gram lengths and the bucket count must be non-negative, got minn=" + minn
                    + ", maxn=" + maxn + ", buckets=" + buckets);
        }
        if (maxn > 0 && buckets == 0) {
            throw new BadInputException("n-grams of up to maxn=" + maxn + " characters need at least one bucket");
        }
    }

    /** No subwords: every word is its own row only (fastText's supervised default, minn = maxn = 0). */
    public static CharNgrams none() {
        return new CharNgrams(0, 0, 0);
    }

    /** Whether any word can have n-grams at all. */
    public boolean enabled() {
        return maxn > 0 && maxn >= minn;
    }

    /**
     * fastText's 32-bit FNV-1a over {@code bytes[from, to)}, with its quirk: each byte is sign-extended before the
     * xor ({@code h ^= uint32_t(int8_t(c))}), so bytes ≥ 0x80 mix in as 0xFFFFFF80..0xFFFFFFFF. Compare the
     * result as unsigned.
     */
    public static int hash(byte[] bytes, int from, int to) {
        int h = FNV_OFFSET_BASIS;
        for (int i = from; i < to; i++) {
            h ^= bytes[i]; // a Java byte is signed: widening sign-extends, as the C++ cast chain does
            h *= FNV_PRIME;
        }
        return h;
    }

    /** The bucket of each n-gram of {@code word} (without markers), in fastText's order; 0..buckets-1. */
    public int[] buckets(String word) {
        byte[] bytes = wrap(word);
        int[] found = new int[16];
        int count = 0;
        for (long span : spans(bytes)) {
            if (count == found.length) {
                found = Arrays.copyOf(found, count * 2);
            }
            int h = hash(bytes, (int) (span >>> 32), (int) span);
            found[count++] = Integer.remainderUnsigned(h, buckets);
        }
        return Arrays.copyOf(found, count);
    }

    /** The n-grams of {@code word} as text (markers included), in the order of {@link #buckets}. */
    public List<String> ngrams(String word) {
        byte[] bytes = wrap(word);
        List<String> ngrams = new ArrayList<>();
        for (long span : spans(bytes)) {
            int from = (int) (span >>> 32);
            ngrams.add(new String(bytes, from, (int) span - from, StandardCharsets.UTF_8));
        }
        return ngrams;
    }

    private static byte[] wrap(String word) {
        return (BEGIN_OF_WORD + word + END_OF_WORD).getBytes(StandardCharsets.UTF_8);
    }

    /** Each kept n-gram as (start << 32 | end) byte offsets. */
    private List<Long> spans(byte[] word) {
        List<Long> spans = new ArrayList<>();
        if (!enabled()) {
            return spans;
        }
        for (int start = 0; start < word.length; start++) {
            if (isContinuation(word[start])) {
                continue;
            }
            int end = start;
            for (int n = 1; end < word.length && n <= maxn; n++) {
                end++;
                while (end < word.length && isContinuation(word[end])) {
                    end++;
                }
                // a lone marker is not an n-gram: "<" (starts the word) or ">" (ends it)
                if (n >= minn && !(n == 1 && (start == 0 || end == word.length))) {
                    spans.add((long) start << 32 | end);
                }
            }
        }
        return spans;
    }

    private static boolean isContinuation(byte b) {
        return (b & 0xC0) == 0x80;
    }
}
