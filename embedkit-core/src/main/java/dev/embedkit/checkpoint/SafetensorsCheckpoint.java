package dev.embedkit.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.embedkit.BadInputException;
import dev.embedkit.FormatException;
import dev.embedkit.embed.EmbeddingTable;
import dev.embedkit.io.EmbeddingTensorNames;
import dev.embedkit.io.SafetensorsFile;
import dev.embedkit.tensor.FloatMatrix;
import dev.embedkit.tensor.MappedMatrix;
import dev.embedkit.vocab.Vocabulary;
import dev.embedkit.tokenize.TokenizerFiles;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A Hugging Face safetensors checkpoint (a folder, possibly sharded) or a bare .safetensors file, as a {@link Checkpoint}. */
final class SafetensorsCheckpoint {
    private static final String CONFIG = "config.json";
    private static final String TIE = "tie_word_embeddings";

    private SafetensorsCheckpoint() {
    }

    static Checkpoint openFolder(Path folder, Checkpoints.Options options) {
        Path configFile = folder.resolve(CONFIG);
        JsonNode config = Files.isRegularFile(configFile) ? TokenizerFiles.readJson(configFile) : NullNode.getInstance();
        if (!config.isNull() && !config.isObject()) {
            throw FormatException.of(configFile, "is not a JSON object");
        }
        SafetensorsShards shards = SafetensorsShards.open(folder);
        String input = EmbeddingTensorNames.findInput(folder, shards.shapes(), options.tensor());
        MappedMatrix table = shards.matrix(input);
        Optional<TokenizerVocabFiles.Tokens> tokens = TokenizerVocabFiles.read(folder, table.rows());
        Vocabulary vocabulary = tokens.map(t -> CheckpointVocabulary.of(t.byId(), table.rows(), t.file(), t.field()))
                .orElseGet(() -> CheckpointVocabulary.of(null, table.rows(), folder, ""));
        String source = tokens.map(t -> t.file().getFileName().toString()).orElse("row IDs (no tokenizer.json, vocab.json, encoder.json or vocab.txt)");
        return build(folder, "hf-safetensors", shards, input, table, vocabulary, source, config, configFile, options);
    }

    static Checkpoint openFile(Path file, Checkpoints.Options options) {
        SafetensorsShards shards = SafetensorsShards.of(SafetensorsFile.open(file));
        String input = EmbeddingTensorNames.findInput(file, shards.shapes(), options.tensor());
        MappedMatrix table = shards.matrix(input);
        return build(file, "safetensors", shards, input, table, CheckpointVocabulary.of(null, table.rows(), file, ""),
                "row IDs (a bare file has no tokenizer; open its folder for tokens)", NullNode.getInstance(), null, options);
    }

    private static Checkpoint build(Path path, String format, SafetensorsShards shards, String input, MappedMatrix table,
                                    Vocabulary vocabulary, String vocabularySource, JsonNode config, Path configFile,
                                    Checkpoints.Options options) {
        Map<String, List<Long>> shapes = shards.shapes();
        JsonNode tie = config.path(TIE);
        String outputName = options.outputTensor();
        if (outputName != null && !shapes.containsKey(outputName)) {
            throw new BadInputException(path + " has no tensor '" + outputName + "' for the output matrix; it has: "
                    + String.join(", ", shapes.keySet()));
        }
        // A checkpoint that says its weights are tied may still store lm_head (a copy): the table is the output then.
        if (outputName == null && !tie.asBoolean(false)) {
            outputName = EmbeddingTensorNames.findOutput(shapes, input).orElse(null);
        }
        Optional<FloatMatrix> output = Optional.empty();
        if (outputName != null) {
            MappedMatrix matrix = shards.matrix(outputName);
            if (matrix.rows() != table.rows() || matrix.cols() != table.cols()) {
                throw FormatException.atField(shards.fileOf(outputName), outputName, "is " + matrix.shape()
                        + ", but the token embedding " + input + " is " + table.shape() + "; an output matrix has its shape");
            }
            output = Optional.of(matrix);
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        config.properties().forEach(e -> {
            if (e.getValue().isValueNode()) {
                metadata.put(e.getKey(), e.getValue().asText());
            } else if (e.getValue().isArray() && e.getValue().size() <= 8) {
                metadata.put(e.getKey(), e.getValue().toString());
            }
        });
        shards.metadata().forEach((key, value) -> metadata.putIfAbsent("__metadata__." + key, value));
        return new Checkpoint(path, format, new EmbeddingTable(vocabulary, table), input, output, outputName,
                shards.summaries(), metadata, vocabularySource);
    }
}
