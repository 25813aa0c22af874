package dev.embedkit.tokenize.hf;

import dev.embedkit.BadInputException;

/**
 * The "truncation" of tokenizer.json for a single sequence: keep at most max_length tokens including the
 * post-processor's special tokens, cutting from the right (or the left). Stride only shapes the overflowing
 * pieces, which {@code encode} does not return.
 */
record Truncation(int maxLength, boolean fromLeft, JsonFields json) {

    static Truncation parse(JsonFields json) {
        json.checkFields(java.util.Set.of("direction", "max_length", "strategy", "stride"));
        String strategy = json.string("strategy", "LongestFirst");
        if (strategy.equals("OnlySecond")) {
            throw json.error("strategy", "OnlySecond truncates a second sequence, and single texts have none");
        }
        if (!strategy.equals("LongestFirst") && !strategy.equals("OnlyFirst")) {
            throw json.error("strategy", "unknown truncation strategy \"" + strategy + "\"");
        }
        String direction = json.string("direction", "Right");
        if (!direction.equals("Right") && !direction.equals("Left")) {
            throw json.error("direction", "expected Right or Left, got \"" + direction + "\"");
        }
        return new Truncation(json.integer("max_length", 512), direction.equals("Left"), json);
    }

    /** Where the kept part of {@code length} model tokens starts and ends, leaving room for {@code specials}. */
    int[] keep(int length, int specials) {
        int room = maxLength - specials;
        if (room < 0) {
            throw new BadInputException(json.file() + ": truncation max_length " + maxLength + " leaves no room beside "
                    + specials + " special tokens");
        }
        if (length <= room) {
            return new int[] {0, length};
        }
        return fromLeft ? new int[] {length - room, length} : new int[] {0, room};
    }
}
