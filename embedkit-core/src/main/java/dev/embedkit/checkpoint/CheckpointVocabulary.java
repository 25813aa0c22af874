package dev.embedkit.checkpoint;

import dev.embedkit.FormatException;
import dev.embedkit.io.IdVocabulary;
import dev.embedkit.vocab.Vocabulary;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns a checkpoint's token list into a {@link Vocabulary} with one token per table row. Tables are often
 * padded past the tokenizer (GPT-2's 50257 tokens in 50304 rows): rows without a token, and a repeated token
 * after its first ID, are named "&lt;id:N&gt;" so every row stays addressable and tokens stay unique.
 */
final class CheckpointVocabulary {
    private CheckpointVocabulary() {
    }

    /**
     * @param tokens token of each ID (null where the tokenizer names none), or null for none at all
     * @param source the file and field the tokens came from, for errors
     */
    static Vocabulary of(List<String> tokens, int rows, Path sourceFile, String source) {
        if (tokens == null) {
            return IdVocabulary.of(rows);
        }
        if (tokens.size() > rows) {
            throw FormatException.atField(sourceFile, source, "names " + tokens.size() + " tokens, but the embedding"
                    + " table has only " + rows + " rows");
        }
        List<String> named = new ArrayList<>(rows);
        Set<String> seen = new HashSet<>();
        for (int id = 0; id < rows; id++) {
            String token = id < tokens.size() ? tokens.get(id) : null;
            named.add(token != null && seen.add(token) ? token : "<id:" + id + ">");
        }
        return Vocabulary.of(named);
    }
}
