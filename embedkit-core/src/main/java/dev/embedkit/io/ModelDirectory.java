package dev.embedkit.io;

import dev.embedkit.BadInputException;
import dev.embedkit.FormatException;
import dev.embedkit.embed.EmbeddingTable;
import dev.embedkit.tensor.DType;
import dev.embedkit.tensor.FloatMatrix;
import dev.embedkit.tensor.MappedMatrix;
import dev.embedkit.tokenize.Tokenizer;
import dev.embedkit.tokenize.WordSplitter;
import dev.embedkit.vocab.UnknownTokenPolicy;
import dev.embedkit.vocab.Vocabulary;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    /** config.json's "tokenizer" of a model over a subword tokenizer's tokens, whose files the directory keeps. */
    public static final String SUBWORD_TOKENIZER = "subword";
    /** config.json key: the names of the tokenizer files kept in the directory (for {@link #SUBWORD_TOKENIZER}). */
    public static final String TOKENIZER_FILES = "tokenizer_files";

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
            Optional<Path> previous = WriteLeftovers.movedAside(dir);
            if (previous.isPresent()) {
                throw new BadInputException(dir + " does not exist: an interrupted overwrite left the previous model"
                        + " at " + previous.get() + " (the next write beside it, or renaming it, puts it back)");
            }
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
        SubwordTokenizerFiles.check(dir, configFile, config);
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
        write(table, config, dir, more, temp -> { });
    }

    private static void write(EmbeddingTable table, ModelConfig config, Path dir, Map<String, ? extends FloatMatrix> more,
                              AtomicFiles.Content alsoWrite) {
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
            alsoWrite.writeTo(temp);
        });
    }

    /**
     * Writes a model over the tokens of the subword tokenizer in {@code tokenizerDir} (row i is token ID i): the
     * tokenizer's files are copied into the model directory and named in config.json, whose "tokenizer" becomes
     * {@value #SUBWORD_TOKENIZER}, so every query tokenizes text exactly as training did.
     */
    public static void save(EmbeddingTable table, ModelConfig config, Path dir, Path tokenizerDir) {
        SubwordTokenizerFiles files = SubwordTokenizerFiles.of(tokenizerDir, table.vocabularySize());
        write(table, files.describe(config), dir, Map.of(), files::copyInto);
    }

    /**
     * Converts a word2vec binary file to a model directory without holding the table: each row is checked and
     * written on to embeddings.safetensors as it is read (a float32 row has the same bytes in both files), so the
     * cost is about one read and one write of the file, not a heap table the size of the file as well. The result
     * is the one {@code save(EmbeddingFiles.load(bin), …)} writes; returns its config.
     */
    public static ModelConfig fromWord2VecBinary(Path bin, Path dir, WordSplitter splitter) {
        checkReplaceable(dir);
        ModelConfig[] config = new ModelConfig[1];
        AtomicFiles.writeDirectory(dir, temp -> {
            SafetensorsRows rows;
            Word2VecBinary.Scanned scanned;
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temp.resolve(EMBEDDINGS)), 1 << 20)) {
                rows = new SafetensorsRows(out);
                scanned = Word2VecBinary.scan(bin, rows);
            }
            Vocabulary vocabulary = scanned.vocabulary(bin);
            VocabFile.check(vocabulary);
            config[0] = new ModelConfig(vocabulary.size(), rows.dim, "word", splitter, null, List.of(), Map.of());
            Files.writeString(temp.resolve(CONFIG), ConfigJson.write(config[0], DType.F32), StandardCharsets.UTF_8);
            VocabFile.write(temp.resolve(VOCAB), vocabulary);
        });
        return config[0];
    }

    /** Writes the rows of a word2vec scan on as the F32 tensor "embedding.weight" of a safetensors file. */
    private static final class SafetensorsRows implements Word2VecBinary.Rows {
        private final OutputStream out;
        private byte[] raw; // (4·dim): one row's little-endian bytes
        private int dim;

        SafetensorsRows(OutputStream out) {
            this.out = out;
        }

        @Override
        public void start(Word2VecHeader header) throws IOException {
            dim = header.dim();
            raw = new byte[4 * dim];
            out.write(SafetensorsFile.header(Map.of(SafetensorsFile.EMBEDDING_TENSOR,
                    new SafetensorsFile.Shape(DType.F32, header.rows(), dim))));
        }

        @Override
        public void row(int row, String token, float[] values) throws IOException {
            LittleEndian.encode(values, DType.F32, raw);
            out.write(raw);
        }
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

    /** The model's own subword tokenizer (tokenizer "subword": row i is its token ID i), or empty for a word model. */
    public Optional<Tokenizer> subwordTokenizer() {
        if (!SUBWORD_TOKENIZER.equals(config.tokenizer())) {
            return Optional.empty();
        }
        return Optional.of(SubwordTokenizerFiles.load(path, config.vocabSize()));
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
