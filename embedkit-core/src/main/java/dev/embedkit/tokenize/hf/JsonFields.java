package dev.embedkit.tokenize.hf;

import com.fasterxml.jackson.databind.JsonNode;
import dev.embedkit.FormatException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One JSON object of tokenizer.json with its place in the file ("pre_tokenizer.pretokenizers[1]"), so that every
 * error names the file and the field. Missing optional fields take Hugging Face's defaults.
 */
record JsonFields(Path file, String where, JsonNode node) {

    JsonFields {
        if (node == null || !node.isObject()) {
            throw FormatException.atField(file, where, "expected an object, got " + (node == null ? "nothing" : node));
        }
    }

    String path(String field) {
        return where.isEmpty() ? field : where + "." + field;
    }

    FormatException error(String field, String problem) {
        return FormatException.atField(file, path(field), problem);
    }

    FormatException error(String problem) {
        return FormatException.atField(file, where, problem);
    }

    boolean has(String field) {
        JsonNode value = node.get(field);
        return value != null && !value.isNull();
    }

    String type() {
        return string("type");
    }

    /**
     * Checks that this component is one we implement ({@code fields} maps each supported type to the fields it may
     * have) and that it sets no field we do not know: either would be a silent difference from Hugging Face.
     */
    void checkComponent(String component, String type, Map<String, Set<String>> fields) {
        Set<String> known = fields.get(type);
        if (known == null) {
            throw error("type", component + " type \"" + type + "\" is not supported (supported: "
                    + String.join(", ", fields.keySet().stream().sorted().toList()) + ")");
        }
        checkFields(known);
    }

    /** Refuses any field outside {@code known} (and "type"). */
    void checkFields(Set<String> known) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("type") && !known.contains(name)) {
                throw error(name, "this field is not supported here (known: "
                        + String.join(", ", known.stream().sorted().toList()) + ")");
            }
        }
    }

    String string(String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw error(field, "expected a string, got " + (value == null ? "nothing" : value));
        }
        return value.textValue();
    }

    String string(String field, String fallback) {
        return has(field) ? string(field) : fallback;
    }

    /** A string field that must hold exactly one Unicode character (Metaspace's replacement, Strip's content). */
    int character(String field, String fallback) {
        String s = fallback == null ? string(field) : string(field, fallback);
        if (s.codePointCount(0, s.length()) != 1) {
            throw error(field, "expected a single character, got \"" + s + "\"");
        }
        return s.codePointAt(0);
    }

    boolean bool(String field, boolean fallback) {
        if (!has(field)) {
            return fallback;
        }
        JsonNode value = node.get(field);
        if (!value.isBoolean()) {
            throw error(field, "expected true or false, got " + value);
        }
        return value.booleanValue();
    }

    int integer(String field, int fallback) {
        if (!has(field)) {
            return fallback;
        }
        JsonNode value = node.get(field);
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < 0) {
            throw error(field, "expected an integer >= 0, got " + value);
        }
        return value.intValue();
    }

    JsonFields object(String field) {
        return new JsonFields(file, path(field), node.get(field));
    }

    /** The objects of an array field. */
    List<JsonFields> objects(String field) {
        JsonNode array = node.get(field);
        if (array == null || !array.isArray()) {
            throw error(field, "expected an array, got " + (array == null ? "nothing" : array));
        }
        List<JsonFields> items = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            items.add(new JsonFields(file, path(field) + "[" + i + "]", array.get(i)));
        }
        return items;
    }
}
