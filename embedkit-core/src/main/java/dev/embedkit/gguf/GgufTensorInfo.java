package dev.embedkit.gguf;

import java.util.List;

/**
 * One tensor as the GGUF header describes it.
 *
 * @param dims   ggml's ne[]: dims.get(0) varies fastest, so a (rows, cols) row-major matrix has dims [cols, rows]
 * @param offset from the start of the aligned data section
 * @param bytes  the data's length, from the type's block layout
 */
public record GgufTensorInfo(String name, List<Long> dims, GgmlType type, long offset, long bytes) {
    public GgufTensorInfo {
        dims = List.copyOf(dims);
    }

    /** The shape in row-major order (slowest axis first), as NumPy and safetensors write it. */
    public List<Long> shape() {
        return dims.reversed();
    }
}
