package dev.embedkit.checkpoint;

import dev.embedkit.BadInputException;
import dev.embedkit.FormatException;
import dev.embedkit.embed.EmbeddingTable;
import dev.embedkit.gguf.GgufArray;
import dev.embedkit.gguf.GgufFile;
import dev.embedkit.io.EmbeddingTensorNames;
import dev.embedkit.tensor.FloatMatrix;
import dev.embedkit.vocab.Vocabulary;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A .gguf file as a {@link Checkpoint}: token_embd.weight with tokenizer.ggml.tokens, and output.weight when the
 * model is untied (llama.cpp falls back to token_embd.weight when a file has no output.weight, and so do we).
 */
final class GgufCheckpoint {
    private GgufCheckpoint() {
    }

    static Checkpoint open(Path path, Checkpoints.Options options) {
        GgufFile gguf = GgufFile.open(path);
        Map<String, List<Long>> shapes = new LinkedHashMap<>();
        gguf.tensors().forEach(t -> shapes.put(t.name(), t.shape()));
        String input = options.tensor() != null ? options.tensor()
                : gguf.hasTensor(GgufFile.TOKEN_EMBEDDING) ? GgufFile.TOKEN_EMBEDDING
                : EmbeddingTensorNames.findInput(path, shapes, null);
        if (!gguf.hasTensor(input)) {
            throw new BadInputException(path + " has no tensor '" + input + "'; it has: " + String.join(", ", shapes.keySet()));
        }
        FloatMatrix table = gguf.matrix(input);
        Optional<List<String>> tokens = gguf.tokens();
        Vocabulary vocabulary = CheckpointVocabulary.of(tokens.orElse(null), table.rows(), path, GgufFile.TOKENS);
        String outputName = options.outputTensor() != null ? options.outputTensor()
                : gguf.hasTensor(GgufFile.OUTPUT) && !input.equals(GgufFile.OUTPUT) ? GgufFile.OUTPUT : null;
        Optional<FloatMatrix> output = Optional.empty();
        if (outputName != null) {
            FloatMatrix matrix = gguf.matrix(outputName);
            if (matrix.rows() != table.rows() || matrix.cols() != table.cols()) {
                throw FormatException.atField(path, outputName, "is " + matrix.shape() + ", but the token embedding "
                        + input + " is " + table.shape() + "; an output matrix has its shape");
            }
            output = Optional.of(matrix);
        }
        List<Checkpoint.TensorSummary> tensors = gguf.tensors().stream()
                .map(t -> new Checkpoint.TensorSummary(t.name(), t.type().name(), t.shape())).toList();
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("gguf.version", Integer.toString(gguf.version()));
        gguf.metadata().forEach((key, value) -> metadata.put(key, describe(value)));
        return new Checkpoint(path, "gguf", new EmbeddingTable(vocabulary, table), input, output, outputName, tensors,
                metadata, tokens.isPresent() ? GgufFile.TOKENS : "row IDs (the file has no " + GgufFile.TOKENS + ")");
    }

    /** Scalars as they are; arrays by size and type, with their first values when short (token lists are not). */
    private static String describe(Object value) {
        if (value instanceof GgufArray array) {
            return array.size() <= 8 ? array.values().stream().map(GgufCheckpoint::describe).toList().toString()
                    : array.toString();
        }
        return String.valueOf(value);
    }
}
