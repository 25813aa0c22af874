package dev.embedkit.io;

import dev.embedkit.BadInputException;
import dev.embedkit.FormatException;
import dev.embedkit.embed.EmbeddingTable;
import dev.embedkit.tensor.FloatMatrix;
import dev.embedkit.tensor.MappedMatrix;
import dev.embedkit.vocab.UnknownTokenPolicy;
import dev.embedkit.vocab.Vocabulary;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The native format: a directory holding config.json, vocab.txt and embeddings.safetensors (tensor
 * "embedding.weight", (vocab_size, dim), F32, F16 or BF16). Opening memory-maps the table, so it costs
 * milliseconds whatever the size and the table may exceed the 2^31 values a heap matrix can hold.
 */
public final class ModelDirectory {
    public static final String CONFIG = "config.json";
    public static final String VOCAB = "vocab.txt";
    public static final String EMBEDDINGS = "embeddings.safetensors";

    private final Path path;
    private final ModelConfig config;
    private final EmbeddingTable table;

    private ModelDirectory(Path path, ModelConfig config, EmbeddingTable table) {
        this.path = path;
        this.config = config;
        this.table = table;
    }

    /** Opens the model in {@code dir}, checking that config, vocabulary and table agree. */
    public static ModelDirectory open(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new BadInputException(dir + " is not a directory (a model is a directory with " + CONFIG + ", "
                    + VOCAB + " and " + EMBEDDINGS + ")");
        }
        Path configFile = dir.resolve(CONFIG);
        ConfigJson.Parsed parsed = ConfigJson.read(configFile);
        ModelConfig config = parsed.config();
        Path vocabFile = dir.resolve(VOCAB);
        VocabFile.Entries entries = VocabFile.read(vocabFile);
        if (entries.tokens().size() != config.vocabSize()) {
            throw FormatException.atField(configFile, "vocab_size", config.vocabSize() + " does not match the "
                    + entries.tokens().size() + " tokens of " + VOCAB);
        }
        Path embeddings = dir.resolve(EMBEDDINGS);
        MappedMatrix weights = SafetensorsFile.open(embeddings).tensor(SafetensorsFile.EMBEDDING_TENSOR);
        if (weights.rows() != config.vocabSize() || weights.cols() != config.dim()) {
            throw FormatException.atField(embeddings, SafetensorsFile.EMBEDDING_TENSOR, "is " + weights.shape()
                    + ", but " + CONFIG + " says vocab_size=" + config.vocabSize() + ", dim=" + config.dim());
        }
        if (weights.dtype() != parsed.dtype()) {
            throw FormatException.atField(configFile, "dtype", "says " + parsed.dtype() + ", but " + EMBEDDINGS
                    + " stores " + weights.dtype());
        }
        Vocabulary vocabulary = vocabulary(configFile, vocabFile, config, entries);
        return new ModelDirectory(dir, config, new EmbeddingTable(vocabulary, weights));
    }

    /**
     * Writes {@code table} and {@code config} as a model directory at {@code dir}, atomically. The table keeps
     * its dtype. An existing directory is replaced only if it is empty or a model directory itself, so a slip of
     * the path cannot delete unrelated files.
     */
    public static void save(EmbeddingTable table, ModelConfig config, Path dir) {
        save(table, config, dir, Map.of());
    }

    /**
     * {@link #save(EmbeddingTable, ModelConfig, Path)} with more tensors beside "embedding.weight" in the same
     * safetensors file (a model's other parameters, e.g. an output bias), read back with {@link #tensor}.
     */
    public static void save(EmbeddingTable table, ModelConfig config, Path dir, Map<String, ? extends FloatMatrix> more) {
        if (more.containsKey(SafetensorsFile.EMBEDDING_TENSOR)) {
            throw new BadInputException("tensor name " + SafetensorsFile.EMBEDDING_TENSOR + " is the table's own");
        }
        if (config.vocabSize() != table.vocabularySize() || config.dim() != table.dim()) {
            throw new BadInputException("the config says vocab_size=" + config.vocabSize() + ", dim=" + config.dim()
                    + ", but the table is " + table.vocabularySize() + "×" + table.dim());
        }
        VocabFile.check(table.vocabulary());
        checkReplaceable(dir);
        String json = ConfigJson.write(config, table.weights().dtype());
        AtomicFiles.writeDirectory(dir, temp -> {
            Files.writeString(temp.resolve(CONFIG), json, StandardCharsets.UTF_8);
            VocabFile.write(temp.resolve(VOCAB), table.vocabulary());
            Map<String, FloatMatrix> tensors = new LinkedHashMap<>();
            tensors.put(SafetensorsFile.EMBEDDING_TENSOR, table.weights());
            tensors.putAll(more);
            SafetensorsFile.write(temp.resolve(EMBEDDINGS), tensors);
        });
    }

    public EmbeddingTable table() {
        return table;
    }

    /** Another tensor of the model's safetensors file, by name; an error naming the file if it is absent. */
    public MappedMatrix tensor(String name) {
        SafetensorsFile file = SafetensorsFile.open(path.resolve(EMBEDDINGS));
        if (!file.names().contains(name)) {
            throw FormatException.atField(file.path(), name, "no such tensor (the file holds " + file.names() + ")");
        }
        return file.tensor(name);
    }

    public ModelConfig config() {
        return config;
    }

    public Path path() {
        return path;
    }

    private static Vocabulary vocabulary(Path configFile, Path vocabFile, ModelConfig config, VocabFile.Entries entries) {
        // One pass over the tokens for the few named in config.json: a vocabulary built only to ask would cost
        // another hash map of V entries, the bulk of opening a large model.
        Set<String> named = new HashSet<>(config.specialTokens());
        if (config.unkToken() != null) {
            named.add(config.unkToken());
        }
        Set<String> present = new HashSet<>();
        for (String token : entries.tokens()) {
            if (named.contains(token)) {
                present.add(token);
            }
        }
        for (String special : config.specialTokens()) {
            if (!present.contains(special)) {
                throw FormatException.atField(configFile, "special_tokens", "'" + special + "' is not in " + VOCAB);
            }
        }
        String unk = config.unkToken();
        if (unk != null && !present.contains(unk)) {
            throw FormatException.atField(configFile, "unk_token", "'" + unk + "' is not in " + VOCAB);
        }
        UnknownTokenPolicy policy = unk == null ? UnknownTokenPolicy.ERROR : UnknownTokenPolicy.MAP_TO_UNK;
        return VocabFile.vocabulary(vocabFile, entries, () -> Vocabulary.of(entries.tokens(), entries.counts(),
                new HashSet<>(config.specialTokens()), unk, policy));
    }

    private static void checkReplaceable(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        if (!Files.isDirectory(dir)) {
            throw new BadInputException("cannot save a model to " + dir + ": it exists and is not a directory");
        }
        try (Stream<Path> entries = Files.list(dir)) {
            if (entries.findAny().isPresent() && !Files.exists(dir.resolve(CONFIG))) {
                throw new BadInputException("refusing to replace " + dir + ": it is not empty and not a model directory"
                        + " (no " + CONFIG + ")");
            }
        } catch (IOException e) {
            throw IoErrors.wrap(dir, e);
        }
    }
}
