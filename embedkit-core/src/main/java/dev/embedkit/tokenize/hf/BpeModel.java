package dev.embedkit.tokenize.hf;

import com.fasterxml.jackson.databind.JsonNode;
import dev.embedkit.tokenize.IntList;
import dev.embedkit.tokenize.TokenIds;
import dev.embedkit.tokenize.bpe.BoundedCache;
import dev.embedkit.tokenize.bpe.BpeMerges;
import dev.embedkit.tokenize.bpe.MergesFile;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Hugging Face's BPE model: a piece starts as its characters (byte-level files have already turned text into
 * byte characters), unknown characters become &lt;0xNN&gt; byte tokens (byte_fallback) or the unknown token
 * (fused into one when fuse_unk), and {@link BpeMerges} merges the rest. As in Hugging Face, a character with
 * neither a byte token nor an unk_token is dropped.
 */
final class BpeModel implements Model {
    private final TokenIds vocab;
    private final BpeMerges merges;
    private final String unkToken;          // null: none
    private final String continuingPrefix;  // "" when none
    private final String endOfWordSuffix;   // "" when none
    private final boolean fuseUnk;
    private final boolean byteFallback;
    private final boolean ignoreMerges;
    private final JsonFields json;
    private final int[] byteTokens = new int[256]; // (256): ID of "<0xNN>", or -1
    private final BoundedCache cache = new BoundedCache(50_000);

    private BpeModel(TokenIds vocab, BpeMerges merges, JsonFields json) {
        this.vocab = vocab;
        this.merges = merges;
        this.json = json;
        this.unkToken = json.has("unk_token") ? json.string("unk_token") : null;
        this.continuingPrefix = json.string("continuing_subword_prefix", "");
        this.endOfWordSuffix = json.string("end_of_word_suffix", "");
        this.fuseUnk = json.bool("fuse_unk", false);
        this.byteFallback = json.bool("byte_fallback", false);
        this.ignoreMerges = json.bool("ignore_merges", false);
        for (int b = 0; b < 256; b++) {
            byteTokens[b] = vocab.id(String.format("<0x%02X>", b));
        }
    }

    static BpeModel parse(JsonFields json, TokenIds vocab) {
        if (json.has("dropout") && !(json.node().get("dropout").isNumber() && json.node().get("dropout").doubleValue() == 0.0)) {
            throw json.error("dropout", "BPE dropout (random merges) is not supported: encoding must be deterministic");
        }
        JsonNode list = json.node().get("merges");
        if (list == null || !list.isArray()) {
            throw json.error("merges", "expected an array of merges");
        }
        List<String[]> pairs = new ArrayList<>();
        List<String> where = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode merge = list.get(i);
            String[] pair = merge.isTextual() ? merge.textValue().split(" ", -1)
                    : merge.isArray() && merge.size() == 2 ? new String[] {merge.get(0).asText(), merge.get(1).asText()}
                    : null;
            if (pair == null || pair.length != 2) {
                throw json.error("merges[" + i + "]", "expected \"left right\" or [left, right], got " + merge);
            }
            pairs.add(pair);
            where.add("field '" + json.path("merges") + "[" + i + "]'");
        }
        return new BpeModel(vocab, MergesFile.build(pairs, where, vocab, json.string("continuing_subword_prefix", ""),
                json.file()), json);
    }

    @Override
    public TokenIds vocab() {
        return vocab;
    }

    @Override
    public void tokenize(String piece, IntList ids) {
        if (piece.isEmpty()) {
            return;
        }
        if (ignoreMerges && vocab.id(piece) >= 0) { // Llama 3: a piece that is a token is taken whole
            ids.add(vocab.id(piece));
            return;
        }
        ids.addAll(cache.get(piece, this::mergeWord));
    }

    private int[] mergeWord(String word) {
        IntList symbols = new IntList();
        int pendingUnk = -1; // an unknown run not yet emitted, so that fuse_unk can extend it
        for (int i = 0; i < word.length(); ) {
            int end = i + Character.charCount(word.codePointAt(i));
            String s = word.substring(i, end);
            if (i > 0) {
                s = continuingPrefix + s;
            }
            if (end == word.length()) {
                s = s + endOfWordSuffix;
            }
            i = end;
            int id = vocab.id(s);
            if (id >= 0) {
                if (pendingUnk >= 0) {
                    symbols.add(pendingUnk);
                    pendingUnk = -1;
                }
                symbols.add(id);
                continue;
            }
            if (byteFallback && addBytes(s, symbols)) {
                continue; // as in Hugging Face, a pending unknown is emitted only at the next known character
            }
            if (unkToken != null) {
                int unk = Model.unknownId(vocab, unkToken, json);
                if (pendingUnk >= 0 && !fuseUnk) {
                    symbols.add(pendingUnk);
                }
                pendingUnk = unk;
            }
        }
        if (pendingUnk >= 0) {
            symbols.add(pendingUnk);
        }
        return merges.merge(symbols.toArray());
    }

    private boolean addBytes(String s, IntList symbols) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        for (byte b : bytes) {
            if (byteTokens[b & 0xFF] < 0) {
                return false;
            }
        }
        for (byte b : bytes) {
            symbols.add(byteTokens[b & 0xFF]);
        }
        return true;
    }
}
