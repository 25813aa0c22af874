package dev.embedkit.io;

import dev.embedkit.BadInputException;
import dev.embedkit.FormatException;
import dev.embedkit.tokenize.Tokenizer;
import dev.embedkit.tokenize.Tokenizers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tokenizer files a model directory keeps beside its table when the model was trained over a subword
 * tokenizer's tokens: copied in on save, named in config.json ("tokenizer_files"), and checked on open.
 *
 * @param source the directory they come from
 * @param names  tokenizer.json, or GPT-2's encoder.json and vocab.bpe (or vocab.json and merges.txt)
 */
record SubwordTokenizerFiles(Path source, List<String> names) {

    /** The tokenizer files of {@code dir}, refused unless the tokenizer has exactly {@code vocabSize} tokens. */
    static SubwordTokenizerFiles of(Path dir, int vocabSize) {
        List<String> names = Tokenizers.fileNames(dir);
        if (names.isEmpty()) {
            throw new BadInputException(dir + ": no subword tokenizer here (looked for tokenizer.json, encoder.json + "
                    + "vocab.bpe, vocab.json + merges.txt)");
        }
        Tokenizer tokenizer = Tokenizers.load(dir);
        if (tokenizer.vocabularySize() != vocabSize) {
            throw new BadInputException("the tokenizer in " + dir + " has " + tokenizer.vocabularySize()
                    + " tokens but the table has " + vocabSize + " rows; row i must be token ID i");
        }
        return new SubwordTokenizerFiles(dir, names);
    }

    /** {@code config} as a subword model's: tokenizer "subword", no word splitter, the file names recorded. */
    ModelConfig describe(ModelConfig config) {
        Map<String, Object> extra = new LinkedHashMap<>(config.extra());
        extra.put(ModelDirectory.TOKENIZER_FILES, names);
        return new ModelConfig(config.vocabSize(), config.dim(), ModelDirectory.SUBWORD_TOKENIZER, null,
                config.unkToken(), config.specialTokens(), extra);
    }

    void copyInto(Path dir) throws IOException {
        for (String name : names) {
            Files.copy(source.resolve(name), dir.resolve(name));
        }
    }

    /** For a subword model, that config.json names its tokenizer files and that each is in {@code dir}. */
    static void check(Path dir, Path configFile, ModelConfig config) {
        if (!ModelDirectory.SUBWORD_TOKENIZER.equals(config.tokenizer())) {
            return;
        }
        if (!(config.extra().get(ModelDirectory.TOKENIZER_FILES) instanceof List<?> names) || names.isEmpty()) {
            throw FormatException.atField(configFile, ModelDirectory.TOKENIZER_FILES, "is missing: a model with"
                    + " tokenizer \"" + ModelDirectory.SUBWORD_TOKENIZER + "\" names the tokenizer files it keeps");
        }
        for (Object name : names) {
            if (!(name instanceof String file) || file.contains("/") || file.contains("\\")) {
                throw FormatException.atField(configFile, ModelDirectory.TOKENIZER_FILES, "holds " + name
                        + ", not a file name");
            }
            if (!Files.isRegularFile(dir.resolve(file))) {
                throw FormatException.atField(configFile, ModelDirectory.TOKENIZER_FILES, "names " + file
                        + ", which is not in " + dir + " (the model's tokenizer; copy it back from where it was trained)");
            }
        }
    }

    /** The tokenizer of a subword model in {@code dir}, checked against its vocabulary size. */
    static Tokenizer load(Path dir, int vocabSize) {
        Tokenizer tokenizer = Tokenizers.load(dir);
        if (tokenizer.vocabularySize() != vocabSize) {
            throw FormatException.atField(dir.resolve(ModelDirectory.CONFIG), "vocab_size", vocabSize
                    + " does not match the " + tokenizer.vocabularySize() + " tokens of the model's tokenizer");
        }
        return tokenizer;
    }
}
