package dev.embedkit.cli;

import dev.embedkit.BadInputException;
import dev.embedkit.checkpoint.Checkpoint;
import dev.embedkit.checkpoint.Checkpoints;
import dev.embedkit.embed.EmbeddingTable;
import dev.embedkit.embed.TokenComposedVectors;
import dev.embedkit.embed.Unembedding;
import dev.embedkit.embed.WordVector;
import dev.embedkit.embed.WordVectors;
import dev.embedkit.fasttext.FastTextFormat;
import dev.embedkit.io.EmbeddingFiles;
import dev.embedkit.io.ModelDirectory;
import dev.embedkit.io.VectorFormat;
import dev.embedkit.search.Neighbor;
import dev.embedkit.search.VectorExpression;
import dev.embedkit.subword.SubwordModelFiles;
import dev.embedkit.tokenize.TokenText;
import dev.embedkit.tokenize.Tokenizer;
import dev.embedkit.tokenize.Tokenizers;
import dev.embedkit.tokenize.WordSplitter;
import dev.embedkit.tokenize.WordTokenizer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A model file or directory as the CLI opened it: the table, the name of the format it came in, how to split
 * text for it, for a checkpoint (Hugging Face folder, .safetensors, .gguf) what else the checkpoint holds, and how
 * to turn a word into a vector ({@code words}: the table's rows, or for fastText any word from its n-grams).
 * Every command opens its MODEL here.
 */
record LoadedModel(Path path, String format, EmbeddingTable table, WordSplitter splitter, Optional<Checkpoint> checkpoint,
                   Optional<Tokenizer> subwordTokenizer, WordVectors words) {
    static final WordSplitter PLAIN = new WordSplitter(WordSplitter.Mode.WHITESPACE, false);

    static LoadedModel open(Path path, TokenizerOptions options) {
        return open(path, options, new CheckpointOptions());
    }

    static LoadedModel open(Path path, TokenizerOptions options, CheckpointOptions checkpointOptions) {
        // Before detection: a Hugging Face folder has a config.json too, but is not an embedkit model directory.
        VectorFormat format = Checkpoints.recognizes(path) ? null : EmbeddingFiles.detect(path);
        if (format == null || format == VectorFormat.SAFETENSORS) {
            Checkpoint checkpoint = Checkpoints.open(path, checkpointOptions.resolve());
            Optional<Tokenizer> subword = checkpointTokenizer(path);
            if (subword.isPresent() && options.isSet()) {
                throw new BadInputException("--split and --lowercase set how words are split; " + path
                        + " has its own tokenizer");
            }
            return new LoadedModel(path, checkpoint.format(), checkpoint.table(), options.resolve(PLAIN),
                    Optional.of(checkpoint), subword, WordVectors.of(checkpoint.table()));
        }
        if (checkpointOptions.isSet()) {
            throw new BadInputException("--tensor and --output-tensor choose tensors of a safetensors or GGUF checkpoint;"
                    + " " + path + " is " + format.cliName());
        }
        if (format == VectorFormat.MODEL_DIR) {
            ModelDirectory dir = ModelDirectory.open(path);
            Optional<Tokenizer> subword = dir.subwordTokenizer();
            if (subword.isPresent()) {
                return subwordModel(path, format, dir, subword.get(), options);
            }
            return new LoadedModel(path, format.cliName(), dir.table(), options.resolve(dir.config().splitter()),
                    Optional.empty(), Optional.empty(), SubwordModelFiles.wordVectors(dir));
        }
        WordVectors words = format == VectorFormat.FASTTEXT_BIN ? FastTextFormat.read(path)
                : WordVectors.of(EmbeddingFiles.load(path, format));
        return new LoadedModel(path, format.cliName(), words.table(), options.resolve(PLAIN), Optional.empty(),
                Optional.empty(), words);
    }

    /** A model trained over a subword tokenizer's tokens: its kept tokenizer, and any word composed from tokens. */
    private static LoadedModel subwordModel(Path path, VectorFormat format, ModelDirectory dir, Tokenizer tokenizer,
                                            TokenizerOptions options) {
        if (options.isSet()) {
            throw new BadInputException("--split and --lowercase set how words are split; " + path
                    + " has its own tokenizer");
        }
        return new LoadedModel(path, format.cliName(), dir.table(), PLAIN, Optional.empty(), Optional.of(tokenizer),
                new TokenComposedVectors(dir.table(), tokenizer));
    }

    /** For a subword model, the neighbours' tokens as the text they stand for (" king", not "Ġking"). */
    List<Neighbor> readable(List<Neighbor> neighbors) {
        if (subwordTokenizer.isEmpty()) {
            return neighbors;
        }
        Tokenizer tokenizer = subwordTokenizer.get();
        return neighbors.stream().map(n -> n.id() < tokenizer.vocabularySize()
                ? new Neighbor(n.id(), TokenText.readable(tokenizer, n.id()), n.score()) : n).toList();
    }

    /** For a subword model, each word that is one token replaced by its token string; other words unchanged. */
    VectorExpression asTokens(VectorExpression expression) {
        if (subwordTokenizer.isEmpty()) {
            return expression;
        }
        java.util.function.UnaryOperator<String> token = word -> {
            WordVector vector = words.find(word);
            return vector == null || vector.oov() ? word : table.vocabulary().token(vector.id());
        };
        return new VectorExpression(expression.positive().stream().map(token).toList(),
                expression.negative().stream().map(token).toList());
    }

    /** ", the token \" king\"" for a subword model's row (what a query word became), else "". */
    String tokenNote(int id) {
        return subwordTokenizer.map(t -> ", token " + TokenText.readable(t, id)).orElse("");
    }

    /**
     * A checkpoint folder's own tokenizer (tokenizer.json, or GPT-2's encoder.json + vocab.bpe), so text becomes
     * the IDs the model was trained on; empty for single files and folders without one.
     */
    private static Optional<Tokenizer> checkpointTokenizer(Path path) {
        if (!Files.isDirectory(path) || !Tokenizers.holdsSubwordTokenizer(path)) {
            return Optional.empty();
        }
        return Optional.of(Tokenizers.load(path));
    }

    /** The checkpoint's own tokenizer if it has one, else words split as the model records (or whitespace). */
    Tokenizer tokenizer() {
        return subwordTokenizer.orElseGet(() -> new WordTokenizer(splitter, table.vocabulary()));
    }

    /** The model's way back to tokens: its own output matrix if the checkpoint is untied, else the table (tied). */
    Unembedding unembedding() {
        return checkpoint.map(Checkpoint::unembedding).orElseGet(() -> Unembedding.tied(table));
    }
}
