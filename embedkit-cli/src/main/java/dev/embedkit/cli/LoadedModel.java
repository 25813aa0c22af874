package dev.embedkit.cli;

import dev.embedkit.embed.EmbeddingTable;
import dev.embedkit.embed.WordVectors;
import dev.embedkit.fasttext.FastTextFormat;
import dev.embedkit.io.EmbeddingFiles;
import dev.embedkit.io.ModelDirectory;
import dev.embedkit.io.VectorFormat;
import dev.embedkit.tokenize.WordSplitter;
import dev.embedkit.tokenize.WordTokenizer;

import java.nio.file.Path;

/**
 * A model file or directory as the CLI opened it: the table, the format it came in, how to split text for it, and
 * how to turn a word into a vector ({@code words}: the table's rows, or for fastText any word from its n-grams).
 */
record LoadedModel(Path path, VectorFormat format, EmbeddingTable table, WordSplitter splitter, WordVectors words) {
    private static final WordSplitter PLAIN = new WordSplitter(WordSplitter.Mode.WHITESPACE, false);

    static LoadedModel open(Path path, TokenizerOptions options) {
        VectorFormat format = EmbeddingFiles.detect(path);
        if (format == VectorFormat.MODEL_DIR) {
            ModelDirectory dir = ModelDirectory.open(path);
            return new LoadedModel(path, format, dir.table(), options.resolve(dir.config().splitter()),
                    WordVectors.of(dir.table()));
        }
        WordVectors words = format == VectorFormat.FASTTEXT_BIN ? FastTextFormat.read(path)
                : WordVectors.of(EmbeddingFiles.load(path, format));
        return new LoadedModel(path, format, words.table(), options.resolve(PLAIN), words);
    }

    WordTokenizer tokenizer() {
        return new WordTokenizer(splitter, table.vocabulary());
    }
}
