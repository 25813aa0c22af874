package dev.embedkit.tokenize;

import dev.embedkit.tokenize.bpe.ByteLevel;

/**
 * What a token stands for, for people: the text it decodes to on its own (byte-level "Ġworld" is " world", "Ċ" a
 * line break), a byte-level piece of a character as its bytes ("\xF0\x9F") rather than U+FFFD, and in quotes with
 * whitespace made visible so " king" and "king" can be told apart.
 */
public final class TokenText {

    private TokenText() {
    }

    /** The text token {@code id} of {@code tokenizer} stands for on its own (not quoted). */
    public static String text(Tokenizer tokenizer, int id) {
        String token = tokenizer.token(id);
        String alone = tokenizer.decode(new int[] {id});
        if (alone.isEmpty()) {
            return token; // special tokens decode to nothing
        }
        return alone.contains("\uFFFD") && !token.contains("\uFFFD") ? partialBytes(token, alone) : alone;
    }

    /** {@link #text} in quotes with whitespace escaped: {@code " king"}, {@code "\n"}. */
    public static String readable(Tokenizer tokenizer, int id) {
        return quoted(text(tokenizer, id));
    }

    /** A byte-level token holding part of a character, shown as its bytes ("\\xF0\\x9F") rather than as U+FFFD. */
    private static String partialBytes(String token, String decoded) {
        StringBuilder bytes = new StringBuilder();
        for (int i = 0; i < token.length(); i++) {
            int b = ByteLevel.byteOf(token.charAt(i));
            if (b < 0) {
                return decoded;
            }
            bytes.append(b < 0x80 ? Character.toString(b) : String.format("\\x%02X", b));
        }
        return bytes.toString();
    }

    /** The text in quotes with whitespace made visible, so " world" and "\n" can be told apart. */
    public static String quoted(String s) {
        StringBuilder out = new StringBuilder("\"");
        s.codePoints().forEach(cp -> {
            switch (cp) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '"' -> out.append("\\\"");
                default -> {
                    if (Character.isISOControl(cp)) {
                        out.append(String.format("\\u%04X", cp));
                    } else {
                        out.appendCodePoint(cp);
                    }
                }
            }
        });
        return out.append('"').toString();
    }
}
