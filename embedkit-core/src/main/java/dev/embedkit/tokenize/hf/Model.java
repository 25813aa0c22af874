package dev.embedkit.tokenize.hf;

import dev.embedkit.tokenize.IntList;
import dev.embedkit.tokenize.TokenIds;

import java.util.Set;

/** The "model" of tokenizer.json: turns one pre-tokenized piece into token IDs from its vocabulary. */
sealed interface Model permits BpeModel, WordPieceModel, WordLevelModel {

    void tokenize(String piece, IntList ids);

    TokenIds vocab();

    Set<String> SUPPORTED = Set.of("BPE", "WordPiece", "WordLevel");

    static Model parse(JsonFields json) {
        // Files written by old versions of tokenizers have no "type" in the model; their keys tell the kind.
        String type = json.has("type") ? json.type()
                : json.has("merges") ? "BPE"
                : json.has("max_input_chars_per_word") ? "WordPiece" : "WordLevel";
        TokenIds vocab = TokenIds.fromJson(json.node().get("vocab"), json.file(), json.path("vocab"));
        return switch (type) {
            case "BPE" -> BpeModel.parse(json, vocab);
            case "WordPiece" -> new WordPieceModel(vocab, json.string("unk_token", "[UNK]"),
                    json.string("continuing_subword_prefix", "##"), json.integer("max_input_chars_per_word", 100), json);
            case "WordLevel" -> new WordLevelModel(vocab, json.string("unk_token", "<unk>"), json);
            default -> throw json.unsupported("model", SUPPORTED);
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
