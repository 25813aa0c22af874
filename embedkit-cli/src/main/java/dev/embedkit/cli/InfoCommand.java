package dev.embedkit.cli;

import dev.embedkit.checkpoint.Checkpoint;
import dev.embedkit.embed.EmbeddingTable;
import dev.embedkit.fasttext.FastTextModel;
import dev.embedkit.subword.SubwordVectors;
import dev.embedkit.vocab.Vocabulary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** {@code embedkit info MODEL}: what a model file holds, without computing anything. */
@Command(name = "info", description = "Show a model's format, vocabulary size V, dimension d, dtype, size and a few tokens.")
final class InfoCommand extends BaseCommand {

    @Parameters(index = "0", paramLabel = "MODEL", description = "Model directory or vector file (any supported format).")
    Path model;

    @Option(names = "--tokens", defaultValue = "10", description = "How many tokens to show (default: ${DEFAULT-VALUE}).")
    int tokens;

    @Option(names = "--tensors", defaultValue = "20",
            description = "Checkpoint tensors to list, 0 for all (default: ${DEFAULT-VALUE}).")
    int tensors;

    @Mixin
    OutputFormat format;

    @Mixin
    TokenizerOptions tokenizerOptions;

    @Mixin
    CheckpointOptions checkpointOptions;

    static final String SUBWORD_NOTE = "subword, its files kept in the model (row i = token ID i); a word that is"
            + " not one token gets the mean of its tokens' rows";

    @Override
    protected void run() {
        LoadedModel loaded = LoadedModel.open(model, tokenizerOptions, checkpointOptions);
        EmbeddingTable table = loaded.table();
        Vocabulary vocab = table.vocabulary();
        List<Map<String, Object>> first = new ArrayList<>();
        for (int id = 0; id < Math.min(tokens, vocab.size()); id++) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("id", id);
            entry.put("token", vocab.token(id));
            entry.put("count", vocab.count(id));
            first.add(entry);
        }
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("path", model.toString());
        info.put("format", loaded.format());
        info.put("vocab_size", table.vocabularySize());
        info.put("dim", table.dim());
        info.put("dtype", table.weights().dtype().name());
        info.put("bytes", sizeOnDisk(model));
        info.put("storage", table.weights() instanceof dev.embedkit.tensor.MappedMatrix ? "memory-mapped" : "heap");
        info.put("word_splitter", loaded.splitter().mode().name().toLowerCase(java.util.Locale.ROOT)
                + (loaded.splitter().lowercase() ? ", lowercase" : ""));
        info.put("unk_token", vocab.unkToken());
        loaded.subwordTokenizer().ifPresent(t -> info.put("subword_tokenizer", SUBWORD_NOTE));
        FastTextModel fastText = loaded.words() instanceof FastTextModel m ? m : null;
        if (fastText != null) {
            info.put("storage", "heap: the words' vectors, averaged from the memory-mapped input matrix");
            info.put("fasttext", fastTextInfo(fastText));
        }
        SubwordVectors subwords = loaded.words() instanceof SubwordVectors s ? s : null;
        if (subwords != null) {
            info.put("subwords", Map.of("minn", subwords.ngrams().minn(), "maxn", subwords.ngrams().maxn(),
                    "buckets", subwords.ngrams().buckets(), "stored_buckets", subwords.storedBucketRows().rows()));
        }
        info.put("first_tokens", first);
        loaded.checkpoint().ifPresent(c -> info.put("checkpoint", checkpointInfo(c)));
        if (format.json()) {
            Json.print(out(), info);
            return;
        }
        out().printf("%-14s %s%n", "path", model);
        out().printf("%-14s %s%n", "format", loaded.format());
        out().printf("%-14s V=%d tokens × d=%d%n", "shape", table.vocabularySize(), table.dim());
        out().printf("%-14s %s (%s)%n", "dtype", info.get("dtype"), info.get("storage"));
        out().printf("%-14s %s%n", "size", humanBytes((Long) info.get("bytes")));
        out().printf("%-14s %s%n", "word splitter", info.get("word_splitter"));
        if (fastText != null) {
            printFastText(fastText);
        } else if (loaded.subwordTokenizer().isPresent()) {
            out().printf("%-14s %s%n", "tokenizer", SUBWORD_NOTE);
        } else if (subwords != null) {
            out().printf("%-14s character n-grams of %d..%d in %d buckets (%d used by the vocabulary, stored)%n",
                    "subwords", subwords.ngrams().minn(), subwords.ngrams().maxn(), subwords.ngrams().buckets(),
                    subwords.storedBucketRows().rows());
            out().printf("%-14s %s%n", "unknown words", "get the mean of their n-gram rows");
        } else {
            out().printf("%-14s %s%n", "unknown token",
                    vocab.unkToken() == null ? "(none: unknown words are errors)" : vocab.unkToken());
        }
        out().printf("first tokens (ID token count):%n");
        for (Map<String, Object> entry : first) {
            out().printf("  %6d  %-20s %d%n", entry.get("id"), entry.get("token"), entry.get("count"));
        }
        loaded.checkpoint().ifPresent(this::printCheckpoint);
    }

    private static Map<String, Object> checkpointInfo(Checkpoint checkpoint) {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("embedding_tensor", checkpoint.embeddingTensor());
        info.put("tied", checkpoint.tied());
        info.put("output_tensor", checkpoint.outputTensor());
        info.put("tokens_from", checkpoint.vocabularySource());
        info.put("tensors", checkpoint.tensors());
        info.put("metadata", new java.util.TreeMap<>(checkpoint.metadata()));
        return info;
    }

    private void printCheckpoint(Checkpoint checkpoint) {
        out().printf("%-14s %s%n", "embedding", checkpoint.embeddingTensor());
        out().printf("%-14s %s%n", "output", checkpoint.tied() ? "tied: the embedding table is also the unembedding"
                : checkpoint.outputTensor() + " (untied: unembed scores h against it)");
        out().printf("%-14s %s%n", "tokens from", checkpoint.vocabularySource());
        List<Checkpoint.TensorSummary> all = checkpoint.tensors();
        int shown = tensors <= 0 ? all.size() : Math.min(tensors, all.size());
        out().printf("tensors (%d):%n", all.size());
        for (Checkpoint.TensorSummary t : all.subList(0, shown)) {
            out().printf("  %-44s %-6s %s%n", t.name(), t.dtype(), t.shape());
        }
        if (shown < all.size()) {
            out().printf("  … %d more (--tensors 0 lists all)%n", all.size() - shown);
        }
        if (!checkpoint.metadata().isEmpty()) {
            out().printf("metadata:%n");
            new java.util.TreeMap<>(checkpoint.metadata()).forEach((key, value) -> out().printf("  %-32s %s%n", key, value));
        }
    }

    private static Map<String, Object> fastTextInfo(FastTextModel model) {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("model", model.args().modelName());
        info.put("loss", model.args().lossName());
        info.put("minn", model.minn());
        info.put("maxn", model.maxn());
        info.put("buckets", model.buckets());
        info.put("tokens", model.tokens());
        info.put("skipped_labels", model.skippedLabels());
        return info;
    }

    private void printFastText(FastTextModel model) {
        out().printf("%-14s %s, loss %s, epochs=%d, trained on %d tokens%s%n", "fastText", model.args().modelName(),
                model.args().lossName(), model.args().epoch(), model.tokens(),
                model.skippedLabels() == 0 ? "" : "; " + model.skippedLabels() + " labels skipped (not words)");
        if (model.subwords().ngrams().enabled()) {
            out().printf("%-14s character n-grams of %d..%d in %d buckets%n", "subwords", Math.max(1, model.minn()),
                    model.maxn(), model.buckets());
            out().printf("%-14s %s%n", "unknown words", "get the mean of their n-gram rows (fastText's vectors)");
        } else {
            out().printf("%-14s %s%n", "subwords", "none (maxn=0): unknown words are errors");
        }
    }

    private static long sizeOnDisk(Path path) {
        try {
            if (!Files.isDirectory(path)) {
                return Files.size(path);
            }
            try (Stream<Path> files = Files.walk(path)) {
                return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the size of " + path, e);
        }
    }

    static String humanBytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(java.util.Locale.ROOT, "%.1f %s (%d bytes)", value, units[unit], bytes);
    }
}
