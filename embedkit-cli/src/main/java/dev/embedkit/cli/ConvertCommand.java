package dev.embedkit.cli;

import dev.embedkit.fasttext.FastTextFormat;
import dev.embedkit.fasttext.FastTextModel;
import dev.embedkit.checkpoint.Checkpoints;
import dev.embedkit.io.EmbeddingFiles;
import dev.embedkit.io.ModelConfig;
import dev.embedkit.io.ModelDirectory;
import dev.embedkit.io.VectorFormat;
import dev.embedkit.subword.SubwordModelFiles;
import dev.embedkit.subword.SubwordVectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;

/** {@code embedkit convert IN OUT}: between every supported format, keeping token order and exact float values. */
@Command(name = "convert", description = {
        "Convert between formats, keeping token order and exact float values.",
        "The output format follows OUT: no extension = model directory, .bin = word2vec binary,",
        ".txt = word2vec text, .vec = fastText .vec, .npy, .safetensors; --to overrides it.",
        "From a fastText .bin, the words' vectors are written (n-grams averaged in, as fastText's .vec);",
        "--to fasttext-bin writes a fastText model (from a fastText .bin or a model trained with --subwords,",
        "with its n-gram buckets)."})
final class ConvertCommand extends BaseCommand {

    @Parameters(index = "0", paramLabel = "IN", description = "Input model (format detected from its content).")
    Path input;

    @Parameters(index = "1", paramLabel = "OUT", description = "Output path.")
    Path output;

    @Option(names = "--to", paramLabel = "FORMAT",
            description = "Output format: model, word2vec-binary, word2vec-text, glove, fasttext-vec, npy, safetensors,"
                    + " fasttext-bin.")
    String to;

    @Mixin
    TokenizerOptions tokenizerOptions;

    @Override
    protected void run() {
        VectorFormat target = to != null ? VectorFormat.fromCliName(to) : VectorFormat.forOutputPath(output);
        if (target == VectorFormat.MODEL_DIR && !Checkpoints.recognizes(input)
                && EmbeddingFiles.detect(input) == VectorFormat.WORD2VEC_BINARY) {
            // Streamed row by row: the table is never held, so a 1 GB file costs one read and one write.
            ModelConfig config = ModelDirectory.fromWord2VecBinary(input, output, tokenizerOptions.resolve(LoadedModel.PLAIN));
            out().printf("%s (%s) → %s (%s): V=%d, d=%d%n", input, VectorFormat.WORD2VEC_BINARY.cliName(), output,
                    target.cliName(), config.vocabSize(), config.dim());
            return;
        }
        LoadedModel loaded = LoadedModel.open(input, tokenizerOptions);
        if (target == VectorFormat.FASTTEXT_BIN && loaded.words() instanceof FastTextModel fastText) {
            FastTextFormat.write(fastText, output); // keeps the n-gram rows, not just the words' vectors
        } else if (target == VectorFormat.FASTTEXT_BIN && loaded.words() instanceof SubwordVectors subwords) {
            FastTextFormat.write(FastTextModel.ofSubwords(subwords), output);
        } else if (target == VectorFormat.MODEL_DIR && loaded.words() instanceof SubwordVectors subwords
                && subwords.isCompact()) {
            SubwordModelFiles.save(subwords, ModelConfig.forTable(loaded.table(), loaded.splitter()), output);
        } else if (target == VectorFormat.MODEL_DIR) {
            ModelDirectory.save(loaded.table(), ModelConfig.forTable(loaded.table(), loaded.splitter()), output);
        } else {
            EmbeddingFiles.save(loaded.table(), output, target);
        }
        out().printf("%s (%s) → %s (%s): V=%d, d=%d%n", input, loaded.format(), output, target.cliName(),
                loaded.table().vocabularySize(), loaded.table().dim());
    }
}
