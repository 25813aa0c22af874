package dev.embedkit.io;

import dev.embedkit.FormatException;
import dev.embedkit.tensor.DType;
import dev.embedkit.tensor.FloatMatrix;
import dev.embedkit.tensor.MappedMatrix;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * NumPy's .npy for one 2-D float matrix. Reads little-endian float32 ({@code '<f4'}) and float16
 * ({@code '<f2'}) in C order, memory-mapped; writes {@code '<f4'} with a version 1.0 header laid out exactly as
 * {@code numpy.save} does. A .npy file has no vocabulary: loaded as a table, its tokens are the row IDs
 * "0", "1", … .
 */
public final class NpyFormat {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    // numpy aligns the data to 64 bytes and leaves room in the header for the first axis to grow to 21 digits.
    private static final int ALIGN = 64;
    private static final int GROWTH_AXIS_MAX_DIGITS = 21;
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");
    private static final ValueLayout.OfShort U16_LE = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfInt U32_LE = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private NpyFormat() {
    }

    /** True if the bytes start with the .npy magic string. */
    static boolean hasMagic(byte[] start) {
        if (start.length < MAGIC.length) {
            return false;
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (start[i] != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    /** The matrix in {@code file}, memory-mapped. */
    public static MappedMatrix read(Path file) {
        MemorySegment bytes = MappedFiles.map(file);
        if (bytes.byteSize() < 10 || !hasMagic(bytes.asSlice(0, MAGIC.length).toArray(ValueLayout.JAVA_BYTE))) {
            throw FormatException.atOffset(file, 0, "is not a .npy file (no \\x93NUMPY magic)");
        }
        int major = bytes.get(ValueLayout.JAVA_BYTE, 6);
        long headerLength;
        int headerStart;
        switch (major) {
            case 1 -> {
                headerLength = Short.toUnsignedInt(bytes.get(U16_LE, 8));
                headerStart = 10;
            }
            case 2, 3 -> {
                if (bytes.byteSize() < 12) {
                    throw FormatException.atOffset(file, 8, "truncated in the header length");
                }
                headerLength = Integer.toUnsignedLong(bytes.get(U32_LE, 8));
                headerStart = 12;
            }
            default -> throw FormatException.atOffset(file, 6, ".npy version " + major + " is not supported (1, 2 or 3)");
        }
        long dataStart = headerStart + headerLength;
        if (dataStart > bytes.byteSize()) {
            throw FormatException.atOffset(file, 8, "the header claims " + headerLength + " bytes, but the file has only "
                    + (bytes.byteSize() - headerStart) + " after the header length");
        }
        String header = new String(bytes.asSlice(headerStart, headerLength).toArray(ValueLayout.JAVA_BYTE),
                major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        DType dtype = dtype(file, field(file, header, DESCR, "descr"));
        if (field(file, header, FORTRAN, "fortran_order").equals("True")) {
            throw FormatException.atField(file, "fortran_order", "the array is stored in Fortran (column-major) order;"
                    + " save a C-order array instead: np.save(path, np.ascontiguousarray(a))");
        }
        long[] shape = shape(file, field(file, header, SHAPE, "shape"));
        long actual = bytes.byteSize() - dataStart;
        // Each axis fits an int, but rows × cols × bytes may not fit a long (2^31 × 2^31 × 4): no file is that big.
        long perRow = shape[1] * dtype.bytes();
        if (shape[0] > Long.MAX_VALUE / perRow) {
            throw FormatException.atOffset(file, dataStart, "the shape (" + shape[0] + ", " + shape[1] + ") of " + dtype
                    + " needs over 2^63 bytes of data, the file has " + actual + ": it is truncated");
        }
        long expected = shape[0] * perRow;
        if (actual != expected) {
            throw FormatException.atOffset(file, dataStart, "the shape (" + shape[0] + ", " + shape[1] + ") of "
                    + dtype + " needs " + expected + " bytes of data, the file has " + actual
                    + (actual < expected ? ": it is truncated" : ""));
        }
        return new MappedMatrix(bytes.asSlice(dataStart, expected), (int) shape[0], (int) shape[1], dtype);
    }

    /** Writes {@code matrix} as a C-order {@code '<f4'} array, atomically. */
    public static void write(Path file, FloatMatrix matrix) {
        AtomicFiles.write(file, temp -> {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temp), 1 << 16)) {
                out.write(header(matrix.rows(), matrix.cols()));
                float[] row = new float[matrix.cols()];
                byte[] raw = new byte[4 * matrix.cols()];
                for (int r = 0; r < matrix.rows(); r++) {
                    matrix.copyRow(r, row, 0);
                    LittleEndian.encode(row, DType.F32, raw);
                    out.write(raw);
                }
            }
        });
    }

    /** The magic, version 1.0, the header length and the header dict, padded as numpy 1.24+ pads it. */
    static byte[] header(int rows, int cols) {
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + rows + ", " + cols + "), }"
                + " ".repeat(GROWTH_AXIS_MAX_DIGITS - Integer.toString(rows).length());
        int unpadded = MAGIC.length + 2 + 2 + dict.length() + 1; // magic, version, length, dict, "\n"
        int padding = ALIGN - unpadded % ALIGN; // numpy pads a full 64 when already aligned, too
        int headerLength = dict.length() + padding + 1;
        byte[] header = new byte[MAGIC.length + 4 + headerLength];
        System.arraycopy(MAGIC, 0, header, 0, MAGIC.length);
        header[6] = 1;
        header[7] = 0;
        header[8] = (byte) headerLength;
        header[9] = (byte) (headerLength >>> 8);
        byte[] text = (dict + " ".repeat(padding) + "\n").getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(text, 0, header, 10, text.length);
        return header;
    }

    private static String field(Path file, String header, Pattern pattern, String name) {
        Matcher m = pattern.matcher(header);
        if (!m.find()) {
            throw FormatException.atField(file, name, "missing from the header " + header.strip());
        }
        return m.group(1);
    }

    private static DType dtype(Path file, String descr) {
        return switch (descr) {
            case "<f4" -> DType.F32;
            case "<f2" -> DType.F16;
            case ">f4", ">f2" -> throw FormatException.atField(file, "descr", "dtype '" + descr + "' is big-endian;"
                    + " embedkit reads little-endian only: convert with a.astype('<" + descr.substring(1) + "')");
            default -> throw FormatException.atField(file, "descr", "dtype '" + descr + "' is not supported; embedkit"
                    + " reads '<f4' and '<f2' (little-endian float32 and float16): convert with a.astype('<f4')");
        };
    }

    private static long[] shape(Path file, String tuple) {
        String[] parts = tuple.split(",", -1); // -1 keeps empty parts: "(,)" is one empty axis, not none
        int n = parts[parts.length - 1].isBlank() ? parts.length - 1 : parts.length; // "(5,)" ends in a comma
        if (n != 2) {
            throw FormatException.atField(file, "shape", "(" + tuple + ") is not 2-D; an embedding table is (rows, dim)");
        }
        long[] shape = new long[2];
        for (int i = 0; i < 2; i++) {
            try {
                shape[i] = Long.parseLong(parts[i].strip());
            } catch (NumberFormatException e) {
                throw FormatException.atField(file, "shape", "(" + tuple + ") is not a tuple of integers");
            }
            if (shape[i] < 0 || shape[i] > Integer.MAX_VALUE) {
                throw FormatException.atField(file, "shape", "axis " + i + " has size " + shape[i] + ", outside 0.."
                        + Integer.MAX_VALUE);
            }
        }
        if (shape[1] == 0) {
            throw FormatException.atField(file, "shape", "(" + tuple + ") has zero columns; the dimension must be at least 1");
        }
        return shape;
    }
}
