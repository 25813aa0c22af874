package dev.embedkit.tokenize.bpe;

import dev.embedkit.FormatException;
import dev.embedkit.tokenize.IntList;
import dev.embedkit.tokenize.TokenIds;
import dev.embedkit.tokenize.Tokenizer;
import dev.embedkit.tokenize.TokenizerFiles;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * GPT-2's byte-level BPE from OpenAI's two files: encoder.json (token → ID) and vocab.bpe (merges, best first).
 * Text is split by {@link Gpt2Pattern}, each piece becomes its UTF-8 bytes written in the {@link ByteLevel}
 * alphabet, and {@link BpeMerges} merges those symbols. IDs equal the JavaScript reference (gpt-3-encoder)
 * exactly, including its treatment of lone surrogates (each becomes U+FFFD before encoding, so decode returns
 * U+FFFD where the input had one); decode(encode(s)) == s for every other string.
 */
public final class Gpt2Tokenizer implements Tokenizer {
    private static final int CACHE_WORDS = 100_000;

    private final TokenIds vocab;
    private final BpeMerges merges;
    private final int[] byteSymbol = new int[256]; // (256): the ID of each byte's one-character token
    private final Gpt2Pattern pattern;
    private final BoundedCache cache = new BoundedCache(CACHE_WORDS);

    Gpt2Tokenizer(TokenIds vocab, BpeMerges merges, Gpt2Pattern pattern, Path vocabFile) {
        this.vocab = vocab;
        this.merges = merges;
        this.pattern = pattern;
        for (int b = 0; b < 256; b++) {
            byteSymbol[b] = vocab.id(String.valueOf(ByteLevel.charOf(b)));
            if (byteSymbol[b] < 0) {
                throw FormatException.of(vocabFile, String.format("byte 0x%02X has no token '%c': not a byte-level vocabulary",
                        b, ByteLevel.charOf(b)));
            }
        }
    }

    /** Loads {@code encoder.json} and {@code vocab.bpe} (GPT-2's file names; any names work). */
    public static Gpt2Tokenizer load(Path encoderJson, Path vocabBpe) {
        TokenIds vocab = TokenIds.fromJson(TokenizerFiles.readJson(encoderJson), encoderJson, "(top level)");
        List<String> lines = TokenizerFiles.readLines(vocabBpe);
        return new Gpt2Tokenizer(vocab, MergesFile.parse(lines, vocab, vocabBpe), Gpt2Pattern.JAVASCRIPT, encoderJson);
    }

    @Override
    public int[] encode(String text) {
        IntList ids = new IntList();
        for (String piece : pattern.split(text)) {
            ids.addAll(cache.get(piece, this::encodePiece));
        }
        return ids.toArray();
    }

    private int[] encodePiece(String piece) {
        String bytes = ByteLevel.encode(piece);
        int[] symbols = new int[bytes.length()];
        for (int i = 0; i < symbols.length; i++) {
            symbols[i] = byteSymbol[ByteLevel.byteOf(bytes.charAt(i))];
        }
        return merges.merge(symbols);
    }

    @Override
    public String decode(int[] ids) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int id : ids) {
            ByteLevel.appendBytes(vocab.require(id), bytes);
        }
        return ByteLevel.decodeUtf8(bytes.toByteArray());
    }

    /** The tokens in GPT-2's byte alphabet ("Ġworld" for " world"); {@link #decode} gives their text. */
    @Override
    public List<String> tokenize(String text) {
        List<String> tokens = new ArrayList<>();
        for (int id : encode(text)) {
            tokens.add(vocab.token(id));
        }
        return tokens;
    }

    @Override
    public String token(int id) {
        return vocab.require(id);
    }

    @Override
    public int vocabularySize() {
        return vocab.size();
    }
}
