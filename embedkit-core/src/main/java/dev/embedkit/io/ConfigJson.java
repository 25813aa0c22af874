package dev.embedkit.io;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.embedkit.FormatException;
import dev.embedkit.tensor.DType;
import dev.embedkit.tokenize.WordSplitter;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** config.json of a model directory, to and from {@link ModelConfig} plus the dtype of the stored table. */
final class ConfigJson {
    static final String FORMAT = "embedkit";
    static final int VERSION = 1;

    // BigDecimal, unstripped, keeps a setting such as 0.0250 exactly as written, so extra settings survive a
    // load and save (as doubles they could change digits).
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    /** A parsed config.json: the config and the dtype it declares for the table. */
    record Parsed(ModelConfig config, DType dtype) {
    }

    private ConfigJson() {
    }

    static String write(ModelConfig config, DType dtype) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        root.put("vocab_size", config.vocabSize());
        root.put("dim", config.dim());
        root.put("tokenizer", config.tokenizer());
        if (config.splitter() != null) {
            ObjectNode splitter = root.putObject("word_splitter");
            splitter.put("mode", config.splitter().mode().name());
            splitter.put("lowercase", config.splitter().lowercase());
        }
        root.put("dtype", dtype.name());
        if (config.unkToken() != null) {
            root.put("unk_token", config.unkToken());
        }
        config.specialTokens().forEach(root.withArray("special_tokens")::add);
        config.extra().forEach((key, value) -> root.set(key, JSON.valueToTree(value)));
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JacksonException e) {
            throw new IllegalStateException("a config tree always serializes", e);
        }
    }

    static Parsed read(Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (JacksonException e) {
            throw FormatException.of(file, "is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw IoErrors.wrap(file, e);
        }
        if (root == null || !root.isObject()) {
            throw FormatException.of(file, "must hold a JSON object");
        }
        if (!FORMAT.equals(root.path("format").asText(null))) {
            throw FormatException.atField(file, "format", "must be \"" + FORMAT + "\", found " + root.get("format"));
        }
        int version = integer(file, root, "version", 1);
        if (version != VERSION) {
            throw FormatException.atField(file, "version", version + " is not a version this embedkit reads (" + VERSION + ")");
        }
        int vocabSize = integer(file, root, "vocab_size", 0);
        int dim = integer(file, root, "dim", 1);
        String tokenizer = text(file, root, "tokenizer");
        WordSplitter splitter = root.has("word_splitter") ? splitter(file, root.get("word_splitter")) : null;
        if (tokenizer.equals("word") && splitter == null) {
            throw FormatException.atField(file, "word_splitter", "is missing; the word tokenizer needs it");
        }
        DType dtype;
        try {
            dtype = DType.fromName(text(file, root, "dtype"));
        } catch (IllegalArgumentException e) {
            throw FormatException.atField(file, "dtype", e.getMessage());
        }
        JsonNode unk = root.get("unk_token");
        if (unk != null && !unk.isNull() && !unk.isTextual()) {
            throw FormatException.atField(file, "unk_token", "must be a string or null");
        }
        List<String> specials = new ArrayList<>();
        JsonNode specialNode = root.get("special_tokens");
        if (specialNode != null) {
            if (!specialNode.isArray()) {
                throw FormatException.atField(file, "special_tokens", "must be an array of strings");
            }
            for (JsonNode token : specialNode) {
                if (!token.isTextual()) {
                    throw FormatException.atField(file, "special_tokens", token + " is not a string");
                }
                specials.add(token.asText());
            }
        }
        Map<String, Object> extra = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : root.properties()) {
            if (!ModelConfig.KEYS.contains(entry.getKey())) {
                extra.put(entry.getKey(), JSON.convertValue(entry.getValue(), Object.class));
            }
        }
        String unkToken = unk == null || unk.isNull() ? null : unk.asText();
        return new Parsed(new ModelConfig(vocabSize, dim, tokenizer, splitter, unkToken, specials, extra), dtype);
    }

    private static WordSplitter splitter(Path file, JsonNode node) {
        String mode = node.path("mode").asText("");
        JsonNode lowercase = node.get("lowercase");
        if (lowercase == null || !lowercase.isBoolean()) {
            throw FormatException.atField(file, "word_splitter.lowercase", "must be true or false");
        }
        try {
            return new WordSplitter(WordSplitter.Mode.valueOf(mode.toUpperCase(Locale.ROOT)), lowercase.booleanValue());
        } catch (IllegalArgumentException e) {
            throw FormatException.atField(file, "word_splitter.mode", "'" + mode + "' is not one of "
                    + List.of(WordSplitter.Mode.values()));
        }
    }

    private static int integer(Path file, JsonNode root, String field, int min) {
        JsonNode node = root.get(field);
        if (node == null || !node.canConvertToInt() || !node.isIntegralNumber() || node.intValue() < min) {
            throw FormatException.atField(file, field, "must be an integer of at least " + min + ", found " + node);
        }
        return node.intValue();
    }

    private static String text(Path file, JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null || !node.isTextual()) {
            throw FormatException.atField(file, field, "must be a string, found " + node);
        }
        return node.asText();
    }
}
