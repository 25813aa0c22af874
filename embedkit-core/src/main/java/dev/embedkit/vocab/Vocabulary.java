package dev.embedkit.vocab;

import dev.embedkit.BadInputException;
import dev.embedkit.UnknownTokenException;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Token ↔ ID. The ID of a token is its position in the list; it says nothing about the token's meaning,
 * the embedding table does. Immutable; build one from a corpus with {@link VocabularyBuilder}.
 */
public final class Vocabulary {
    public static final String DEFAULT_UNK = "<unk>";

    private final List<String> tokens;
    private final long[] counts; // counts[id], 0 where unknown
    private final Map<String, Integer> ids;
    private final Set<String> specialTokens;
    private final String unkToken; // null when the vocabulary has none
    private final UnknownTokenPolicy policy;

    private Vocabulary(List<String> tokens, long[] counts, Set<String> specialTokens, String unkToken,
                       UnknownTokenPolicy policy) {
        if (counts.length != tokens.size()) {
            throw new BadInputException("vocabulary has " + tokens.size() + " tokens but " + counts.length + " counts");
        }
        Map<String, Integer> index = HashMap.newHashMap(tokens.size());
        for (int id = 0; id < tokens.size(); id++) {
            String token = tokens.get(id);
            if (token == null) {
                throw new BadInputException("vocabulary token " + id + " is null");
            }
            Integer previous = index.putIfAbsent(token, id);
            if (previous != null) {
                throw new BadInputException("duplicate token '" + token + "' at IDs " + previous + " and " + id);
            }
        }
        if (policy == UnknownTokenPolicy.MAP_TO_UNK && (unkToken == null || !index.containsKey(unkToken))) {
            throw new BadInputException("unknown-token policy MAP_TO_UNK needs the unknown token '"
                    + (unkToken == null ? DEFAULT_UNK : unkToken) + "' in the vocabulary");
        }
        this.tokens = List.copyOf(tokens);
        this.counts = counts.clone();
        this.ids = index;
        this.specialTokens = Set.copyOf(specialTokens);
        this.unkToken = unkToken;
        this.policy = policy;
    }

    /** A vocabulary of these tokens in this order, without counts, refusing unknown tokens. */
    public static Vocabulary of(List<String> tokens) {
        return of(tokens, new long[tokens.size()]);
    }

    /** A vocabulary of these tokens with their counts, refusing unknown tokens. */
    public static Vocabulary of(List<String> tokens, long[] counts) {
        return new Vocabulary(tokens, counts, Set.of(), null, UnknownTokenPolicy.ERROR);
    }

    /** Full control: special tokens (kept in {@code tokens}), the unknown token and the policy. */
    public static Vocabulary of(List<String> tokens, long[] counts, Set<String> specialTokens, String unkToken,
                                UnknownTokenPolicy policy) {
        return new Vocabulary(tokens, counts, specialTokens, unkToken, policy);
    }

    /** The same tokens with another unknown-token policy; MAP_TO_UNK needs {@code unkToken} in the vocabulary. */
    public Vocabulary withPolicy(UnknownTokenPolicy newPolicy, String newUnkToken) {
        return new Vocabulary(tokens, counts, specialTokens, newUnkToken, newPolicy);
    }

    public int size() {
        return tokens.size();
    }

    /** The token with this ID; an ID outside 0..size-1 is an error naming the ID and the size. */
    public String token(int id) {
        checkId(id);
        return tokens.get(id);
    }

    public List<String> tokens() {
        return tokens;
    }

    /** How often the token occurred in the corpus the vocabulary was built from (0 if not known). */
    public long count(int id) {
        checkId(id);
        return counts[id];
    }

    public boolean hasCounts() {
        for (long c : counts) {
            if (c != 0) {
                return true;
            }
        }
        return false;
    }

    public boolean contains(String token) {
        return ids.containsKey(token);
    }

    /** The ID of the token, or -1 if absent; ignores the policy. */
    public int find(String token) {
        Integer id = ids.get(token);
        return id == null ? -1 : id;
    }

    /** The ID of the token, applying the unknown-token policy when it is absent. */
    public int id(String token) {
        Integer id = ids.get(token);
        if (id != null) {
            return id;
        }
        if (policy == UnknownTokenPolicy.MAP_TO_UNK) {
            return ids.get(unkToken);
        }
        throw new UnknownTokenException(token);
    }

    public boolean isSpecial(int id) {
        return specialTokens.contains(token(id));
    }

    public Set<String> specialTokens() {
        return specialTokens;
    }

    /** The unknown token, or null if the vocabulary has none. */
    public String unkToken() {
        return unkToken;
    }

    public UnknownTokenPolicy policy() {
        return policy;
    }

    public void checkId(int id) {
        if (id < 0 || id >= tokens.size()) {
            throw new BadInputException("token ID " + id + " is out of range: the vocabulary has V=" + tokens.size()
                    + " tokens (valid IDs: 0.." + (tokens.size() - 1) + ")");
        }
    }

    @Override
    public String toString() {
        return "Vocabulary[V=" + size() + "]";
    }
}
