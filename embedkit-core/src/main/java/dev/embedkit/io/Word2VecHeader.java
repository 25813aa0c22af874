package dev.embedkit.io;

import dev.embedkit.FormatException;

import java.nio.file.Path;

/**
 * The "V d" first line of word2vec text, word2vec binary and fastText .vec files: the number of rows and the
 * number of values per row.
 *
 * @param rows V, at least 0
 * @param dim  d, at least 1
 */
record Word2VecHeader(int rows, int dim) {

    /** Parses the first line of {@code file}; anything but two non-negative integers (d positive) is an error at line 1. */
    static Word2VecHeader parse(String line, Path file) {
        String[] fields = line.strip().split("[ \t]+");
        if (fields.length != 2) {
            throw FormatException.atLine(file, 1, "the header must be 'V d' (rows and dimension), found '" + line + "'");
        }
        long rows = parseCount(fields[0], "row count V", line, file);
        long dim = parseCount(fields[1], "dimension d", line, file);
        if (rows > Integer.MAX_VALUE) {
            throw FormatException.atLine(file, 1, "the header claims " + rows + " rows, more than " + Integer.MAX_VALUE);
        }
        if (dim < 1 || dim > Integer.MAX_VALUE) {
            throw FormatException.atLine(file, 1, "the header claims dimension d=" + dim + "; it must be 1.."
                    + Integer.MAX_VALUE);
        }
        return new Word2VecHeader((int) rows, (int) dim);
    }

    /** True if {@code line} has the shape of a header (two integers); format detection uses this. */
    static boolean looksLikeHeader(String line) {
        return line.strip().matches("\\d{1,10}[ \t]+\\d{1,10}");
    }

    /**
     * Fails at once if the rows cannot fit in the {@code available} bytes after the header, each row taking at
     * least {@code minRowBytes}: a lying header must not make us allocate gigabytes for a tiny file.
     */
    void checkFits(Path file, long available, long minRowBytes) {
        long needed = (long) rows * minRowBytes; // rows < 2^31 and minRowBytes < 2^35: no overflow
        if (needed > available) {
            throw FormatException.atLine(file, 1, "the header claims " + rows + " rows of d=" + dim
                    + " values, which need at least " + needed + " bytes, but only " + available
                    + " bytes follow the header: the file is truncated or the header is wrong");
        }
        TableBuilder.checkHeapSize(file, rows, dim);
    }

    private static long parseCount(String field, String what, String line, Path file) {
        try {
            long value = Long.parseLong(field);
            if (value < 0) {
                throw FormatException.atLine(file, 1, "the header's " + what + " is negative: '" + line + "'");
            }
            return value;
        } catch (NumberFormatException e) {
            throw FormatException.atLine(file, 1, "the header's " + what + " '" + field + "' is not an integer (header: '"
                    + line + "')");
        }
    }
}
