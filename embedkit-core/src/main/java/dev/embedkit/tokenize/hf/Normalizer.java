package dev.embedkit.tokenize.hf;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** The "normalizer" of tokenizer.json: rewrites text before it is split (Unicode forms, case, accents, markers). */
sealed interface Normalizer {

    String normalize(String text);

    /** Each supported type and the fields it may set. */
    Map<String, Set<String>> FIELDS = Map.ofEntries(Map.entry("Sequence", Set.of("normalizers")),
            Map.entry("NFC", Set.of()), Map.entry("NFD", Set.of()), Map.entry("NFKC", Set.of()), Map.entry("NFKD", Set.of()),
            Map.entry("Lowercase", Set.of()), Map.entry("StripAccents", Set.of()),
            Map.entry("Strip", Set.of("strip_left", "strip_right")),
            Map.entry("BertNormalizer", Set.of("clean_text", "handle_chinese_chars", "strip_accents", "lowercase")),
            Map.entry("Prepend", Set.of("prepend")), Map.entry("Replace", Set.of("pattern", "content")));

    static Normalizer parse(JsonFields json) {
        json.checkComponent("normalizer", json.type(), FIELDS);
        return switch (json.type()) {
            case "Sequence" -> new Chain(json.objects("normalizers").stream().map(Normalizer::parse).toList());
            case "NFC" -> new UnicodeForm(java.text.Normalizer.Form.NFC);
            case "NFD" -> new UnicodeForm(java.text.Normalizer.Form.NFD);
            case "NFKC" -> new UnicodeForm(java.text.Normalizer.Form.NFKC);
            case "NFKD" -> new UnicodeForm(java.text.Normalizer.Form.NFKD);
            case "Lowercase" -> new Lowercase();
            case "StripAccents" -> new StripAccents();
            case "Strip" -> new Strip(json.bool("strip_left", true), json.bool("strip_right", true));
            case "BertNormalizer" -> new Bert(json.bool("clean_text", true), json.bool("handle_chinese_chars", true),
                    // strip_accents null means "as lowercase says", as in the original BERT
                    json.has("strip_accents") ? json.bool("strip_accents", false) : json.bool("lowercase", true),
                    json.bool("lowercase", true));
            case "Prepend" -> new Prepend(json.string("prepend"));
            case "Replace" -> new Replace(HfPattern.parse(json, "pattern"), json.string("content"));
            default -> throw new IllegalStateException("checked above: " + json.type());
        };
    }

    record Chain(List<Normalizer> steps) implements Normalizer {
        public String normalize(String text) {
            for (Normalizer step : steps) {
                text = step.normalize(text);
            }
            return text;
        }
    }

    record UnicodeForm(java.text.Normalizer.Form form) implements Normalizer {
        public String normalize(String text) {
            return java.text.Normalizer.normalize(text, form);
        }
    }

    record Lowercase() implements Normalizer {
        public String normalize(String text) {
            return UnicodeClasses.lowercase(text);
        }
    }

    /** Removes non-spacing marks; without a preceding NFD it leaves precomposed letters ("é") alone, as HF does. */
    record StripAccents() implements Normalizer {
        public String normalize(String text) {
            return filter(text, cp -> !UnicodeClasses.isNonSpacingMark(cp));
        }
    }

    record Strip(boolean left, boolean right) implements Normalizer {
        public String normalize(String text) {
            int start = 0;
            int end = text.length();
            while (left && start < end && UnicodeClasses.isWhitespace(text.codePointAt(start))) {
                start += Character.charCount(text.codePointAt(start));
            }
            while (right && end > start && UnicodeClasses.isWhitespace(text.codePointBefore(end))) {
                end -= Character.charCount(text.codePointBefore(end));
            }
            return text.substring(start, end);
        }
    }

    record Prepend(String prefix) implements Normalizer {
        public String normalize(String text) {
            return text.isEmpty() ? text : prefix + text;
        }
    }

    record Replace(HfPattern pattern, String content) implements Normalizer {
        public String normalize(String text) {
            return pattern.replaceAll(text, content);
        }
    }

    /** BERT's cleanup: drop control characters, spaces for all whitespace, CJK ideographs padded with spaces. */
    record Bert(boolean cleanText, boolean chineseChars, boolean stripAccents, boolean lowercase) implements Normalizer {
        public String normalize(String text) {
            if (cleanText) {
                text = filter(text, cp -> !(cp == 0 || cp == 0xFFFD || (cp != '\t' && cp != '\n' && cp != '\r'
                        && UnicodeClasses.isOther(cp))));
                text = map(text, cp -> UnicodeClasses.isWhitespace(cp) ? ' ' : cp);
            }
            if (chineseChars) {
                StringBuilder out = new StringBuilder(text.length());
                text.codePoints().forEach(cp -> {
                    if (isChinese(cp)) {
                        out.append(' ').appendCodePoint(cp).append(' ');
                    } else {
                        out.appendCodePoint(cp);
                    }
                });
                text = out.toString();
            }
            if (stripAccents) {
                text = filter(java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFD),
                        cp -> !UnicodeClasses.isNonSpacingMark(cp));
            }
            return lowercase ? UnicodeClasses.lowercase(text) : text;
        }

        // The CJK Unified Ideograph blocks BERT pads; Hangul, kana and the rest are split like other scripts.
        private static boolean isChinese(int cp) {
            return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x20000 && cp <= 0x2A6DF)
                    || (cp >= 0x2A700 && cp <= 0x2B73F) || (cp >= 0x2B740 && cp <= 0x2B81F)
                    || (cp >= 0x2B920 && cp <= 0x2CEAF) || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x2F800 && cp <= 0x2FA1F);
        }
    }

    private static String filter(String text, java.util.function.IntPredicate keep) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().filter(keep).forEach(out::appendCodePoint);
        return out.toString();
    }

    private static String map(String text, java.util.function.IntUnaryOperator f) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().map(f).forEach(out::appendCodePoint);
        return out.toString();
    }
}
