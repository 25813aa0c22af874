package dev.embedkit.gguf;

import dev.embedkit.BadInputException;
import dev.embedkit.FormatException;
import dev.embedkit.io.MappedFiles;
import dev.embedkit.tensor.DType;
import dev.embedkit.tensor.FloatMatrix;
import dev.embedkit.tensor.MappedMatrix;

import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A GGUF file (llama.cpp's format, versions 2 and 3, little-endian): a header of typed metadata and tensor
 * descriptions, then the tensor data at an aligned offset. Opening maps the file and checks every count,
 * length and offset against its real size; {@link #matrix} reads a 2-D tensor as a float matrix.
 */
public final class GgufFile {
    public static final String TOKEN_EMBEDDING = "token_embd.weight";
    public static final String OUTPUT = "output.weight";
    public static final String TOKENS = "tokenizer.ggml.tokens";
    public static final String SCORES = "tokenizer.ggml.scores";
    public static final String TOKEN_TYPES = "tokenizer.ggml.token_type";
    static final String ALIGNMENT = "general.alignment";

    private static final int MAGIC = 0x46554747; // "GGUF" read as a little-endian u32
    private static final long DEFAULT_ALIGNMENT = 32;
    private static final int MAX_DIMS = 4; // GGML_MAX_DIMS
    // The least a tensor description or a key/value pair can occupy: bounds for the header's counts.
    private static final long MIN_TENSOR_INFO_BYTES = 8 + 4 + 4 + 8;
    private static final long MIN_KV_BYTES = 8 + 4 + 1;

    private final Path path;
    private final int version;
    private final long alignment;
    private final Map<String, Object> metadata; // in file order
    private final Map<String, GgufTensorInfo> tensors; // in file order
    private final MemorySegment data; // the aligned data section

    private GgufFile(Path path, int version, long alignment, Map<String, Object> metadata,
                     Map<String, GgufTensorInfo> tensors, MemorySegment data) {
        this.path = path;
        this.version = version;
        this.alignment = alignment;
        this.metadata = metadata;
        this.tensors = tensors;
        this.data = data;
    }

    /** True if the file starts with the GGUF magic (of any version or byte order). */
    public static boolean hasMagic(byte[] start) {
        return start.length >= 4 && start[0] == 'G' && start[1] == 'G' && start[2] == 'U' && start[3] == 'F';
    }

    /** Maps and validates the file: magic, version, counts, metadata, tensor descriptions and their data ranges. */
    public static GgufFile open(Path file) {
        MemorySegment bytes = MappedFiles.map(file);
        GgufCursor in = new GgufCursor(file, bytes, 0);
        int magic = in.u32("magic");
        if (magic != MAGIC) {
            throw in.error("magic", 0, "is 0x" + Integer.toHexString(Integer.reverseBytes(magic))
                    + ", not \"GGUF\" (0x47475546): not a GGUF file");
        }
        int version = version(in);
        long tensorCount = in.count("tensor_count", MIN_TENSOR_INFO_BYTES);
        long kvCount = in.count("metadata_kv_count", MIN_KV_BYTES);
        Map<String, Object> metadata = new LinkedHashMap<>();
        for (long i = 0; i < kvCount; i++) {
            long keyOffset = in.position();
            String key = in.string("metadata[" + i + "].key");
            if (metadata.containsKey(key)) {
                throw in.error(key, keyOffset, "the key appears twice");
            }
            metadata.put(key, in.typedValue(key));
        }
        long alignment = alignment(file, metadata);
        List<GgufTensorInfo> infos = new ArrayList<>((int) Math.min(tensorCount, 1 << 16));
        for (long i = 0; i < tensorCount; i++) {
            infos.add(tensorInfo(in, i, alignment));
        }
        long dataStart = (in.position() + alignment - 1) / alignment * alignment;
        MemorySegment data = bytes.asSlice(Math.min(dataStart, bytes.byteSize()));
        Map<String, GgufTensorInfo> byName = new LinkedHashMap<>();
        for (GgufTensorInfo info : infos) {
            if (info.offset() > data.byteSize() || info.bytes() > data.byteSize() - info.offset()) {
                throw FormatException.atField(file, info.name() + ".offset", "[" + info.offset() + ", "
                        + (info.offset() + info.bytes()) + ") (" + info.type() + " " + info.dims() + ") is outside the "
                        + data.byteSize() + " bytes of data that start at byte " + dataStart);
            }
            if (byName.putIfAbsent(info.name(), info) != null) {
                throw FormatException.atField(file, info.name(), "two tensors have this name");
            }
        }
        checkNoOverlap(file, infos);
        return new GgufFile(file, version, alignment, metadata, byName, data);
    }

    private static int version(GgufCursor in) {
        int version = in.u32("version");
        if (version == 2 || version == 3) {
            return version;
        }
        int swapped = Integer.reverseBytes(version);
        if (version == 1) {
            throw in.error("version", 4, "GGUF version 1 (32-bit counts, before llama.cpp's August 2023 change) is not"
                    + " supported; convert the model again with a current llama.cpp to get version 3");
        }
        if (swapped >= 1 && swapped <= 3) {
            throw in.error("version", 4, "reads as " + swapped + " byte-swapped: the file is big-endian GGUF, and"
                    + " embedkit reads only little-endian GGUF");
        }
        throw in.error("version", 4, Integer.toUnsignedString(version) + " is not a GGUF version embedkit reads (2 or 3)");
    }

    private static long alignment(Path file, Map<String, Object> metadata) {
        Object value = metadata.get(ALIGNMENT);
        if (value == null) {
            return DEFAULT_ALIGNMENT;
        }
        if (!(value instanceof Long alignment) || alignment <= 0 || Long.bitCount(alignment) != 1
                || alignment > Integer.MAX_VALUE) {
            throw FormatException.atField(file, ALIGNMENT, value + " is not a positive power of two");
        }
        return alignment;
    }

    private static GgufTensorInfo tensorInfo(GgufCursor in, long index, long alignment) {
        String name = in.string("tensors[" + index + "].name");
        long dimsOffset = in.position();
        int nDims = in.u32(name + ".n_dims");
        if (nDims < 1 || nDims > MAX_DIMS) {
            throw in.error(name + ".n_dims", dimsOffset, Integer.toUnsignedString(nDims) + " is outside 1.." + MAX_DIMS);
        }
        List<Long> dims = new ArrayList<>(nDims);
        long elements = 1;
        for (int d = 0; d < nDims; d++) {
            long dimOffset = in.position();
            long dim = in.u64(name + ".ne[" + d + "]");
            if (dim < 0 || (dim != 0 && elements > Long.MAX_VALUE / dim)) {
                throw in.error(name + ".ne[" + d + "]", dimOffset, Long.toUnsignedString(dim)
                        + " makes the tensor's element count overflow 63 bits");
            }
            elements *= dim;
            dims.add(dim);
        }
        long typeOffset = in.position();
        long typeId = Integer.toUnsignedLong(in.u32(name + ".type"));
        GgmlType type = GgmlType.of(typeId);
        if (type == null) {
            throw in.error(name + ".type", typeOffset, typeId + " is not a ggml type embedkit knows");
        }
        if (dims.getFirst() % type.blockSize() != 0) {
            throw in.error(name + ".ne[0]", dimsOffset + 4, dims.getFirst() + " values per row do not fill whole "
                    + type + " blocks of " + type.blockSize());
        }
        long blocks = elements / type.blockSize();
        if (blocks > Long.MAX_VALUE / type.blockBytes()) {
            throw in.error(name + ".type", typeOffset, blocks + " blocks of " + type + " overflow 63 bits of bytes");
        }
        long offsetAt = in.position();
        long offset = in.u64(name + ".offset");
        if (offset < 0 || offset % alignment != 0) {
            throw in.error(name + ".offset", offsetAt, Long.toUnsignedString(offset) + " is not a multiple of the "
                    + alignment + "-byte alignment");
        }
        return new GgufTensorInfo(name, dims, type, offset, blocks * type.blockBytes());
    }

    private static void checkNoOverlap(Path file, List<GgufTensorInfo> infos) {
        List<GgufTensorInfo> byOffset = new ArrayList<>(infos);
        byOffset.sort(Comparator.comparingLong(GgufTensorInfo::offset));
        for (int i = 1; i < byOffset.size(); i++) {
            GgufTensorInfo previous = byOffset.get(i - 1);
            GgufTensorInfo current = byOffset.get(i);
            if (current.offset() < previous.offset() + previous.bytes()) {
                throw FormatException.atField(file, current.name() + ".offset", current.offset() + " overlaps tensor '"
                        + previous.name() + "' at [" + previous.offset() + ", " + (previous.offset() + previous.bytes()) + ")");
            }
        }
    }

    public Path path() {
        return path;
    }

    /** 2 or 3. */
    public int version() {
        return version;
    }

    /** The data alignment in bytes: general.alignment, 32 by default. */
    public long alignment() {
        return alignment;
    }

    /** Every key/value pair in file order; see {@link GgufArray} for how values are typed. */
    public Map<String, Object> metadata() {
        return metadata;
    }

    /** The tensor descriptions in file order. */
    public Collection<GgufTensorInfo> tensors() {
        return tensors.values();
    }

    public boolean hasTensor(String name) {
        return tensors.containsKey(name);
    }

    /** The description of {@code name}; an unknown name is an error listing the names there are. */
    public GgufTensorInfo tensor(String name) {
        GgufTensorInfo info = tensors.get(name);
        if (info == null) {
            throw new BadInputException(path + " has no tensor '" + name + "'; it has: " + String.join(", ", tensors.keySet()));
        }
        return info;
    }

    /**
     * A 2-D tensor as a (rows, cols) matrix, where cols = ne[0] and rows = ne[1]: F32, F16 and BF16 stay
     * memory-mapped; Q8_0 is dequantized to the heap. Any other type is refused, naming the tensor and the type.
     */
    public FloatMatrix matrix(String name) {
        GgufTensorInfo info = tensor(name);
        if (info.dims().size() != 2) {
            throw FormatException.atField(path, name, "has ne " + info.dims() + "; a matrix needs 2 dimensions");
        }
        long cols = info.dims().get(0);
        long rows = info.dims().get(1);
        if (rows > Integer.MAX_VALUE || cols > Integer.MAX_VALUE) {
            throw FormatException.atField(path, name, "ne " + info.dims() + " has an axis over " + Integer.MAX_VALUE);
        }
        MemorySegment bytes = data.asSlice(info.offset(), info.bytes());
        return switch (info.type()) {
            case F32 -> new MappedMatrix(bytes, (int) rows, (int) cols, DType.F32);
            case F16 -> new MappedMatrix(bytes, (int) rows, (int) cols, DType.F16);
            case BF16 -> new MappedMatrix(bytes, (int) rows, (int) cols, DType.BF16);
            case Q8_0 -> Q8_0Blocks.dequantize(bytes, (int) rows, (int) cols);
            default -> throw FormatException.atField(path, name + ".type", "is " + info.type() + ", which embedkit"
                    + " cannot decode (it reads F32, F16, BF16 and Q8_0); convert the model with llama.cpp's"
                    + " --outtype f16 or q8_0");
        };
    }

    /** tokenizer.ggml.tokens: the token of each ID, if the file has a vocabulary. */
    public Optional<List<String>> tokens() {
        return array(TOKENS, GgufValueType.STRING).map(a -> a.values().stream().map(String.class::cast).toList());
    }

    /** tokenizer.ggml.scores (SentencePiece log-probabilities or BPE merge ranks), if present. */
    public Optional<float[]> tokenScores() {
        return array(SCORES, GgufValueType.FLOAT32).map(a -> {
            float[] scores = new float[a.size()];
            for (int i = 0; i < scores.length; i++) {
                scores[i] = ((Double) a.values().get(i)).floatValue();
            }
            return scores;
        });
    }

    /** tokenizer.ggml.token_type (1 normal, 2 unknown, 3 control, 4 user-defined, 5 unused, 6 byte), if present. */
    public Optional<int[]> tokenTypes() {
        return array(TOKEN_TYPES, GgufValueType.INT32).map(a -> a.values().stream().mapToInt(v -> ((Long) v).intValue()).toArray());
    }

    private Optional<GgufArray> array(String key, GgufValueType elementType) {
        Object value = metadata.get(key);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof GgufArray array) || array.elementType() != elementType) {
            throw FormatException.atField(path, key, "is " + value + ", not an array of " + elementType);
        }
        return Optional.of(array);
    }
}
