package dev.embedkit.tokenize.hf;

import dev.embedkit.tokenize.bpe.ByteLevel;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The "decoder" of tokenizer.json: turns token strings back into text. Like Hugging Face, each decoder maps a
 * list of token strings to a list, and the final list is concatenated.
 */
sealed interface Decoder {

    List<String> decode(List<String> tokens);

    /** Each supported type and the fields it may set. */
    Map<String, Set<String>> FIELDS = Map.ofEntries(
            Map.entry("ByteLevel", Set.of("add_prefix_space", "trim_offsets", "use_regex")),
            Map.entry("WordPiece", Set.of("prefix", "cleanup")),
            Map.entry("Metaspace", Set.of("replacement", "prepend_scheme", "split", "add_prefix_space", "str_rep")),
            Map.entry("ByteFallback", Set.of()), Map.entry("Fuse", Set.of()),
            Map.entry("Strip", Set.of("content", "start", "stop")), Map.entry("Replace", Set.of("pattern", "content")),
            Map.entry("Sequence", Set.of("decoders")));

    static Decoder parse(JsonFields json) {
        json.checkComponent("decoder", json.type(), FIELDS);
        return switch (json.type()) {
            case "ByteLevel" -> new ByteLevelText();
            case "WordPiece" -> new WordPiece(json.string("prefix", "##"), json.bool("cleanup", true));
            case "Metaspace" -> new Metaspace(json.character("replacement", "▁"),
                    PreTokenizer.PrependScheme.parse(json) != PreTokenizer.PrependScheme.NEVER);
            case "ByteFallback" -> new ByteFallback();
            case "Fuse" -> new Fuse();
            case "Strip" -> new Strip(json.character("content", " "), json.integer("start", 0), json.integer("stop", 0));
            case "Replace" -> new Replace(HfPattern.parse(json, "pattern"), json.string("content"));
            case "Sequence" -> new Chain(json.objects("decoders").stream().map(Decoder::parse).toList());
            default -> throw new IllegalStateException("checked above: " + json.type());
        };
    }

    record Chain(List<Decoder> steps) implements Decoder {
        public List<String> decode(List<String> tokens) {
            for (Decoder step : steps) {
                tokens = step.decode(tokens);
            }
            return tokens;
        }
    }

    /** All tokens' bytes, decoded as UTF-8 at once (a character may span tokens). */
    record ByteLevelText() implements Decoder {
        public List<String> decode(List<String> tokens) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            tokens.forEach(t -> ByteLevel.appendBytes(t, bytes));
            return List.of(ByteLevel.decodeUtf8(bytes.toByteArray()));
        }
    }

    /** "##ing" joins the previous token; any other token after the first gets a space before it. */
    record WordPiece(String prefix, boolean cleanup) implements Decoder {
        public List<String> decode(List<String> tokens) {
            List<String> out = new ArrayList<>();
            for (int i = 0; i < tokens.size(); i++) {
                String token = tokens.get(i);
                if (i > 0) {
                    token = token.startsWith(prefix) ? token.substring(prefix.length()) : " " + token;
                }
                out.add(cleanup ? cleanup(token) : token);
            }
            return out;
        }

        // BERT's detokenizer tidy-up of spaces before punctuation and contractions, applied token by token as HF does.
        private static String cleanup(String s) {
            return s.replace(" .", ".").replace(" ?", "?").replace(" !", "!").replace(" ,", ",").replace(" ' ", "'")
                    .replace(" n't", "n't").replace(" 'm", "'m").replace(" do not", " don't").replace(" 's", "'s")
                    .replace(" 've", "'ve").replace(" 're", "'re");
        }
    }

    /** '▁' becomes a space, except that the first token's are dropped when the pre-tokenizer prepends one. */
    record Metaspace(int replacement, boolean dropFirst) implements Decoder {
        public List<String> decode(List<String> tokens) {
            List<String> out = new ArrayList<>();
            for (int i = 0; i < tokens.size(); i++) {
                StringBuilder s = new StringBuilder();
                boolean first = i == 0;
                tokens.get(i).codePoints().forEach(cp -> {
                    if (cp != replacement) {
                        s.appendCodePoint(cp);
                    } else if (!(first && dropFirst)) {
                        s.append(' ');
                    }
                });
                out.add(s.toString());
            }
            return out;
        }
    }

    /** Runs of &lt;0xNN&gt; tokens become the text of their bytes, or one U+FFFD per byte if that is not UTF-8. */
    record ByteFallback() implements Decoder {
        public List<String> decode(List<String> tokens) {
            List<String> out = new ArrayList<>();
            ByteArrayOutputStream run = new ByteArrayOutputStream();
            for (String token : tokens) {
                int b = byteOf(token);
                if (b >= 0) {
                    run.write(b);
                    continue;
                }
                flush(run, out);
                out.add(token);
            }
            flush(run, out);
            return out;
        }

        private static int byteOf(String token) {
            if (token.length() != 6 || !token.startsWith("<0x") || !token.endsWith(">")) {
                return -1;
            }
            try {
                return Integer.parseInt(token.substring(3, 5), 16);
            } catch (NumberFormatException e) {
                return -1;
            }
        }

        private static void flush(ByteArrayOutputStream run, List<String> out) {
            if (run.size() == 0) {
                return;
            }
            byte[] bytes = run.toByteArray();
            run.reset();
            try {
                out.add(java.nio.charset.StandardCharsets.UTF_8.newDecoder()
                        .decode(java.nio.ByteBuffer.wrap(bytes)).toString());
            } catch (java.nio.charset.CharacterCodingException e) {
                out.addAll(java.util.Collections.nCopies(bytes.length, "\uFFFD"));
            }
        }
    }

    record Fuse() implements Decoder {
        public List<String> decode(List<String> tokens) {
            return List.of(String.join("", tokens));
        }
    }

    /** Removes up to {@code start} leading and {@code stop} trailing {@code content} characters from each token. */
    record Strip(int content, int start, int stop) implements Decoder {
        public List<String> decode(List<String> tokens) {
            List<String> out = new ArrayList<>();
            for (String token : tokens) {
                int begin = 0;
                int end = token.length();
                for (int n = 0; n < start && begin < end && token.codePointAt(begin) == content; n++) {
                    begin += Character.charCount(content);
                }
                for (int n = 0; n < stop && end > begin && token.codePointBefore(end) == content; n++) {
                    end -= Character.charCount(content);
                }
                out.add(token.substring(begin, end));
            }
            return out;
        }
    }

    record Replace(HfPattern pattern, String content) implements Decoder {
        public List<String> decode(List<String> tokens) {
            return tokens.stream().map(t -> pattern.replaceAll(t, content)).toList();
        }
    }
}
