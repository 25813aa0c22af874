package dev.embedkit.tokenize.hf;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The "padding" of tokenizer.json for a single sequence: "BatchLongest" pads to the longest of a batch, which
 * for one text is nothing; {"Fixed": n} pads to n tokens; pad_to_multiple_of rounds the target up.
 */
record Padding(int fixedLength, int multipleOf, boolean left, int padId, String padToken) {

    static Padding parse(JsonFields json) {
        json.checkFields(java.util.Set.of("strategy", "direction", "pad_to_multiple_of", "pad_id", "pad_type_id", "pad_token"));
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

    /** {@code encoding} with its pad tokens. */
    HfTokenizer.Encoding apply(HfTokenizer.Encoding encoding) {
        int length = encoding.ids().length;
        int pads = padCount(length);
        int[] ids = new int[length + pads];
        Arrays.fill(ids, padId);
        System.arraycopy(encoding.ids(), 0, ids, left ? pads : 0, length);
        List<String> tokens = new ArrayList<>(Collections.nCopies(pads, padToken));
        tokens.addAll(left ? pads : 0, encoding.tokens());
        return new HfTokenizer.Encoding(ids, List.copyOf(tokens));
    }

    private int padCount(int length) {
        int target = Math.max(length, fixedLength);
        if (multipleOf > 0 && target % multipleOf != 0) {
            target += multipleOf - target % multipleOf;
        }
        return target - length;
    }
}
