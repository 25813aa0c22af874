package dev.embedkit.tokenize.bpe;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * GPT-2's byte-level alphabet: every byte 0–255 is written as one printable character (printable Latin-1 bytes
 * stand for themselves, the rest are shifted to U+0100…U+0143), so any text becomes a string over 256 symbols
 * and BPE never meets an unknown character.
 */
public final class ByteLevel {
    private static final char[] BYTE_TO_CHAR = new char[256];
    private static final int[] CHAR_TO_BYTE = new int[0x144];

    static {
        java.util.Arrays.fill(CHAR_TO_BYTE, -1);
        int shifted = 0;
        for (int b = 0; b < 256; b++) {
            boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            char c = printable ? (char) b : (char) (0x100 + shifted++);
            BYTE_TO_CHAR[b] = c;
            CHAR_TO_BYTE[c] = b;
        }
    }

    private ByteLevel() {
    }

    /** The character that stands for byte {@code b} (0–255). */
    public static char charOf(int b) {
        return BYTE_TO_CHAR[b & 0xFF];
    }

    /** The byte {@code c} stands for, or -1 if {@code c} is not one of the 256 byte characters. */
    public static int byteOf(char c) {
        return c < CHAR_TO_BYTE.length ? CHAR_TO_BYTE[c] : -1;
    }

    /**
     * The byte characters of {@code text}'s UTF-8 encoding. A lone UTF-16 surrogate is encoded as U+FFFD
     * (EF BF BD), as the WHATWG TextEncoder of the JavaScript reference does; Java's own encoder would write '?'.
     */
    public static String encode(CharSequence text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int cp = c;
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                cp = Character.toCodePoint(c, text.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                cp = 0xFFFD;
            }
            appendUtf8(out, cp);
        }
        return out.toString();
    }

    private static void appendUtf8(StringBuilder out, int cp) {
        if (cp < 0x80) {
            out.append(BYTE_TO_CHAR[cp]);
        } else if (cp < 0x800) {
            out.append(BYTE_TO_CHAR[0xC0 | cp >> 6]).append(BYTE_TO_CHAR[0x80 | cp & 0x3F]);
        } else if (cp < 0x10000) {
            out.append(BYTE_TO_CHAR[0xE0 | cp >> 12]).append(BYTE_TO_CHAR[0x80 | cp >> 6 & 0x3F])
                    .append(BYTE_TO_CHAR[0x80 | cp & 0x3F]);
        } else {
            out.append(BYTE_TO_CHAR[0xF0 | cp >> 18]).append(BYTE_TO_CHAR[0x80 | cp >> 12 & 0x3F])
                    .append(BYTE_TO_CHAR[0x80 | cp >> 6 & 0x3F]).append(BYTE_TO_CHAR[0x80 | cp & 0x3F]);
        }
    }

    /**
     * Appends the bytes {@code token} stands for. A token with any character outside the byte alphabet (an added
     * token such as "&lt;mask&gt;" with a non-ASCII letter) contributes its own UTF-8 bytes, as Hugging Face's
     * ByteLevel decoder does.
     */
    public static void appendBytes(String token, java.io.ByteArrayOutputStream out) {
        for (int i = 0; i < token.length(); i++) {
            if (byteOf(token.charAt(i)) < 0) {
                out.writeBytes(token.getBytes(StandardCharsets.UTF_8));
                return;
            }
        }
        for (int i = 0; i < token.length(); i++) {
            out.write(byteOf(token.charAt(i)));
        }
    }

    /** UTF-8 bytes to text; each malformed sequence becomes U+FFFD, as in TextDecoder and Rust's from_utf8_lossy. */
    public static String decodeUtf8(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        try {
            return decoder.decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalStateException("a replacing decoder cannot fail", e);
        }
    }
}
