package dev.embedkit.io;

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

/**
 * A buffered byte reader that knows its offset in the file, so every error can name the byte it found.
 * Not thread-safe; one reader per file.
 */
final class ByteInput implements Closeable {
    private final InputStream in;
    private final byte[] buffer = new byte[1 << 16];
    private int position;
    private int limit;
    private long offset; // file offset of buffer[position]

    ByteInput(Path file) throws IOException {
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

    /** Decodes UTF-8 strictly: malformed bytes are an error, never a silent U+FFFD. */
    static String decodeUtf8(byte[] bytes, int from, int length) throws CharacterCodingException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        return decoder.decode(ByteBuffer.wrap(bytes, from, length)).toString();
    }
}
