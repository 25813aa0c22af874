package dev.embedkit;

import java.nio.file.Path;

/**
 * A file does not hold what it claims: truncated, a header that lies, a malformed row, a non-finite value.
 * The message always names the file and where in it (line or byte offset) the problem was found.
 */
public class FormatException extends EmbedkitException {
    private final Path file;

    private FormatException(Path file, String where, String problem) {
        super(file + (where.isEmpty() ? "" : ", " + where) + ": " + problem);
        this.file = file;
    }

    public static FormatException atLine(Path file, long line, String problem) {
        return new FormatException(file, "line " + line, problem);
    }

    public static FormatException atOffset(Path file, long offset, String problem) {
        return new FormatException(file, "byte offset " + offset, problem);
    }

    public static FormatException atField(Path file, String field, String problem) {
        return new FormatException(file, "field '" + field + "'", problem);
    }

    /** For binary headers, where both the field and its byte offset help find the problem. */
    public static FormatException atFieldOffset(Path file, String field, long offset, String problem) {
        return new FormatException(file, "field '" + field + "' at byte offset " + offset, problem);
    }

    public static FormatException of(Path file, String problem) {
        return new FormatException(file, "", problem);
    }

    public Path file() {
        return file;
    }
}
