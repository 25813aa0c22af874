package dev.embedkit.tokenize.hf;

import dev.embedkit.tokenize.bpe.ByteLevel;
import dev.embedkit.tokenize.bpe.Gpt2Pattern;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The "pre_tokenizer" of tokenizer.json: splits normalized text into the pieces the model sees one at a time. */
sealed interface PreTokenizer {

    /**
     * A piece of text on its way to the model. {@code atStart}: it begins at offset 0 of the input, which
     * Metaspace's prepend_scheme "first" asks about.
     */
    record Piece(String text, boolean atStart) {
    }

    void split(Piece piece, List<Piece> out);

    /** Each supported type and the fields it may set ("str_rep" is written by old versions and means nothing). */
    Map<String, Set<String>> FIELDS = Map.ofEntries(Map.entry("Sequence", Set.of("pretokenizers")),
            Map.entry("ByteLevel", Set.of("add_prefix_space", "trim_offsets", "use_regex")),
            Map.entry("Metaspace", Set.of("replacement", "prepend_scheme", "split", "add_prefix_space", "str_rep")),
            Map.entry("BertPreTokenizer", Set.of()), Map.entry("Whitespace", Set.of()), Map.entry("WhitespaceSplit", Set.of()),
            Map.entry("Split", Set.of("pattern", "behavior", "invert")), Map.entry("Punctuation", Set.of("behavior")),
            Map.entry("Digits", Set.of("individual_digits")), Map.entry("CharDelimiterSplit", Set.of("delimiter")));

    static PreTokenizer parse(JsonFields json) {
        json.checkComponent("pre_tokenizer", json.type(), FIELDS);
        return switch (json.type()) {
            case "Sequence" -> new Chain(json.objects("pretokenizers").stream().map(PreTokenizer::parse).toList());
            case "ByteLevel" -> new ByteLevelSplit(json.bool("add_prefix_space", true), json.bool("use_regex", true));
            case "Metaspace" -> new Metaspace(json.character("replacement", "▁"), PrependScheme.parse(json),
                    json.bool("split", true));
            case "BertPreTokenizer" -> new Bert();
            case "Whitespace" -> new Delimited(Splitter.REMOVED, HfPattern.WORDS, true);
            case "WhitespaceSplit" -> new Chars(Splitter.REMOVED, UnicodeClasses::isWhitespace);
            case "Split" -> {
                json.string("behavior"); // required: there is no default
                yield new Delimited(Splitter.parse(json, "behavior", null), HfPattern.parse(json, "pattern"),
                        json.bool("invert", false));
            }
            case "Punctuation" -> new Chars(Splitter.parse(json, "behavior", Splitter.ISOLATED), UnicodeClasses::isPunctuation);
            case "Digits" -> new Chars(json.bool("individual_digits", false) ? Splitter.ISOLATED : Splitter.CONTIGUOUS,
                    UnicodeClasses::isNumeric);
            case "CharDelimiterSplit" -> {
                int delimiter = json.character("delimiter", null);
                yield new Chars(Splitter.REMOVED, cp -> cp == delimiter);
            }
            default -> throw new IllegalStateException("checked above: " + json.type());
        };
    }

    /** Each sub-piece of a piece keeps "at start" only if it is the first one. */
    private static void emit(Piece piece, List<String> parts, List<Piece> out) {
        for (int i = 0; i < parts.size(); i++) {
            out.add(new Piece(parts.get(i), piece.atStart() && i == 0));
        }
    }

    record Chain(List<PreTokenizer> steps) implements PreTokenizer {
        public void split(Piece piece, List<Piece> out) {
            List<Piece> pieces = List.of(piece);
            for (PreTokenizer step : steps) {
                List<Piece> next = new ArrayList<>();
                for (Piece p : pieces) {
                    step.split(p, next);
                }
                pieces = next;
            }
            out.addAll(pieces);
        }
    }

    /** GPT-2's split (Oniguruma's \s), then each piece's UTF-8 bytes as byte-level characters. */
    record ByteLevelSplit(boolean addPrefixSpace, boolean useRegex) implements PreTokenizer {
        public void split(Piece piece, List<Piece> out) {
            String text = addPrefixSpace && !piece.text().startsWith(" ") ? " " + piece.text() : piece.text();
            List<String> parts = useRegex ? Gpt2Pattern.ONIGURUMA.split(text) : List.of(text);
            emit(piece, parts.stream().map(ByteLevel::encode).toList(), out);
        }
    }

    enum PrependScheme {
        ALWAYS, FIRST, NEVER;

        static PrependScheme parse(JsonFields json) {
            if (!json.has("prepend_scheme")) { // files written before prepend_scheme existed
                return json.bool("add_prefix_space", true) ? ALWAYS : NEVER;
            }
            return switch (json.string("prepend_scheme")) {
                case "always" -> ALWAYS;
                case "first" -> FIRST;
                case "never" -> NEVER;
                default -> throw json.error("prepend_scheme", "expected always, first or never, got \""
                        + json.string("prepend_scheme") + "\"");
            };
        }
    }

    /** SentencePiece's spaces: ' ' becomes '▁', a '▁' may be prepended, and each '▁' starts a new piece. */
    record Metaspace(int replacement, PrependScheme prepend, boolean splitOnReplacement) implements PreTokenizer {
        public void split(Piece piece, List<Piece> out) {
            String marker = Character.toString(replacement);
            String text = piece.text().replace(" ", marker);
            boolean wanted = prepend == PrependScheme.ALWAYS || (prepend == PrependScheme.FIRST && piece.atStart());
            if (wanted && !text.startsWith(marker)) {
                text = marker + text;
            }
            emit(piece, splitOnReplacement ? Splitter.MERGED_WITH_NEXT.split(text, cp -> cp == replacement) : List.of(text), out);
        }
    }

    /** BERT: whitespace separates and disappears, each punctuation character is a piece of its own. */
    record Bert() implements PreTokenizer {
        public void split(Piece piece, List<Piece> out) {
            List<String> parts = new ArrayList<>();
            for (String word : Splitter.REMOVED.split(piece.text(), UnicodeClasses::isWhitespace)) {
                parts.addAll(Splitter.ISOLATED.split(word, UnicodeClasses::isPunctuation));
            }
            emit(piece, parts, out);
        }
    }

    record Delimited(Splitter behavior, HfPattern pattern, boolean invert) implements PreTokenizer {
        public void split(Piece piece, List<Piece> out) {
            emit(piece, behavior.split(piece.text(), pattern.matches(piece.text()), invert), out);
        }
    }

    record Chars(Splitter behavior, java.util.function.IntPredicate delimiter) implements PreTokenizer {
        public void split(Piece piece, List<Piece> out) {
            emit(piece, behavior.split(piece.text(), delimiter), out);
        }
    }
}
