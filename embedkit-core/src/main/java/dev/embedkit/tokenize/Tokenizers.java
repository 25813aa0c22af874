package dev.embedkit.tokenize;

import com.fasterxml.jackson.databind.JsonNode;
import dev.embedkit.BadInputException;
import dev.embedkit.FormatException;
import dev.embedkit.io.ModelDirectory;
import dev.embedkit.tokenize.bpe.Gpt2Tokenizer;
import dev.embedkit.tokenize.hf.HfTokenizer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The one way to open a tokenizer from disk; it tells the kind from what is there:
 * <ol>
 *   <li>a tokenizer.json file, or a directory holding one (Hugging Face) → {@link HfTokenizer}</li>
 *   <li>a directory with encoder.json + vocab.bpe (OpenAI's GPT-2 files) or vocab.json + merges.txt (the same
 *       format under Hugging Face's names) → {@link Gpt2Tokenizer}</li>
 *   <li>an embedkit model directory whose config.json says "tokenizer": "word" → {@link WordTokenizer}</li>
 * </ol>
 */
public final class Tokenizers {
    public static final String TOKENIZER_JSON = "tokenizer.json";
    /** GPT-2's vocabulary and merges, under OpenAI's names and under Hugging Face's. */
    private static final String[][] GPT2_FILES = {{"encoder.json", "vocab.bpe"}, {"vocab.json", "merges.txt"}};

    private Tokenizers() {
    }

    /** Whether directory {@code dir} holds a subword tokenizer: tokenizer.json, or GPT-2's files under either name. */
    public static boolean holdsSubwordTokenizer(Path dir) {
        if (Files.isRegularFile(dir.resolve(TOKENIZER_JSON))) {
            return true;
        }
        for (String[] pair : GPT2_FILES) {
            if (Files.isRegularFile(dir.resolve(pair[0])) && Files.isRegularFile(dir.resolve(pair[1]))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The names of the files in {@code dir} that make its subword tokenizer, the ones {@link #load} reads:
     * tokenizer.json, or GPT-2's pair; empty if there is none.
     */
    public static List<String> fileNames(Path dir) {
        if (Files.isRegularFile(dir.resolve(TOKENIZER_JSON))) {
            return List.of(TOKENIZER_JSON);
        }
        for (String[] pair : GPT2_FILES) {
            if (Files.isRegularFile(dir.resolve(pair[0])) && Files.isRegularFile(dir.resolve(pair[1]))) {
                return List.of(pair);
            }
        }
        return List.of();
    }

    public static Tokenizer load(Path path) {
        if (Files.isRegularFile(path)) {
            JsonNode root = TokenizerFiles.readJson(path);
            if (!root.isObject() || !root.has("model")) {
                throw FormatException.of(path, "not a tokenizer.json: it has no \"model\"");
            }
            return HfTokenizer.fromJson(root, path);
        }
        if (!Files.isDirectory(path)) {
            throw new BadInputException(path + ": no such file or directory");
        }
        if (Files.isRegularFile(path.resolve(TOKENIZER_JSON))) {
            return HfTokenizer.load(path.resolve(TOKENIZER_JSON));
        }
        for (String[] pair : GPT2_FILES) {
            if (Files.isRegularFile(path.resolve(pair[0])) && Files.isRegularFile(path.resolve(pair[1]))) {
                return Gpt2Tokenizer.load(path.resolve(pair[0]), path.resolve(pair[1]));
            }
        }
        if (Files.isRegularFile(path.resolve(ModelDirectory.CONFIG)) && Files.isRegularFile(path.resolve(ModelDirectory.VOCAB))) {
            ModelDirectory model = ModelDirectory.open(path);
            if (model.config().splitter() != null) {
                return new WordTokenizer(model.config().splitter(), model.table().vocabulary());
            }
        }
        throw new BadInputException(path + ": no tokenizer here (looked for tokenizer.json, encoder.json + vocab.bpe, "
                + "vocab.json + merges.txt, and an embedkit model's config.json + vocab.txt)");
    }
}
