package dev.embedkit.cli;

import dev.embedkit.embed.EmbeddingTable;
import dev.embedkit.io.EmbeddingFiles;
import dev.embedkit.io.ModelDirectory;
import dev.embedkit.io.VectorFormat;
import dev.embedkit.tokenize.WordSplitter;
import dev.embedkit.tokenize.WordTokenizer;

import java.nio.file.Path;

/** A model file or directory as the CLI opened it: the table, the format it came in, and how to split text for it. */
record LoadedModel(Path path, VectorFormat format, EmbeddingTable table, WordSplitter splitter) {
    static final WordSplitter PLAIN = new WordSplitter(WordSplitter.Mode.WHITESPACE, false);

    static LoadedModel open(Path path, TokenizerOptions options) {
        VectorFormat format = EmbeddingFiles.detect(path);
        if (format == VectorFormat.MODEL_DIR) {
            ModelDirectory dir = ModelDirectory.open(path);
            return new LoadedModel(path, format, dir.table(), options.resolve(dir.config().splitter()));
        }
        return new LoadedModel(path, format, EmbeddingFiles.load(path, format), options.resolve(PLAIN));
    }

    WordTokenizer tokenizer() {
        return new WordTokenizer(splitter, table.vocabulary());
    }
}
