package dev.embedkit.tokenize;

import com.fasterxml.jackson.databind.JsonNode;
import dev.embedkit.BadInputException;
import dev.embedkit.FormatException;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * A subword vocabulary as tokenizer files store it: a JSON object from token string to ID. IDs may have gaps
 * (a file can leave an ID to an added token), so the reverse direction is an array with nulls.
 */
public final class TokenIds {
    private final Map<String, Integer> ids;
    private final String[] tokens; // (max ID + 1): token of each ID, null in gaps

    private TokenIds(Map<String, Integer> ids, String[] tokens) {
        this.ids = ids;
        this.tokens = tokens;
    }

    /** Reads {"token": id, …}; {@code field} names the object in {@code file} for error messages. */
    public static TokenIds fromJson(JsonNode object, Path file, String field) {
        if (object == null || !object.isObject()) {
            throw FormatException.atField(file, field, "expected an object from token to ID");
        }
        Map<String, Integer> ids = new HashMap<>(object.size() * 2);
        int max = -1;
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode id = e.getValue();
            if (!id.canConvertToInt() || !id.isIntegralNumber() || id.intValue() < 0) {
                throw FormatException.atField(file, field, "token '" + e.getKey() + "' has ID " + id + ", not an integer >= 0");
            }
            ids.put(e.getKey(), id.intValue());
            max = Math.max(max, id.intValue());
        }
        String[] tokens = new String[max + 1];
        for (Map.Entry<String, Integer> e : ids.entrySet()) {
            String previous = tokens[e.getValue()];
            if (previous != null) {
                throw FormatException.atField(file, field, "ID " + e.getValue() + " is given to both '" + previous
                        + "' and '" + e.getKey() + "'");
            }
            tokens[e.getValue()] = e.getKey();
        }
        return new TokenIds(ids, tokens);
    }

    /** The ID of {@code token}, or -1. */
    public int id(String token) {
        Integer id = ids.get(token);
        return id == null ? -1 : id;
    }

    /** The token of {@code id}, or null if no token has it. */
    public String token(int id) {
        return id >= 0 && id < tokens.length ? tokens[id] : null;
    }

    /** One more than the largest ID. */
    public int size() {
        return tokens.length;
    }

    /** The token of {@code id}, refusing IDs this vocabulary does not have. */
    public String require(int id) {
        String token = token(id);
        if (token == null) {
            throw new BadInputException("token ID " + id + " is not in the vocabulary (IDs 0.." + (tokens.length - 1) + ")");
        }
        return token;
    }
}
