package dev.embedkit.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import dev.embedkit.FormatException;
import dev.embedkit.tokenize.TokenizerFiles;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Stand-in until the real Hugging Face tokenizer lands: reads only the token strings of a model folder, by ID,
 * from the first of tokenizer.json (model.vocab and added_tokens), vocab.json / encoder.json (GPT-2's token →
 * ID map) and vocab.txt (BERT's one token a line). It does not tokenize text; swap it for the tokenizer's own
 * vocabulary when that exists.
 */
public final class TokenizerVocabFiles {

    /** The token of each ID (null where none is named) and the file and field they came from. */
    public record Tokens(List<String> byId, Path file, String field) {
    }

    private TokenizerVocabFiles() {
    }

    /** The folder's tokens; IDs at or beyond {@code rows} (the table's size) are refused, naming the token. */
    public static Optional<Tokens> read(Path folder, int rows) {
        Path tokenizer = folder.resolve("tokenizer.json");
        if (Files.isRegularFile(tokenizer)) {
            return Optional.of(fromTokenizerJson(tokenizer, rows));
        }
        for (String name : List.of("vocab.json", "encoder.json")) {
            Path file = folder.resolve(name);
            if (Files.isRegularFile(file)) {
                String[] byId = new String[0];
                return Optional.of(new Tokens(Arrays.asList(fromMap(file, TokenizerFiles.readJson(file), "", rows, byId)), file, "entries"));
            }
        }
        Path vocabTxt = folder.resolve("vocab.txt");
        if (Files.isRegularFile(vocabTxt)) {
            return Optional.of(new Tokens(lines(vocabTxt), vocabTxt, "lines"));
        }
        return Optional.empty();
    }

    private static Tokens fromTokenizerJson(Path file, int rows) {
        JsonNode root = TokenizerFiles.readJson(file);
        JsonNode vocab = root.path("model").path("vocab");
        String[] byId = new String[0];
        if (vocab.isObject()) { // BPE, WordPiece, WordLevel: token → ID
            byId = fromMap(file, vocab, "model.vocab", rows, byId);
        } else if (vocab.isArray()) { // Unigram: [token, score] in ID order
            if (vocab.size() > rows) {
                throw FormatException.atField(file, "model.vocab", "names " + vocab.size() + " tokens, but the embedding"
                        + " table has only " + rows + " rows");
            }
            byId = new String[vocab.size()];
            for (int id = 0; id < vocab.size(); id++) {
                JsonNode token = vocab.get(id).path(0);
                if (!token.isTextual()) {
                    throw FormatException.atField(file, "model.vocab[" + id + "]", "is not a [token, score] pair");
                }
                byId[id] = token.asText();
            }
        } else {
            throw FormatException.atField(file, "model.vocab", "is missing or neither an object nor an array");
        }
        for (JsonNode added : root.path("added_tokens")) {
            JsonNode id = added.get("id");
            JsonNode content = added.get("content");
            if (id == null || !id.canConvertToInt() || content == null || !content.isTextual()) {
                throw FormatException.atField(file, "added_tokens", added + " needs an integer id and a string content");
            }
            byId = put(file, "added_tokens", byId, id.asInt(), content.asText(), rows);
        }
        return new Tokens(Arrays.asList(byId), file, "model.vocab");
    }

    private static String[] fromMap(Path file, JsonNode map, String field, int rows, String[] byId) {
        if (!map.isObject()) {
            throw FormatException.atField(file, field.isEmpty() ? "(root)" : field, "is not a token → ID object");
        }
        String[] result = byId;
        for (Map.Entry<String, JsonNode> entry : map.properties()) {
            if (!entry.getValue().canConvertToInt() || !entry.getValue().isIntegralNumber()) {
                throw FormatException.atField(file, prefix(field) + entry.getKey(), entry.getValue() + " is not an integer ID");
            }
            result = put(file, prefix(field) + entry.getKey(), result, entry.getValue().asInt(), entry.getKey(), rows);
        }
        return result;
    }

    /** Sets byId[id] = token, growing the array only up to {@code rows}, the bound the table's real size sets. */
    private static String[] put(Path file, String field, String[] byId, int id, String token, int rows) {
        if (id < 0 || id >= rows) {
            throw FormatException.atField(file, field, "token '" + token + "' has ID " + id + ", outside the embedding"
                    + " table's rows 0.." + (rows - 1));
        }
        String[] result = id < byId.length ? byId : Arrays.copyOf(byId, Math.max(id + 1, Math.min(rows, 2 * byId.length)));
        if (result[id] != null && !result[id].equals(token)) {
            throw FormatException.atField(file, field, "ID " + id + " is given to both '" + result[id] + "' and '" + token + "'");
        }
        result[id] = token;
        return result;
    }

    private static String prefix(String field) {
        return field.isEmpty() ? "" : field + ".";
    }

    private static List<String> lines(Path file) {
        List<String> tokens = new ArrayList<>(TokenizerFiles.readLines(file));
        if (!tokens.isEmpty() && tokens.getLast().isEmpty()) {
            tokens.removeLast();
        }
        return tokens;
    }
}
