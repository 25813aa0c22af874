package dev.embedkit.tokenize.hf;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The "padding" of tokenizer.json for a single sequence: "BatchLongest" pads to the longest of a batch, which
 * for one text is nothing; {"Fixed": n} pads to n tokens; pad_to_multiple_of rounds the target up.
 */
record Padding(int fixedLength, int multipleOf, boolean left, int padId, String padToken) {

    static Padding parse(JsonFields json) {
        JsonNode strategy = json.node().get("strategy");
        int fixed = 0;
        if (strategy != null && strategy.isObject() && strategy.has("Fixed")) {
            fixed = json.object("strategy").integer("Fixed", 0);
        } else if (strategy != null && !(strategy.isTextual() && strategy.textValue().equals("BatchLongest"))) {
            throw json.error("strategy", "expected \"BatchLongest\" or {\"Fixed\": n}, got " + strategy);
        }
        String direction = json.string("direction", "Right");
        if (!direction.equals("Right") && !direction.equals("Left")) {
            throw json.error("direction", "expected Right or Left, got \"" + direction + "\"");
        }
        return new Padding(fixed, json.integer("pad_to_multiple_of", 0), direction.equals("Left"),
                json.integer("pad_id", 0), json.string("pad_token", "[PAD]"));
    }

    /** How many pad tokens a sequence of {@code length} gets. */
    int padCount(int length) {
        int target = Math.max(length, fixedLength);
        if (multipleOf > 0 && target % multipleOf != 0) {
            target += multipleOf - target % multipleOf;
        }
        return target - length;
    }
}
