package dev.embedkit.train;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.embedkit.BadInputException;
import dev.embedkit.EmbedkitException;
import dev.embedkit.embed.EmbeddingTable;
import dev.embedkit.io.AtomicFiles;
import dev.embedkit.io.ModelConfig;
import dev.embedkit.io.ModelDirectory;
import dev.embedkit.io.SafetensorsFile;
import dev.embedkit.subword.CharNgrams;
import dev.embedkit.subword.SubwordModelFiles;
import dev.embedkit.tensor.HeapMatrix;
import dev.embedkit.tokenize.WordSplitter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A resumable snapshot of a training run, kept in a directory:
 * <pre>
 * DIR/latest                 the name of the newest complete checkpoint (replaced atomically)
 * DIR/step-…/model/  a model directory of the input table (so it opens like any model), with counts; with
 *                     n-grams it holds the words' own rows, not yet averaged with their n-grams' rows
 * DIR/step-…/output.safetensors   "output.weight", the output (context) table
 * DIR/step-…/state.json           what the trainer needs to continue: settings, words done, threads; for a run
 *                                 with character n-grams their settings, as "subwords": {"minn", "maxn", "buckets"}
 * DIR/step-…/buckets.safetensors  with n-grams only: "buckets.weight", the rows of the buckets the words use
 * </pre>
 * A new checkpoint is written under a fresh name and only then named in {@code latest}, so a run killed at any
 * moment leaves the previous checkpoint complete and pointed to; older ones are deleted afterwards.
 *
 * @param input    the input table (word2vec's syn0) with the vocabulary and its counts
 * @param output   (V, d) the output table (word2vec's syn1neg)
 * @param splitter how the corpus was split into words
 * @param state    trainer-specific state, JSON-serializable
 * @param ngrams   the character n-grams the run trains, or null for a run of words only
 * @param buckets  (U, d) the rows of the used n-gram buckets ({@link dev.embedkit.subword.SubwordIndex}), or null
 */
public record Checkpoint(EmbeddingTable input, HeapMatrix output, WordSplitter splitter, Map<String, Object> state,
                         CharNgrams ngrams, HeapMatrix buckets) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LATEST = "latest";
    private static final String MODEL = "model";
    private static final String OUTPUT = "output.safetensors";
    private static final String OUTPUT_TENSOR = "output.weight";
    private static final String STATE = "state.json";
    private static final String SUBWORDS = SubwordModelFiles.CONFIG_KEY;
    private static final String BUCKETS = "buckets.safetensors";
    private static final String BUCKETS_TENSOR = "buckets.weight";

    public Checkpoint {
        if ((ngrams == null) != (buckets == null)) {
            throw new IllegalArgumentException("a checkpoint has both the n-gram settings and the bucket rows, or neither");
        }
        if (state.containsKey(SUBWORDS)) {
            throw new IllegalArgumentException("'" + SUBWORDS + "' in a checkpoint's state is the n-gram settings' own");
        }
    }

    /** A checkpoint of a run of words only. */
    public Checkpoint(EmbeddingTable input, HeapMatrix output, WordSplitter splitter, Map<String, Object> state) {
        this(input, output, splitter, state, null, null);
    }

    /** Writes this checkpoint as number {@code step} in {@code dir}, then makes it the latest. */
    public void save(Path dir, long step) {
        String name = "step-%015d".formatted(step);
        try {
            Files.createDirectories(dir);
            Map<String, Object> written = new LinkedHashMap<>(state);
            if (ngrams != null) {
                written.put(SUBWORDS, SubwordModelFiles.settings(ngrams));
            }
            String stateJson = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(written);
            AtomicFiles.writeDirectory(dir.resolve(name), temp -> {
                ModelDirectory.save(input, ModelConfig.forTable(input, splitter), temp.resolve(MODEL));
                SafetensorsFile.write(temp.resolve(OUTPUT), Map.of(OUTPUT_TENSOR, output));
                if (buckets != null) {
                    SafetensorsFile.write(temp.resolve(BUCKETS), Map.of(BUCKETS_TENSOR, buckets));
                }
                Files.writeString(temp.resolve(STATE), stateJson, StandardCharsets.UTF_8);
            });
            AtomicFiles.write(dir.resolve(LATEST), temp -> Files.writeString(temp, name + "\n"));
            deleteOlderThan(dir, name);
        } catch (IOException e) {
            throw new EmbedkitException("cannot write checkpoint in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The latest checkpoint in {@code dir}, copied to the heap so training can update it. */
    public static Checkpoint load(Path dir) {
        Path latest = dir.resolve(LATEST);
        if (!Files.isRegularFile(latest)) {
            throw new BadInputException(dir + " holds no checkpoint (no file '" + LATEST + "')");
        }
        try {
            Path step = dir.resolve(Files.readString(latest).strip());
            ModelDirectory model = ModelDirectory.open(step.resolve(MODEL));
            EmbeddingTable input = new EmbeddingTable(model.table().vocabulary(), model.table().weights().toHeap());
            HeapMatrix output = SafetensorsFile.open(step.resolve(OUTPUT)).tensor(OUTPUT_TENSOR).toHeap();
            Map<String, Object> state = JSON.readValue(step.resolve(STATE).toFile(), new TypeReference<>() { });
            Object recorded = state.remove(SUBWORDS);
            CharNgrams ngrams = recorded == null ? null : SubwordModelFiles.settings(recorded, step.resolve(STATE), SUBWORDS);
            HeapMatrix buckets = ngrams == null ? null
                    : SafetensorsFile.open(step.resolve(BUCKETS)).tensor(BUCKETS_TENSOR).toHeap();
            return new Checkpoint(input, output, model.config().splitter(), state, ngrams, buckets);
        } catch (IOException e) {
            throw new EmbedkitException("cannot read checkpoint in " + dir + ": " + e.getMessage(), e);
        }
    }

    private static void deleteOlderThan(Path dir, String keep) throws IOException {
        List<Path> old;
        try (Stream<Path> entries = Files.list(dir)) {
            old = entries.filter(p -> p.getFileName().toString().startsWith("step-")
                    && p.getFileName().toString().compareTo(keep) < 0).toList();
        }
        for (Path step : old) {
            try (Stream<Path> walk = Files.walk(step)) {
                for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }
}
