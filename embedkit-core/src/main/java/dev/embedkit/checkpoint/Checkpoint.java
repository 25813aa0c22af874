package dev.embedkit.checkpoint;

import dev.embedkit.embed.EmbeddingTable;
import dev.embedkit.embed.Unembedding;
import dev.embedkit.tensor.FloatMatrix;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The embedding layer of a model checkpoint: the token table, and the output matrix when the model does not
 * tie it to the table; plus what {@code embedkit info} shows (every tensor, the metadata, where the tokens came from).
 *
 * @param format           "gguf", "hf-safetensors" (a Hugging Face folder) or "safetensors" (a bare file)
 * @param embeddingTensor  the tensor the table was read from
 * @param output           (vocab_size, dim), present only if the model is untied
 * @param outputTensor     the output tensor's name, or null when tied
 * @param metadata         GGUF key/values, or config.json's top-level settings and the safetensors metadata
 * @param vocabularySource where the tokens came from ("tokenizer.json", "tokenizer.ggml.tokens", "row IDs", …)
 */
public record Checkpoint(Path path, String format, EmbeddingTable table, String embeddingTensor,
                         Optional<FloatMatrix> output, String outputTensor, List<TensorSummary> tensors,
                         Map<String, String> metadata, String vocabularySource) {

    /** One tensor as listed by the file, shape in row-major order. */
    public record TensorSummary(String name, String dtype, List<Long> shape) {
    }

    public Checkpoint {
        tensors = List.copyOf(tensors);
        metadata = Map.copyOf(metadata);
    }

    /** True when the model reuses the table as its output matrix (no separate lm_head/output tensor). */
    public boolean tied() {
        return output.isEmpty();
    }

    /** logits = h·Wᵀ with the model's own output matrix: the untied one if there is one, the table otherwise. */
    public Unembedding unembedding() {
        return output.map(w -> new Unembedding(w, table.vocabulary())).orElseGet(() -> Unembedding.tied(table));
    }
}
