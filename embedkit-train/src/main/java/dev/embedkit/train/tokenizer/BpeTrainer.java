package dev.embedkit.train.tokenizer;

import dev.embedkit.BadInputException;
import dev.embedkit.tokenize.bpe.ByteLevel;
import dev.embedkit.tokenize.bpe.Gpt2Pattern;
import dev.embedkit.train.corpus.Corpus;
import dev.embedkit.train.corpus.LineSource;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * Learns a byte-level BPE (GPT-2's scheme) from a corpus. Each line is split by GPT-2's pattern and written in the
 * byte alphabet; the 256 bytes are IDs 0–255 (in byte order). Then, until the vocabulary is full, the adjacent pair
 * with the highest count over all words is merged into a new token; ties go to the lexicographically smallest pair
 * (left token first, then right, comparing byte-level strings), so a run can be repeated exactly.
 */
public final class BpeTrainer {

    /** The learned vocabulary (tokens in ID order) and merges (best first), with what was counted. */
    public record Result(List<String> vocab, List<String[]> merges, long words, int distinctWords) {
    }

    private final List<String> tokens = new ArrayList<>();
    private final Map<Long, Long> pairCounts = new HashMap<>();
    private final Map<Long, Set<Integer>> wordsWithPair = new HashMap<>(); // may list words that lost the pair
    private final PriorityQueue<long[]> queue; // {count, left, right}; stale entries are skipped when polled
    private int[][] words;   // (distinct words): each word's current symbols
    private long[] counts;   // (distinct words): how often each word occurs

    private BpeTrainer() {
        for (int b = 0; b < 256; b++) {
            tokens.add(String.valueOf(ByteLevel.charOf(b)));
        }
        queue = new PriorityQueue<>(Comparator.<long[]>comparingLong(e -> -e[0])
                .thenComparing(e -> tokens.get((int) e[1]))
                .thenComparing(e -> tokens.get((int) e[2])));
    }

    /**
     * @param vocabSize    the number of tokens to end with (at least the 256 bytes)
     * @param minPairCount merging stops early when the best pair occurs fewer times than this
     */
    public static Result train(Corpus corpus, int vocabSize, long minPairCount) {
        if (vocabSize < 256) {
            throw new BadInputException("vocab size " + vocabSize + " is below 256, the byte alphabet every byte-level BPE starts with");
        }
        if (minPairCount < 1) {
            throw new BadInputException("min pair count must be at least 1, got " + minPairCount);
        }
        BpeTrainer trainer = new BpeTrainer();
        long total = trainer.countWords(corpus);
        if (total == 0) {
            throw new BadInputException("corpus " + corpus.name() + " has no text to learn merges from");
        }
        List<String[]> merges = trainer.mergeUntil(vocabSize, minPairCount);
        return new Result(List.copyOf(trainer.tokens), merges, total, trainer.words.length);
    }

    private long countWords(Corpus corpus) {
        Map<String, long[]> wordCounts = new HashMap<>();
        long total = 0;
        try (LineSource source = corpus.whole().open()) {
            for (String line = source.nextLine(); line != null; line = source.nextLine()) {
                for (String piece : Gpt2Pattern.ONIGURUMA.split(line)) {
                    wordCounts.computeIfAbsent(ByteLevel.encode(piece), w -> new long[1])[0]++;
                    total++;
                }
            }
        }
        // sorted, so that the word order (and with it everything after) does not depend on hashing
        List<String> distinct = wordCounts.keySet().stream().sorted().toList();
        words = new int[distinct.size()][];
        counts = new long[distinct.size()];
        for (int w = 0; w < words.length; w++) {
            String word = distinct.get(w);
            words[w] = word.chars().map(c -> ByteLevel.byteOf((char) c)).toArray();
            counts[w] = wordCounts.get(word)[0];
            addPairs(w, counts[w], null);
        }
        pairCounts.forEach((pair, count) -> queue.add(new long[] {count, left(pair), right(pair)}));
        return total;
    }

    private List<String[]> mergeUntil(int vocabSize, long minPairCount) {
        List<String[]> merges = new ArrayList<>();
        while (tokens.size() < vocabSize && !queue.isEmpty()) {
            long[] best = queue.poll();
            long pair = key((int) best[1], (int) best[2]);
            if (pairCounts.getOrDefault(pair, 0L) != best[0]) {
                continue; // stale: the pair's count changed, and its current count is queued too
            }
            if (best[0] < minPairCount) {
                break;
            }
            int left = (int) best[1];
            int right = (int) best[2];
            int merged = tokens.size();
            tokens.add(tokens.get(left) + tokens.get(right));
            merges.add(new String[] {tokens.get(left), tokens.get(right)});
            Set<Long> changed = new HashSet<>();
            for (int w : wordsWithPair.remove(pair)) {
                int[] replaced = replace(words[w], left, right, merged);
                if (replaced != words[w]) {
                    removePairs(w, changed);
                    words[w] = replaced;
                    addPairs(w, counts[w], changed);
                }
            }
            for (long p : changed) {
                long count = pairCounts.getOrDefault(p, 0L);
                if (count > 0) {
                    queue.add(new long[] {count, left(p), right(p)});
                }
            }
        }
        return merges;
    }

    /** {@code symbols} with every (left, right), from the left and not overlapping, replaced by {@code merged}. */
    private static int[] replace(int[] symbols, int left, int right, int merged) {
        int[] out = new int[symbols.length];
        int n = 0;
        for (int i = 0; i < symbols.length; i++) {
            if (i + 1 < symbols.length && symbols[i] == left && symbols[i + 1] == right) {
                out[n++] = merged;
                i++;
            } else {
                out[n++] = symbols[i];
            }
        }
        return n == symbols.length ? symbols : java.util.Arrays.copyOf(out, n);
    }

    private void addPairs(int w, long count, Set<Long> changed) {
        int[] s = words[w];
        for (int i = 0; i + 1 < s.length; i++) {
            long pair = key(s[i], s[i + 1]);
            pairCounts.merge(pair, count, Long::sum);
            wordsWithPair.computeIfAbsent(pair, p -> new HashSet<>()).add(w);
            if (changed != null) {
                changed.add(pair);
            }
        }
    }

    private void removePairs(int w, Set<Long> changed) {
        int[] s = words[w];
        for (int i = 0; i + 1 < s.length; i++) {
            long pair = key(s[i], s[i + 1]);
            pairCounts.merge(pair, -counts[w], Long::sum);
            changed.add(pair);
        }
    }

    private static long key(int left, int right) {
        return (long) left << 32 | right;
    }

    private static int left(long pair) {
        return (int) (pair >>> 32);
    }

    private static int right(long pair) {
        return (int) pair;
    }
}
