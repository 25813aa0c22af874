package dev.embedkit.tokenize;

import java.util.List;

/**
 * Text → integer IDs and back. The IDs index rows of an embedding table; they carry no meaning themselves.
 * Word-level and subword (BPE, WordPiece) tokenizers all fit this shape.
 */
public interface Tokenizer {

    /** The token IDs of {@code text}. */
    int[] encode(String text);

    /** The text these IDs stand for (for word tokenizers: the tokens joined by single spaces). */
    String decode(int[] ids);

    /** The token strings of {@code text}, one per ID that {@link #encode} would return. */
    List<String> tokenize(String text);

    /** The token string of {@code id} as the tokenizer stores it ("Ġworld" for GPT-2's " world"). */
    String token(int id);

    /** Number of distinct IDs this tokenizer can produce. */
    int vocabularySize();
}
