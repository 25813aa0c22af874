package dev.embedkit.vocab;

import dev.embedkit.BadInputException;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Counts tokens from a stream and builds a {@link Vocabulary} sorted like word2vec's: special tokens first,
 * then by descending count; ties go to the lexicographically smaller token, so a build is deterministic
 * (word2vec's qsort leaves tie order to chance).
 */
public final class VocabularyBuilder {
    private final Map<String, long[]> counts = new HashMap<>();
    private long minCount = 1;
    private int maxSize = Integer.MAX_VALUE;
    private final Set<String> specialTokens = new LinkedHashSet<>();
    private String unkToken;
    private UnknownTokenPolicy policy = UnknownTokenPolicy.ERROR;

    /** Tokens seen fewer than {@code minCount} times are dropped (word2vec's {@code -min-count}). */
    public VocabularyBuilder minCount(long minCount) {
        if (minCount < 1) {
            throw new BadInputException("min-count must be at least 1, got " + minCount);
        }
        this.minCount = minCount;
        return this;
    }

    public long minCount() {
        return minCount;
    }

    /** At most {@code maxSize} tokens, special tokens included; the least frequent are dropped. */
    public VocabularyBuilder maxSize(int maxSize) {
        if (maxSize < 1) {
            throw new BadInputException("max vocabulary size must be at least 1, got " + maxSize);
        }
        this.maxSize = maxSize;
        return this;
    }

    /** Special tokens get the first IDs, in the order given, whatever their counts. */
    public VocabularyBuilder specialTokens(List<String> tokens) {
        specialTokens.addAll(tokens);
        return this;
    }

    /** Map unknown tokens to {@code unk} (added as a special token if it is not one yet). */
    public VocabularyBuilder mapUnknownTo(String unk) {
        specialTokens.add(unk);
        this.unkToken = unk;
        this.policy = UnknownTokenPolicy.MAP_TO_UNK;
        return this;
    }

    public VocabularyBuilder add(String token) {
        return add(token, 1);
    }

    public VocabularyBuilder add(String token, long count) {
        counts.computeIfAbsent(token, t -> new long[1])[0] += count;
        return this;
    }

    public VocabularyBuilder addAll(Iterable<String> tokens) {
        for (String token : tokens) {
            add(token);
        }
        return this;
    }

    /** Number of distinct tokens counted so far. */
    public int distinctTokens() {
        return counts.size();
    }

    public Vocabulary build() {
        if (specialTokens.size() > maxSize) {
            throw new BadInputException("max vocabulary size " + maxSize + " is smaller than the "
                    + specialTokens.size() + " special tokens");
        }
        List<Map.Entry<String, long[]>> kept = new ArrayList<>();
        for (Map.Entry<String, long[]> e : counts.entrySet()) {
            if (e.getValue()[0] >= minCount && !specialTokens.contains(e.getKey())) {
                kept.add(e);
            }
        }
        kept.sort(Comparator.<Map.Entry<String, long[]>>comparingLong(e -> -e.getValue()[0])
                .thenComparing(Map.Entry::getKey));
        int regular = Math.min(kept.size(), maxSize - specialTokens.size());

        List<String> tokens = new ArrayList<>(specialTokens.size() + regular);
        long[] tokenCounts = new long[specialTokens.size() + regular];
        for (String special : specialTokens) {
            long[] c = counts.get(special);
            tokenCounts[tokens.size()] = c == null ? 0 : c[0];
            tokens.add(special);
        }
        for (int i = 0; i < regular; i++) {
            tokenCounts[tokens.size()] = kept.get(i).getValue()[0];
            tokens.add(kept.get(i).getKey());
        }
        return Vocabulary.of(tokens, tokenCounts, specialTokens, unkToken, policy);
    }
}
