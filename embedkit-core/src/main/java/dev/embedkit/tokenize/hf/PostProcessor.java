package dev.embedkit.tokenize.hf;

import com.fasterxml.jackson.databind.JsonNode;
import dev.embedkit.tokenize.IntList;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntPredicate;

/**
 * The "post_processor" of tokenizer.json: the special tokens before and after an encoded sequence ([CLS] … [SEP],
 * &lt;s&gt; … &lt;/s&gt;). Only single sequences are encoded here, so only the "single" template matters.
 */
record PostProcessor(List<Special> before, List<Special> after) {

    /** A token the processor inserts: its ID and its string. */
    record Special(int id, String token) {
    }

    static final PostProcessor NONE = new PostProcessor(List.of(), List.of());

    /** Each supported type and the fields it may set. */
    static final Map<String, Set<String>> FIELDS = Map.of(
            "TemplateProcessing", Set.of("single", "pair", "special_tokens"),
            "BertProcessing", Set.of("sep", "cls"),
            "RobertaProcessing", Set.of("sep", "cls", "trim_offsets", "add_prefix_space"),
            "ByteLevel", Set.of("add_prefix_space", "trim_offsets", "use_regex"),
            "Sequence", Set.of("processors"));

    /** @param known whether an ID is a token of the tokenizer: every special token must be one */
    static PostProcessor parse(JsonFields json, IntPredicate known) {
        json.checkComponent("post_processor", json.type(), FIELDS);
        return switch (json.type()) {
            case "BertProcessing", "RobertaProcessing" ->
                    new PostProcessor(List.of(special(json, "cls", known)), List.of(special(json, "sep", known)));
            case "ByteLevel" -> new PostProcessor(List.of(), List.of()); // it only trims offsets, which we do not report
            case "TemplateProcessing" -> template(json, known);
            case "Sequence" -> {
                List<Special> before = new ArrayList<>();
                List<Special> after = new ArrayList<>();
                for (JsonFields step : json.objects("processors")) {
                    PostProcessor p = parse(step, known);
                    before.addAll(0, p.before()); // a later processor wraps what the earlier ones made
                    after.addAll(p.after());
                }
                yield new PostProcessor(before, after);
            }
            default -> throw new IllegalStateException("checked above: " + json.type());
        };
    }

    void apply(int[] sequence, List<String> tokens, IntList out, List<String> outTokens) {
        before.forEach(s -> { out.add(s.id()); outTokens.add(s.token()); });
        out.addAll(sequence);
        outTokens.addAll(tokens);
        after.forEach(s -> { out.add(s.id()); outTokens.add(s.token()); });
    }

    private static Special special(JsonFields json, String field, IntPredicate known) {
        JsonNode pair = json.node().get(field);
        if (pair == null || !pair.isArray() || pair.size() != 2 || !pair.get(0).isTextual() || !pair.get(1).canConvertToInt()) {
            throw json.error(field, "expected [token, id], got " + pair);
        }
        Special special = new Special(pair.get(1).intValue(), pair.get(0).textValue());
        if (!known.test(special.id())) {
            throw json.error(field, unknown(special));
        }
        return special;
    }

    private static String unknown(Special special) {
        return "special token '" + special.token() + "' has ID " + special.id() + ", which is not a token of this tokenizer";
    }

    private static PostProcessor template(JsonFields json, IntPredicate known) {
        JsonFields specials = json.object("special_tokens");
        List<Special> before = new ArrayList<>();
        List<Special> after = new ArrayList<>();
        boolean seenSequence = false;
        for (JsonFields item : json.objects("single")) {
            if (item.has("Sequence")) {
                String id = item.object("Sequence").string("id");
                if (!id.equals("A") || seenSequence) {
                    throw item.error("Sequence", "the single template may hold sequence A once, got " + id);
                }
                seenSequence = true;
            } else if (item.has("SpecialToken")) {
                String name = item.object("SpecialToken").string("id");
                if (!specials.has(name)) {
                    throw specials.error(name, "the template uses special token '" + name + "' but it is not defined here");
                }
                JsonFields special = specials.object(name);
                JsonNode ids = special.node().get("ids");
                JsonNode tokens = special.node().get("tokens");
                if (ids == null || tokens == null || !ids.isArray() || !tokens.isArray() || ids.size() != tokens.size()) {
                    throw special.error("expected \"ids\" and \"tokens\" arrays of the same length");
                }
                for (int i = 0; i < ids.size(); i++) {
                    Special token = new Special(ids.get(i).intValue(), tokens.get(i).asText());
                    if (!known.test(token.id())) {
                        throw special.error("ids", unknown(token));
                    }
                    (seenSequence ? after : before).add(token);
                }
            } else {
                throw item.error("expected {\"Sequence\": …} or {\"SpecialToken\": …}");
            }
        }
        if (!seenSequence) {
            throw json.error("single", "the template never places the sequence ($A)");
        }
        return new PostProcessor(before, after);
    }
}
