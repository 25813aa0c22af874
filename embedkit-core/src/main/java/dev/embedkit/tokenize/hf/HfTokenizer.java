package dev.embedkit.tokenize.hf;

import com.fasterxml.jackson.databind.JsonNode;
import dev.embedkit.BadInputException;
import dev.embedkit.tokenize.IntList;
import dev.embedkit.tokenize.Tokenizer;
import dev.embedkit.tokenize.TokenizerFiles;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.IntPredicate;

/**
 * A Hugging Face tokenizer.json, run the way the tokenizers library runs it: added tokens are cut out first,
 * the rest is normalized, pre-tokenized into pieces, and each piece goes through the model (BPE, WordPiece,
 * WordLevel); then truncation, the post-processor's special tokens and padding. {@link #decode} skips special
 * tokens, as the library does by default. Every component of the file is either implemented or refused when
 * the file is loaded (a {@link dev.embedkit.FormatException} naming the file and the field).
 */
public final class HfTokenizer implements Tokenizer {
    private final AddedTokens added;
    private final Normalizer normalizer;     // null: none
    private final PreTokenizer preTokenizer; // null: the whole text is one piece
    private final Model model;
    private final PostProcessor postProcessor;
    private final Decoder decoder;           // null: tokens joined by spaces
    private final Truncation truncation;     // null: none
    private final Padding padding;           // null: none
    private final int size;

    /** The IDs of a text and the token string of each. */
    public record Encoding(int[] ids, List<String> tokens) {
    }

    private HfTokenizer(JsonFields json) {
        json.checkFields(Set.of("version", "truncation", "padding", "added_tokens", "normalizer", "pre_tokenizer",
                "post_processor", "decoder", "model"));
        normalizer = json.has("normalizer") ? Normalizer.parse(json.object("normalizer")) : null;
        preTokenizer = json.has("pre_tokenizer") ? PreTokenizer.parse(json.object("pre_tokenizer")) : null;
        model = Model.parse(json.object("model"));
        decoder = json.has("decoder") ? Decoder.parse(json.object("decoder")) : null;
        truncation = json.has("truncation") ? Truncation.parse(json.object("truncation")) : null;
        padding = json.has("padding") ? Padding.parse(json.object("padding")) : null;
        List<AddedTokens.AddedToken> tokens = new ArrayList<>();
        if (json.has("added_tokens")) {
            for (JsonFields t : json.objects("added_tokens")) {
                t.checkFields(Set.of("id", "content", "single_word", "lstrip", "rstrip", "normalized", "special"));
                if (!t.has("id")) {
                    throw t.error("id", "every added token needs an id");
                }
                tokens.add(new AddedTokens.AddedToken(t.integer("id", 0), t.string("content"), t.bool("single_word", false), t.bool("lstrip", false),
                        t.bool("rstrip", false), t.bool("normalized", true), t.bool("special", false)));
            }
        }
        added = new AddedTokens(tokens, text -> normalizer == null ? text : normalizer.normalize(text));
        size = Math.max(model.vocab().size(), tokens.stream().mapToInt(t -> t.id() + 1).max().orElse(0));
        // the IDs the file makes encode emit must be IDs it can decode
        IntPredicate known = id -> added.byId(id) != null || model.vocab().token(id) != null;
        postProcessor = json.has("post_processor")
                ? PostProcessor.parse(json.object("post_processor"), known) : PostProcessor.NONE;
        if (padding != null && !known.test(padding.padId())) {
            throw json.object("padding").error("pad_id", "ID " + padding.padId() + " is not a token of this tokenizer");
        }
    }

    /** Loads a tokenizer.json file. */
    public static HfTokenizer load(Path file) {
        return fromJson(TokenizerFiles.readJson(file), file);
    }

    /** The tokenizer that {@code root}, already read from {@code file}, describes. */
    public static HfTokenizer fromJson(JsonNode root, Path file) {
        return new HfTokenizer(new JsonFields(file, "", root));
    }

    @Override
    public int[] encode(String text) {
        return encodeWithTokens(text).ids();
    }

    @Override
    public List<String> tokenize(String text) {
        return encodeWithTokens(text).tokens();
    }

    /** The IDs and token strings of {@code text}, special tokens included. Lone surrogates count as U+FFFD. */
    public Encoding encodeWithTokens(String text) {
        IntList ids = new IntList();
        List<String> tokens = new ArrayList<>();
        String input = UnicodeClasses.withoutLoneSurrogates(text);
        int offset = 0;
        for (AddedTokens.Span span : added.splitRaw(input)) {
            if (span.id() >= 0) {
                addAdded(span.id(), ids, tokens);
            } else {
                String normalized = normalizer == null ? span.text() : normalizer.normalize(span.text());
                boolean first = true;
                for (AddedTokens.Span inner : added.splitNormalized(normalized)) {
                    if (inner.id() >= 0) {
                        addAdded(inner.id(), ids, tokens);
                    } else {
                        tokenizePiece(new PreTokenizer.Piece(inner.text(), offset == 0 && first), ids, tokens);
                    }
                    first = false;
                }
            }
            offset += span.text().length();
        }
        return finish(ids, tokens);
    }

    private void addAdded(int id, IntList ids, List<String> tokens) {
        ids.add(id);
        tokens.add(added.byId(id).content());
    }

    private void tokenizePiece(PreTokenizer.Piece text, IntList ids, List<String> tokens) {
        if (text.text().isEmpty()) {
            return; // HF's prepend (Metaspace, ByteLevel's prefix space) does nothing to an empty string
        }
        List<PreTokenizer.Piece> pieces = new ArrayList<>();
        if (preTokenizer == null) {
            pieces.add(text);
        } else {
            preTokenizer.split(text, pieces);
        }
        for (PreTokenizer.Piece piece : pieces) {
            int before = ids.size();
            model.tokenize(piece.text(), ids);
            for (int i = before; i < ids.size(); i++) {
                tokens.add(model.vocab().token(ids.get(i)));
            }
        }
    }

    private Encoding finish(IntList sequence, List<String> tokens) {
        int[] ids = sequence.toArray();
        if (truncation != null) {
            int specials = postProcessor.before().size() + postProcessor.after().size();
            int[] keep = truncation.keep(ids.length, specials);
            ids = java.util.Arrays.copyOfRange(ids, keep[0], keep[1]);
            tokens = tokens.subList(keep[0], keep[1]);
        }
        IntList out = new IntList();
        List<String> outTokens = new ArrayList<>();
        postProcessor.apply(ids, tokens, out, outTokens);
        Encoding encoding = new Encoding(out.toArray(), List.copyOf(outTokens));
        return padding == null ? encoding : padding.apply(encoding);
    }

    /** The text of {@code ids}, without special tokens (Hugging Face's default). */
    @Override
    public String decode(int[] ids) {
        return decode(ids, true);
    }

    public String decode(int[] ids, boolean skipSpecialTokens) {
        List<String> tokens = new ArrayList<>();
        for (int id : ids) {
            AddedTokens.AddedToken addedToken = added.byId(id);
            if (addedToken != null) {
                if (!(skipSpecialTokens && addedToken.special())) {
                    tokens.add(addedToken.content());
                }
            } else {
                tokens.add(token(id));
            }
        }
        return decoder == null ? String.join(" ", tokens) : String.join("", decoder.decode(tokens));
    }

    /** The token string of {@code id} (an added token's content, or the model's token). */
    @Override
    public String token(int id) {
        AddedTokens.AddedToken addedToken = added.byId(id);
        if (addedToken != null) {
            return addedToken.content();
        }
        String token = model.vocab().token(id);
        if (token == null) {
            throw new BadInputException("token ID " + id + " is not in this tokenizer (IDs 0.." + (size - 1) + ")");
        }
        return token;
    }

    @Override
    public int vocabularySize() {
        return size;
    }
}
