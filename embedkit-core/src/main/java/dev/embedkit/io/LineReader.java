package dev.embedkit.io;

import dev.embedkit.FormatException;

import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Path;

/**
 * Reads a text file line by line, decoding each line as strict UTF-8 on its own so that an invalid byte is
 * reported at its line (a Reader decodes ahead in blocks and would blame the wrong one). Line numbers start at 1;
 * "\n" ends a line and a "\r" before it is dropped.
 */
final class LineReader implements Closeable {
    // A line longer than this is not a vector row: most likely a binary file read as text.
    private static final int MAX_LINE_BYTES = 1 << 28;

    private final Path file;
    private final ByteInput in;
    private long lineNumber;

    LineReader(Path file) throws IOException {
        this.file = file;
        this.in = new ByteInput(file);
    }

    /** The number of the line last returned by {@link #next()}; 0 before the first. */
    long lineNumber() {
        return lineNumber;
    }

    /** The next line without its terminator, or null at the end of the file. */
    String next() throws IOException {
        int length = in.readLine(MAX_LINE_BYTES);
        if (length < 0) {
            return null;
        }
        lineNumber++;
        byte[] line = in.line();
        if (length > 0 && line[length - 1] == '\r') {
            length--;
        }
        try {
            return ByteInput.decodeUtf8(line, 0, length);
        } catch (CharacterCodingException e) {
            throw FormatException.atLine(file, lineNumber, "is not valid UTF-8");
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
