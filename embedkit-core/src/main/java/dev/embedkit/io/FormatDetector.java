package dev.embedkit.io;

import dev.embedkit.BadInputException;
import dev.embedkit.FormatException;
import dev.embedkit.fasttext.FastTextFormat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.MemorySegment;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Tells a vector file's format from its first bytes, so a file renamed from .bin to .txt still loads. The file
 * name is consulted only when the content fits two formats equally (and to call word2vec text "fastText .vec").
 */
final class FormatDetector {
    // Enough for the header and the first row of any realistic table (d = 4096 in binary is 16 KB).
    private static final int SAMPLE_BYTES = 1 << 16;
    // A word2vec binary token longer than this is taken as evidence against the format.
    private static final int MAX_TOKEN_BYTES = 1024;

    private FormatDetector() {
    }

    static VectorFormat detect(Path path) {
        if (Files.isDirectory(path)) {
            if (Files.isRegularFile(path.resolve(ModelDirectory.CONFIG))) {
                return VectorFormat.MODEL_DIR;
            }
            throw FormatException.of(path, "is a directory without " + ModelDirectory.CONFIG
                    + ", so not an embedkit model directory");
        }
        if (!Files.exists(path)) {
            throw new BadInputException(path + ": no such file or directory");
        }
        byte[] sample;
        long size;
        try (InputStream in = Files.newInputStream(path)) {
            sample = in.readNBytes(SAMPLE_BYTES);
            size = Files.size(path);
        } catch (IOException e) {
            throw IoErrors.wrap(path, e);
        }
        if (sample.length == 0) {
            throw FormatException.of(path, "is empty");
        }
        if (FastTextFormat.hasMagic(sample)) {
            return VectorFormat.FASTTEXT_BIN;
        }
        if (NpyFormat.hasMagic(sample)) {
            return VectorFormat.NPY;
        }
        if (SafetensorsFile.looksLike(sample, size)) {
            return VectorFormat.SAFETENSORS;
        }
        if (sample.length >= 4 && sample[0] == 'G' && sample[1] == 'G' && sample[2] == 'U' && sample[3] == 'F') {
            // A whole model, not a table format: the checkpoint package reads it (and the CLI opens it that way).
            throw FormatException.atOffset(path, 0, "is a GGUF model checkpoint: open it with"
                    + " dev.embedkit.checkpoint.Checkpoints.open");
        }
        return detectDelimited(path, sample, sample.length == size);
    }

    private static VectorFormat detectDelimited(Path path, byte[] sample, boolean wholeFile) {
        int firstEnd = indexOf(sample, 0, '\n');
        String first = ascii(sample, 0, firstEnd < 0 ? sample.length : firstEnd);
        if (firstEnd >= 0 && first != null && Word2VecHeader.looksLikeHeader(first)) {
            String[] header = first.strip().split("[ \t]+");
            long rows = Long.parseLong(header[0]);
            long dim = Long.parseLong(header[1]);
            int rest = firstEnd + 1;
            boolean text = textRow(sample, rest, dim);
            boolean binary = rows > 0 && binaryRows(sample, rest, rows, dim, wholeFile);
            if (text && wholeFile && nonEmptyLines(sample, rest) != rows && gloveRows(sample)) {
                return VectorFormat.GLOVE; // "5 1\n6 2\n": a d=1 GloVe file whose first row passes for a header
            }
            if (text && !binary) {
                return textFormat(path);
            }
            if (binary && !text) {
                return VectorFormat.WORD2VEC_BINARY;
            }
            if (!text && gloveRows(sample)) {
                return VectorFormat.GLOVE; // e.g. "5 3" is the first row of a d=1 GloVe file, not a header
            }
            // Both fit (or neither, or no rows to tell by; the reader will say what is wrong): the name decides.
            return VectorFormat.extension(path).equals("bin") ? VectorFormat.WORD2VEC_BINARY : textFormat(path);
        }
        if (gloveRows(sample)) {
            return VectorFormat.GLOVE;
        }
        throw FormatException.atOffset(path, 0, "cannot tell the format from the content: it is not a model directory, "
                + "fastText .bin, .npy, .safetensors, word2vec text or binary, fastText .vec or GloVe");
    }

    private static VectorFormat textFormat(Path path) {
        return VectorFormat.extension(path).equals("vec") ? VectorFormat.FASTTEXT_VEC : VectorFormat.WORD2VEC_TEXT;
    }

    /** The line at {@code from} is a token and d numbers. */
    private static boolean textRow(byte[] sample, int from, long dim) {
        List<String> fields = fieldsOfLine(sample, from);
        return fields != null && fields.size() == dim + 1 && allNumbers(fields);
    }

    /**
     * Parses word2vec binary rows from {@code from} as far as the sample goes (at least one row, at most
     * {@code rows}): each a token without control bytes, a space and d finite little-endian floats. After the
     * last declared row only newlines may follow. Checking several rows matters: gensim writes no newline
     * between rows, and one row of a text file can pass for binary, but the next rarely lines up.
     */
    private static boolean binaryRows(byte[] sample, int from, long rows, long dim, boolean wholeFile) {
        MemorySegment bytes = MemorySegment.ofArray(sample);
        int position = from;
        for (long row = 0; row < rows; row++) {
            while (position < sample.length && sample[position] == '\n') {
                position++;
            }
            int space = indexOf(sample, position, ' ');
            if (space < 0 || space - position > MAX_TOKEN_BYTES) {
                return row > 0 && space < 0 && !wholeFile && sample.length - position <= MAX_TOKEN_BYTES;
            }
            if (space == position || hasControlBytes(sample, position, space)) {
                return false;
            }
            long end = space + 1 + 4L * dim;
            if (end > sample.length) {
                return row > 0 || !wholeFile; // the sample ends inside a row: what was seen fits
            }
            for (long offset = space + 1; offset < end; offset += 4) {
                if (!Float.isFinite(bytes.get(LittleEndian.FLOAT_LE, offset))) {
                    return false;
                }
            }
            position = (int) end;
        }
        while (position < sample.length && sample[position] == '\n') {
            position++;
        }
        return position == sample.length;
    }

    /** The first line is a token and at least one number, and the second line (if any) has as many fields. */
    private static boolean gloveRows(byte[] sample) {
        List<String> first = fieldsOfLine(sample, 0);
        if (first == null || first.size() < 2 || !allNumbers(first)) {
            return false;
        }
        int secondStart = indexOf(sample, 0, '\n') + 1;
        if (secondStart == 0 || secondStart >= sample.length) {
            return true;
        }
        List<String> second = fieldsOfLine(sample, secondStart);
        return second != null && second.size() == first.size() && allNumbers(second);
    }

    private static long nonEmptyLines(byte[] sample, int from) {
        long lines = 0;
        int start = from;
        while (start < sample.length) {
            int end = indexOf(sample, start, '\n');
            end = end < 0 ? sample.length : end;
            if (end > start) {
                lines++;
            }
            start = end + 1;
        }
        return lines;
    }

    private static boolean allNumbers(List<String> fields) {
        return fields.stream().skip(1).allMatch(FloatText::isNumber);
    }

    /** The whitespace-separated fields of the line at {@code from}, or null if it is not UTF-8 text. */
    private static List<String> fieldsOfLine(byte[] sample, int from) {
        int end = indexOf(sample, from, '\n');
        if (end < 0) {
            end = sample.length;
        }
        try {
            String line = ByteInput.decodeUtf8(sample, from, end - from);
            if (line.chars().anyMatch(c -> c < 0x20 && c != '\t' && c != '\r')) {
                return null;
            }
            List<String> fields = new ArrayList<>();
            Word2VecText.split(line, fields);
            return fields;
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static boolean hasControlBytes(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if ((bytes[i] & 0xFF) < 0x20) {
                return true;
            }
        }
        return false;
    }

    private static String ascii(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] < 0) {
                return null;
            }
        }
        return new String(Arrays.copyOfRange(bytes, from, to), StandardCharsets.US_ASCII);
    }

    private static int indexOf(byte[] bytes, int from, int value) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == value) {
                return i;
            }
        }
        return -1;
    }
}
