package dev.embedkit.io;

import dev.embedkit.FormatException;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A buffered byte reader that knows its offset in the file, so every error can name the byte it found.
 * Not thread-safe; one reader per file.
 */
final class ByteInput implements Closeable {
    private final Path file;
    private final InputStream in;
    private final byte[] buffer = new byte[1 << 16];
    private byte[] line = new byte[256];
    private int position;
    private int limit;
    private long offset; // file offset of buffer[position]

    ByteInput(Path file) throws IOException {
        this.file = file;
        this.in = Files.newInputStream(file);
    }

    /** Offset in the file of the next byte {@link #read()} returns. */
    long offset() {
        return offset;
    }

    /** The next byte (0..255), or -1 at the end of the file. */
    int read() throws IOException {
        if (position == limit && !fill()) {
            return -1;
        }
        offset++;
        return buffer[position++] & 0xFF;
    }

    /** The next byte without consuming it, or -1 at the end of the file. */
    int peek() throws IOException {
        if (position == limit && !fill()) {
            return -1;
        }
        return buffer[position] & 0xFF;
    }

    /** Reads up to {@code length} bytes, fewer only at the end of the file; returns how many were read. */
    int readFully(byte[] dst, int dstOffset, int length) throws IOException {
        int done = 0;
        while (done < length) {
            if (position == limit && !fill()) {
                break;
            }
            int n = Math.min(length - done, limit - position);
            System.arraycopy(buffer, position, dst, dstOffset + done, n);
            position += n;
            offset += n;
            done += n;
        }
        return done;
    }

    /**
     * Reads the bytes up to the next '\n' (consumed, not kept) into {@link #line()} and returns how many there
     * are, or -1 at the end of the file. Scans the buffer in bulk: text files are read this way a byte at a time
     * otherwise. A line over {@code maxLength} bytes is an error, since no vector row is that long.
     */
    int readLine(int maxLength) throws IOException {
        int length = 0;
        boolean any = false;
        while (position < limit || fill()) {
            any = true;
            int start = position;
            while (position < limit && buffer[position] != '\n') {
                position++;
            }
            int n = position - start;
            if (length + n > line.length) {
                if (length + n > maxLength) {
                    throw FormatException.atOffset(file, offset, "a line longer than " + maxLength
                            + " bytes; this is not a text vector file");
                }
                line = Arrays.copyOf(line, Math.max(length + n, Math.min(2 * line.length, maxLength)));
            }
            System.arraycopy(buffer, start, line, length, n);
            length += n;
            offset += n;
            if (position < limit) { // found the newline
                position++;
                offset++;
                return length;
            }
        }
        return any ? length : -1;
    }

    /** The bytes of the line last read by {@link #readLine}, in {@code [0, length)}. */
    byte[] line() {
        return line;
    }

    private boolean fill() throws IOException {
        int n = in.read(buffer);
        if (n <= 0) {
            return false;
        }
        position = 0;
        limit = n;
        return true;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /**
     * Decodes UTF-8 strictly: malformed bytes are an error, never a silent U+FFFD. ASCII, nearly every token and
     * line of an English file, is the same text in Latin-1, which skips building a decoder (the cost of opening an
     * 800k-token vocab.txt was mostly decoders).
     */
    static String decodeUtf8(byte[] bytes, int from, int length) throws CharacterCodingException {
        boolean ascii = true;
        for (int i = from; i < from + length; i++) {
            ascii &= bytes[i] >= 0;
        }
        if (ascii) {
            return new String(bytes, from, length, StandardCharsets.ISO_8859_1);
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        return decoder.decode(ByteBuffer.wrap(bytes, from, length)).toString();
    }
}
