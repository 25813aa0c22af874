package dev.embedkit.embed;

import dev.embedkit.tensor.HeapMatrix;

import java.util.ArrayList;
import java.util.List;

/**
 * Text embedded word by word, for a model whose tokens are words: each word's vector is its row, or for a subword
 * model an out-of-vocabulary word's n-gram vector (ID -1), or the unknown-token policy's row; stacked, they are the
 * n×d matrix a Transformer would read. The CLI's {@code embed} and the server's /embed both build it here.
 *
 * @param ids     the row of each word, -1 for an out-of-vocabulary word whose vector came from its n-grams
 * @param tokens  each word's token, or the word as written when it is out of the vocabulary
 * @param notes   "(OOV: from 12 n-grams)" for an out-of-vocabulary word, "" for the others
 * @param stacked (n, dim) row j is word j's vector
 * @param oov     the out-of-vocabulary words
 */
public record EmbeddedWords(int[] ids, List<String> tokens, List<String> notes, HeapMatrix stacked, OovWords oov) {

    /** {@code text}'s words (as a {@link dev.embedkit.tokenize.WordSplitter} splits it) and their vectors. */
    public static EmbeddedWords of(List<String> text, WordVectors words) {
        List<WordVector> vectors = text.stream().map(words::lookup).toList();
        EmbeddingTable table = words.table();
        int[] ids = new int[vectors.size()];
        List<String> tokens = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<WordVector> oov = new ArrayList<>();
        HeapMatrix stacked = HeapMatrix.zeros(vectors.size(), table.dim()); // (n, dim)
        for (int j = 0; j < ids.length; j++) {
            WordVector vector = vectors.get(j);
            ids[j] = vector.id();
            tokens.add(vector.oov() ? vector.word() : table.vocabulary().token(vector.id()));
            notes.add(vector.note());
            stacked.setRow(j, vector.values());
            if (vector.oov()) {
                oov.add(vector);
            }
        }
        return new EmbeddedWords(ids, tokens, notes, stacked, new OovWords(oov));
    }
}
