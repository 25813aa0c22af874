package dev.embedkit.io;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.embedkit.BadInputException;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A safetensors file: an 8-byte little-endian header length, a JSON header naming each tensor's dtype, shape
 * and byte range, then the raw little-endian data. Opening maps the file and checks everything the header
 * claims against the real length; {@link #tensor} views a 2-D F32/F16/BF16 tensor in place, without copying.
 */
public final class SafetensorsFile {
    /** The tensor name embedkit uses for the embedding table, as in PyTorch's {@code nn.Embedding}. */
    public static final String EMBEDDING_TENSOR = "embedding.weight";

    // The reference implementation refuses headers over 100 MB; so do we, before reading one into memory.
    private static final long MAX_HEADER_BYTES = 100_000_000;
    private static final String METADATA = "__metadata__";
    private static final ValueLayout.OfLong U64_LE = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Integer> DTYPE_BYTES = Map.ofEntries(
            Map.entry("F64", 8), Map.entry("F32", 4), Map.entry("F16", 2), Map.entry("BF16", 2),
            Map.entry("F8_E4M3", 1), Map.entry("F8_E5M2", 1), Map.entry("I64", 8), Map.entry("I32", 4),
            Map.entry("I16", 2), Map.entry("I8", 1), Map.entry("U64", 8), Map.entry("U32", 4), Map.entry("U16", 2),
            Map.entry("U8", 1), Map.entry("BOOL", 1));

    /**
     * One tensor as the header describes it.
     *
     * @param begin offset of the first byte in the data section (after the header)
     * @param end   offset one past the last byte in the data section
     */
    public record TensorInfo(String name, String dtype, List<Long> shape, long begin, long end) {
    }

    private final Path path;
    private final MemorySegment data; // the data section: the file after the header
    private final Map<String, TensorInfo> tensors; // in header order
    private final Map<String, String> metadata;

    private SafetensorsFile(Path path, MemorySegment data, Map<String, TensorInfo> tensors, Map<String, String> metadata) {
        this.path = path;
        this.data = data;
        this.tensors = tensors;
        this.metadata = metadata;
    }

    /** Maps and validates the file: header length, JSON, dtypes, shapes, offsets in bounds and not overlapping. */
    public static SafetensorsFile open(Path file) {
        MemorySegment bytes = MappedFiles.map(file);
        if (bytes.byteSize() < 8) {
            throw FormatException.atOffset(file, 0, "truncated: " + bytes.byteSize()
                    + " bytes, too short for the 8-byte header length");
        }
        long headerLength = bytes.get(U64_LE, 0);
        if (headerLength < 0 || headerLength > MAX_HEADER_BYTES) {
            throw FormatException.atOffset(file, 0, "the header length " + Long.toUnsignedString(headerLength)
                    + " is over the " + MAX_HEADER_BYTES + "-byte limit safetensors sets for headers");
        }
        if (headerLength < 2 || headerLength > bytes.byteSize() - 8) {
            throw FormatException.atOffset(file, 0, "the header length " + Long.toUnsignedString(headerLength)
                    + " does not fit the file (" + bytes.byteSize() + " bytes)");
        }
        JsonNode header;
        try {
            header = JSON.readTree(bytes.asSlice(8, headerLength).toArray(ValueLayout.JAVA_BYTE));
        } catch (JacksonException e) {
            throw FormatException.atOffset(file, 8, "the header is not valid JSON: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw IoErrors.wrap(file, e);
        }
        if (header == null || !header.isObject()) {
            throw FormatException.atOffset(file, 8, "the header is not a JSON object");
        }
        MemorySegment data = bytes.asSlice(8 + headerLength);
        Map<String, TensorInfo> tensors = new LinkedHashMap<>();
        Map<String, String> metadata = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : header.properties()) {
            if (entry.getKey().equals(METADATA)) {
                readMetadata(file, entry.getValue(), metadata);
            } else {
                tensors.put(entry.getKey(), readInfo(file, entry.getKey(), entry.getValue(), data.byteSize()));
            }
        }
        checkNoOverlap(file, tensors);
        return new SafetensorsFile(file, data, tensors, metadata);
    }

    public Path path() {
        return path;
    }

    /** Tensor names in header order. */
    public Set<String> names() {
        return tensors.keySet();
    }

    /** The header's entry for {@code name}; an unknown name is an error listing the names there are. */
    public TensorInfo info(String name) {
        TensorInfo info = tensors.get(name);
        if (info == null) {
            throw new BadInputException(path + " has no tensor '" + name + "'; it has: " + describe());
        }
        return info;
    }

    /** Every tensor's shape by name, in header order. */
    public Map<String, List<Long>> shapes() {
        Map<String, List<Long>> shapes = new LinkedHashMap<>();
        tensors.values().forEach(info -> shapes.put(info.name(), info.shape()));
        return shapes;
    }

    /** The free-form string map under "__metadata__" (empty if absent). */
    public Map<String, String> metadata() {
        return metadata;
    }

    /** A 2-D F32, F16 or BF16 tensor as a matrix over the mapped file. */
    public MappedMatrix tensor(String name) {
        TensorInfo info = info(name);
        if (info.shape().size() != 2) {
            throw FormatException.atField(path, name, "has shape " + info.shape() + "; a matrix needs 2 dimensions");
        }
        DType dtype;
        try {
            dtype = DType.fromName(info.dtype());
        } catch (IllegalArgumentException e) {
            throw FormatException.atField(path, name + ".dtype", "is " + info.dtype()
                    + "; matrices can be F32, F16 or BF16");
        }
        long rows = info.shape().get(0);
        long cols = info.shape().get(1);
        if (rows > Integer.MAX_VALUE || cols > Integer.MAX_VALUE) {
            throw FormatException.atField(path, name + ".shape", info.shape() + " has an axis over " + Integer.MAX_VALUE);
        }
        return new MappedMatrix(data.asSlice(info.begin(), info.end() - info.begin()), (int) rows, (int) cols, dtype);
    }

    /** "name [r, c] DTYPE" for every tensor, for error messages. */
    public String describe() {
        List<String> parts = new ArrayList<>();
        for (TensorInfo info : tensors.values()) {
            parts.add(info.name() + " " + info.shape() + " " + info.dtype());
        }
        return parts.isEmpty() ? "no tensors" : String.join(", ", parts);
    }

    /**
     * Writes the matrices, each in its own dtype (a heap matrix as F32, a mapped F16 one as F16), in the map's
     * order, atomically. The header is padded with spaces to a multiple of 8 bytes so the data stays aligned.
     */
    public static void write(Path file, Map<String, ? extends FloatMatrix> matrices) {
        Map<String, Shape> shapes = new LinkedHashMap<>();
        matrices.forEach((name, m) -> shapes.put(name, new Shape(m.dtype(), m.rows(), m.cols())));
        byte[] header = header(shapes);
        AtomicFiles.write(file, temp -> {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temp), 1 << 16)) {
                out.write(header);
                for (FloatMatrix m : matrices.values()) {
                    float[] row = new float[m.cols()];
                    byte[] raw = new byte[m.cols() * m.dtype().bytes()];
                    for (int r = 0; r < m.rows(); r++) {
                        m.copyRow(r, row, 0);
                        LittleEndian.encode(row, m.dtype(), raw);
                        out.write(raw);
                    }
                }
            }
        });
    }

    /** The dtype and (rows, cols) of a matrix about to be written. */
    record Shape(DType dtype, long rows, long cols) {
    }

    /**
     * The bytes before the data of a file holding these matrices in this order: the header's length, then the
     * JSON header padded with spaces to a multiple of 8 bytes so the data stays aligned. Writers that stream rows
     * (a conversion that never holds the table) write this, then exactly the rows it announces.
     */
    static byte[] header(Map<String, Shape> shapes) {
        ObjectNode header = JSON.createObjectNode();
        long offset = 0;
        for (Map.Entry<String, Shape> entry : shapes.entrySet()) {
            Shape shape = entry.getValue();
            long size = shape.rows() * shape.cols() * shape.dtype().bytes();
            ObjectNode info = header.putObject(entry.getKey());
            info.put("dtype", shape.dtype().name());
            info.putArray("shape").add(shape.rows()).add(shape.cols());
            info.putArray("data_offsets").add(offset).add(offset + size);
            offset += size;
        }
        byte[] json = header.toString().getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + 7) / 8 * 8;
        byte[] bytes = new byte[8 + padded];
        MemorySegment.ofArray(bytes).set(U64_LE, 0, padded);
        System.arraycopy(json, 0, bytes, 8, json.length);
        Arrays.fill(bytes, 8 + json.length, bytes.length, (byte) ' ');
        return bytes;
    }

    /** True if the first bytes look like a safetensors header: a plausible length followed by '{'. */
    static boolean looksLike(byte[] start, long fileSize) {
        if (start.length < 9) {
            return false;
        }
        long length = MemorySegment.ofArray(start).get(U64_LE, 0);
        return length >= 2 && length <= fileSize - 8 && start[8] == '{';
    }

    private static TensorInfo readInfo(Path file, String name, JsonNode node, long dataBytes) {
        if (!node.isObject()) {
            throw FormatException.atField(file, name, "is not a JSON object");
        }
        String dtype = node.path("dtype").asText(null);
        Integer elementBytes = dtype == null ? null : DTYPE_BYTES.get(dtype);
        if (elementBytes == null) {
            throw FormatException.atField(file, name + ".dtype", "'" + dtype + "' is not a safetensors dtype "
                    + DTYPE_BYTES.keySet().stream().sorted().toList());
        }
        List<Long> shape = new ArrayList<>();
        long elements = 1;
        for (JsonNode axis : array(file, node, name, "shape")) {
            if (!axis.canConvertToLong() || !axis.isIntegralNumber() || axis.asLong() < 0) {
                throw FormatException.atField(file, name + ".shape", node.get("shape") + " must hold non-negative integers");
            }
            shape.add(axis.asLong());
            try {
                elements = Math.multiplyExact(elements, axis.asLong());
            } catch (ArithmeticException e) {
                throw FormatException.atField(file, name + ".shape", node.get("shape") + " overflows 64 bits");
            }
        }
        JsonNode offsets = array(file, node, name, "data_offsets");
        if (offsets.size() != 2 || !offsets.get(0).isIntegralNumber() || !offsets.get(1).isIntegralNumber()
                || !offsets.get(0).canConvertToLong() || !offsets.get(1).canConvertToLong()) {
            throw FormatException.atField(file, name + ".data_offsets", offsets + " must be two integers [begin, end]");
        }
        long begin = offsets.get(0).asLong();
        long end = offsets.get(1).asLong();
        if (begin < 0 || end < begin || end > dataBytes) {
            throw FormatException.atField(file, name + ".data_offsets", offsets + " is outside the " + dataBytes
                    + " bytes of data after the header");
        }
        if (elements > Long.MAX_VALUE / elementBytes || elements * elementBytes != end - begin) {
            throw FormatException.atField(file, name + ".data_offsets", "shape " + shape + " of " + dtype + " needs "
                    + elements + "×" + elementBytes + " bytes, but " + offsets + " spans " + (end - begin));
        }
        return new TensorInfo(name, dtype, List.copyOf(shape), begin, end);
    }

    private static JsonNode array(Path file, JsonNode node, String name, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isArray()) {
            throw FormatException.atField(file, name + "." + field, "is missing or not an array");
        }
        return value;
    }

    private static void readMetadata(Path file, JsonNode node, Map<String, String> metadata) {
        if (!node.isObject()) {
            throw FormatException.atField(file, METADATA, "must be an object of strings");
        }
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            if (!entry.getValue().isTextual()) {
                throw FormatException.atField(file, METADATA + "." + entry.getKey(), "must be a string");
            }
            metadata.put(entry.getKey(), entry.getValue().asText());
        }
    }

    private static void checkNoOverlap(Path file, Map<String, TensorInfo> tensors) {
        List<TensorInfo> byOffset = new ArrayList<>(tensors.values());
        byOffset.sort(Comparator.comparingLong(TensorInfo::begin).thenComparingLong(TensorInfo::end));
        for (int i = 1; i < byOffset.size(); i++) {
            TensorInfo previous = byOffset.get(i - 1);
            TensorInfo current = byOffset.get(i);
            if (current.begin() < previous.end()) {
                throw FormatException.atField(file, current.name() + ".data_offsets", "[" + current.begin() + ", "
                        + current.end() + "] overlaps tensor '" + previous.name() + "' at [" + previous.begin() + ", "
                        + previous.end() + "]");
            }
        }
    }
}
