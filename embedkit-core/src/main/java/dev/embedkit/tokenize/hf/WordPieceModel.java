package dev.embedkit.tokenize.hf;

import dev.embedkit.tokenize.IntList;
import dev.embedkit.tokenize.TokenIds;

/**
 * BERT's WordPiece: greedy longest-match-first from the left, later pieces spelled with the continuing prefix
 * ("##ing"). A word that cannot be covered completely, or is longer than max_input_chars_per_word, is one [UNK].
 */
record WordPieceModel(TokenIds vocab, String unkToken, String prefix, int maxChars, JsonFields json) implements Model {
    public void tokenize(String word, IntList ids) {
        if (word.codePointCount(0, word.length()) > maxChars) {
            ids.add(Model.unknownId(vocab, unkToken, json));
            return;
        }
        IntList pieces = new IntList();
        int start = 0;
        while (start < word.length()) {
            int end = word.length();
            int found = -1;
            while (start < end) {
                String candidate = start > 0 ? prefix + word.substring(start, end) : word.substring(start, end);
                found = vocab.id(candidate);
                if (found >= 0) {
                    break;
                }
                end -= Character.charCount(word.codePointBefore(end));
            }
            if (found < 0) {
                ids.add(Model.unknownId(vocab, unkToken, json));
                return;
            }
            pieces.add(found);
            start = end;
        }
        ids.addAll(pieces.toArray());
    }
}
