package dev.embedkit.tokenize.hf;

import dev.embedkit.tokenize.IntList;
import dev.embedkit.tokenize.TokenIds;

import java.util.Map;
import java.util.Set;

/** The "model" of tokenizer.json: turns one pre-tokenized piece into token IDs from its vocabulary. */
sealed interface Model permits BpeModel, WordPieceModel, WordLevelModel {

    void tokenize(String piece, IntList ids);

    TokenIds vocab();

    /** Each supported type and the fields it may set. */
    Map<String, Set<String>> FIELDS = Map.of(
            "BPE", Set.of("dropout", "unk_token", "continuing_subword_prefix", "end_of_word_suffix", "fuse_unk",
                    "byte_fallback", "ignore_merges", "vocab", "merges"),
            "WordPiece", Set.of("unk_token", "continuing_subword_prefix", "max_input_chars_per_word", "vocab"),
            "WordLevel", Set.of("unk_token", "vocab"));

    static Model parse(JsonFields json) {
        // Files written by old versions of tokenizers have no "type" in the model; their keys tell the kind.
        String type = json.has("type") ? json.type()
                : json.has("merges") ? "BPE"
                : json.has("max_input_chars_per_word") ? "WordPiece" : "WordLevel";
        json.checkComponent("model", type, FIELDS);
        TokenIds vocab = TokenIds.fromJson(json.node().get("vocab"), json.file(), json.path("vocab"));
        return switch (type) {
            case "BPE" -> BpeModel.parse(json, vocab);
            case "WordPiece" -> new WordPieceModel(vocab, json.string("unk_token", "[UNK]"),
                    json.string("continuing_subword_prefix", "##"), json.integer("max_input_chars_per_word", 100), json);
            case "WordLevel" -> new WordLevelModel(vocab, json.string("unk_token", "<unk>"), json);
            default -> throw new IllegalStateException("checked above: " + type);
        };
    }

    /** The ID of the unknown token, which the file may name without listing it in the vocabulary: then an error. */
    static int unknownId(TokenIds vocab, String unkToken, JsonFields json) {
        int id = vocab.id(unkToken);
        if (id < 0) {
            throw json.error("unk_token", "'" + unkToken + "' is needed for a piece outside the vocabulary but is not in "
                    + json.path("vocab"));
        }
        return id;
    }
}
