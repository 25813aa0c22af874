package dev.embedkit.train.corpus;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads UTF-8 lines from a byte stream, never holding more than {@code maxLineBytes} of one line: a longer line is
 * handed out in chunks, cut at the last space or tab of the chunk (so a word is not cut in two) or else at a
 * character boundary. Invalid UTF-8 becomes U+FFFD and each replaced sequence is counted, so a user learns how
 * much of the corpus was not text. Tracks the byte offset of the first byte not yet handed out, which is where a
 * resumed run reopens the stream. The line buffers start at 64 KB and grow to the bound only for lines that need
 * it: each training thread opens a reader per epoch, and bound-sized buffers (3 MB at the default 1 MB) outlived
 * young collections and stayed in the old generation as garbage, 21 MB of peak memory on the benchmark corpus.
 */
final class BoundedLineReader implements Closeable {
    static final int INITIAL_LINE_BYTES = 1 << 16;
    private final InputStream in;
    private final byte[] buffer = new byte[1 << 16];
    private int bufferPosition;
    private int bufferLimit;
    private final int maxLineBytes;
    private byte[] line;            // grows up to maxLineBytes
    private int lineLength;
    private long position; // offset of line[0] in the stream's coordinates
    private boolean midLine;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private CharBuffer chars; // as long as line: UTF-8 never decodes to more chars than bytes, replacements included
    private final AtomicLong replacedSequences;

    /** {@code startPosition} is the stream offset of the stream's next byte, for {@link #position()}. */
    BoundedLineReader(InputStream in, long startPosition, int maxLineBytes, AtomicLong replacedSequences) {
        this.in = in;
        this.position = startPosition;
        this.maxLineBytes = maxLineBytes;
        this.line = new byte[Math.min(maxLineBytes, INITIAL_LINE_BYTES)];
        this.chars = CharBuffer.allocate(line.length);
        this.replacedSequences = replacedSequences;
    }

    /** The stream offset of the first byte the next {@link #readLine()} returns. */
    long position() {
        return position;
    }

    /** True when the last text returned was a chunk of an over-long line, not the end of one. */
    boolean midLine() {
        return midLine;
    }

    /** Skips to just after the next '\n' (or to the end); used to align a shard that starts mid-line. */
    void skipPastNewline() throws IOException {
        while (true) {
            if (bufferPosition == bufferLimit && !fill()) {
                return;
            }
            byte b = buffer[bufferPosition++];
            position++;
            if (b == '\n') {
                return;
            }
        }
    }

    /** The next line (or chunk of a long line) without its line break, or null at the end of the stream. */
    String readLine() throws IOException {
        while (lineLength < maxLineBytes) {
            if (lineLength == line.length) {
                line = Arrays.copyOf(line, (int) Math.min(maxLineBytes, 2L * line.length));
                chars = CharBuffer.allocate(line.length);
            }
            if (bufferPosition == bufferLimit && !fill()) {
                return lineLength == 0 ? null : emit(lineLength, lineLength);
            }
            byte b = buffer[bufferPosition++];
            if (b == '\n') {
                int length = lineLength > 0 && line[lineLength - 1] == '\r' ? lineLength - 1 : lineLength;
                return emit(length, lineLength + 1);
            }
            line[lineLength++] = b;
        }
        return emit(chunkEnd(), -1);
    }

    /** Where to cut a full line buffer: after its last space or tab, else before a UTF-8 continuation byte. */
    private int chunkEnd() {
        for (int i = line.length - 1; i > 0; i--) {
            if (line[i] == ' ' || line[i] == '\t') {
                return i + 1;
            }
        }
        int end = line.length;
        while (end > 1 && (line[end - 1] & 0xC0) == 0x80) {
            end--;
        }
        return end;
    }

    /** Decodes line[0, length); consumed bytes (all of them, or -1 for "up to length") leave the buffer. */
    private String emit(int length, int consumed) {
        String text = decode(length);
        midLine = consumed < 0;
        int used = midLine ? length : consumed;
        int rest = Math.max(0, lineLength - used);
        System.arraycopy(line, used, line, 0, rest);
        lineLength = rest;
        position += used;
        return text;
    }

    private String decode(int length) {
        ByteBuffer bytes = ByteBuffer.wrap(line, 0, length);
        chars.clear();
        decoder.reset();
        while (true) {
            CoderResult result = decoder.decode(bytes, chars, true);
            if (!result.isError()) {
                break;
            }
            replacedSequences.incrementAndGet();
            chars.put('\uFFFD');
            bytes.position(bytes.position() + result.length());
        }
        decoder.flush(chars);
        return chars.flip().toString();
    }

    private boolean fill() throws IOException {
        int read = in.read(buffer);
        if (read <= 0) {
            return false;
        }
        bufferPosition = 0;
        bufferLimit = read;
        return true;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
