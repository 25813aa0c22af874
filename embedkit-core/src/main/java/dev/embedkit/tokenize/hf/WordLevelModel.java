package dev.embedkit.tokenize.hf;

import dev.embedkit.tokenize.IntList;
import dev.embedkit.tokenize.TokenIds;

/** A whole piece is one token, or the unknown token. */
record WordLevelModel(TokenIds vocab, String unkToken, JsonFields json) implements Model {
    public void tokenize(String piece, IntList ids) {
        int id = vocab.id(piece);
        ids.add(id >= 0 ? id : Model.unknownId(vocab, unkToken, json));
    }
}
