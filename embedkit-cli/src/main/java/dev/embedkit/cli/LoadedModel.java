package dev.embedkit.cli;

import dev.embedkit.BadInputException;
import dev.embedkit.checkpoint.Checkpoint;
import dev.embedkit.checkpoint.Checkpoints;
import dev.embedkit.embed.EmbeddingTable;
import dev.embedkit.embed.Unembedding;
import dev.embedkit.io.EmbeddingFiles;
import dev.embedkit.io.ModelDirectory;
import dev.embedkit.io.VectorFormat;
import dev.embedkit.tokenize.WordSplitter;
import dev.embedkit.tokenize.WordTokenizer;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A model file or directory as the CLI opened it: the table, the name of the format it came in, how to split
 * text for it, and for a checkpoint (Hugging Face folder, .safetensors, .gguf) what else the checkpoint holds.
 * Every command opens its MODEL here.
 */
record LoadedModel(Path path, String format, EmbeddingTable table, WordSplitter splitter, Optional<Checkpoint> checkpoint) {
    private static final WordSplitter PLAIN = new WordSplitter(WordSplitter.Mode.WHITESPACE, false);

    static LoadedModel open(Path path, TokenizerOptions options) {
        return open(path, options, new CheckpointOptions());
    }

    static LoadedModel open(Path path, TokenizerOptions options, CheckpointOptions checkpointOptions) {
        // Before detection: a Hugging Face folder has a config.json too, but is not an embedkit model directory.
        VectorFormat format = Checkpoints.recognizes(path) ? null : EmbeddingFiles.detect(path);
        if (format == null || format == VectorFormat.SAFETENSORS) {
            Checkpoint checkpoint = Checkpoints.open(path, checkpointOptions.resolve());
            return new LoadedModel(path, checkpoint.format(), checkpoint.table(), options.resolve(PLAIN), Optional.of(checkpoint));
        }
        if (checkpointOptions.isSet()) {
            throw new BadInputException("--tensor and --output-tensor choose tensors of a safetensors or GGUF checkpoint;"
                    + " " + path + " is " + format.cliName());
        }
        if (format == VectorFormat.MODEL_DIR) {
            ModelDirectory dir = ModelDirectory.open(path);
            return new LoadedModel(path, format.cliName(), dir.table(), options.resolve(dir.config().splitter()), Optional.empty());
        }
        return new LoadedModel(path, format.cliName(), EmbeddingFiles.load(path, format), options.resolve(PLAIN), Optional.empty());
    }

    WordTokenizer tokenizer() {
        return new WordTokenizer(splitter, table.vocabulary());
    }

    /** The model's way back to tokens: its own output matrix if the checkpoint is untied, else the table (tied). */
    Unembedding unembedding() {
        return checkpoint.map(Checkpoint::unembedding).orElseGet(() -> Unembedding.tied(table));
    }
}
