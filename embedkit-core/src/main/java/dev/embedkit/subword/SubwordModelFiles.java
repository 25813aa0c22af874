package dev.embedkit.subword;

import dev.embedkit.BadInputException;
import dev.embedkit.FormatException;
import dev.embedkit.embed.WordVectors;
import dev.embedkit.io.ModelConfig;
import dev.embedkit.io.ModelDirectory;
import dev.embedkit.tensor.FloatMatrix;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A subword model as a model directory: "embedding.weight" holds the words' vectors (their rows averaged with
 * their n-grams', so every command reads it as a plain table), "subword.word_rows" the words' own rows and
 * "subword.bucket_rows" the rows of the buckets the vocabulary uses ({@link SubwordIndex}); config.json records
 * {@code "subwords": {"minn", "maxn", "buckets"}}. Opened, it gives out-of-vocabulary words their n-gram vectors.
 */
public final class SubwordModelFiles {
    public static final String CONFIG_KEY = "subwords";
    public static final String WORD_ROWS = "subword.word_rows";
    public static final String BUCKET_ROWS = "subword.bucket_rows";

    private SubwordModelFiles() {
    }

    /** Writes {@code vectors} as a model directory at {@code dir}, atomically, with {@code config}'s other settings. */
    public static void save(SubwordVectors vectors, ModelConfig config, Path dir) {
        if (!vectors.isCompact()) {
            // A fastText model's unused buckets hold their initial noise, which OOV vectors include: dropping
            // them would change those vectors, so such a model stays a .bin.
            throw new BadInputException("only a subword model embedkit trained is saved as a model directory with"
                    + " its n-grams; convert a fastText .bin to --to fasttext-bin, or to a table of word vectors");
        }
        Map<String, Object> extra = new LinkedHashMap<>(config.extra());
        CharNgrams ngrams = vectors.ngrams();
        extra.put(CONFIG_KEY, settings(ngrams));
        Map<String, FloatMatrix> more = new LinkedHashMap<>();
        more.put(WORD_ROWS, vectors.wordRows());
        more.put(BUCKET_ROWS, vectors.storedBucketRows());
        ModelDirectory.save(vectors.table(), config.withExtra(extra), dir, more);
    }

    /** The n-gram settings a model directory's config records, or null if it is not a subword model. */
    public static CharNgrams ngrams(ModelDirectory dir) {
        Object recorded = dir.config().extra().get(CONFIG_KEY);
        return recorded == null ? null : settings(recorded, dir.path().resolve(ModelDirectory.CONFIG), CONFIG_KEY);
    }

    /** {@code ngrams} as config.json (and a training checkpoint's state) records them: {"minn", "maxn", "buckets"}. */
    public static Map<String, Object> settings(CharNgrams ngrams) {
        Map<String, Object> settings = new LinkedHashMap<>(); // in this order, in every file and answer
        settings.put("minn", ngrams.minn());
        settings.put("maxn", ngrams.maxn());
        settings.put("buckets", ngrams.buckets());
        return settings;
    }

    /** The n-gram settings {@link #settings(CharNgrams)} recorded as {@code field} of the JSON file {@code file}. */
    public static CharNgrams settings(Object recorded, Path file, String field) {
        if (!(recorded instanceof Map<?, ?> map)) {
            throw FormatException.atField(file, field, "must be an object {\"minn\", \"maxn\", \"buckets\"}");
        }
        int[] values = new int[3];
        List<String> keys = List.of("minn", "maxn", "buckets");
        for (int i = 0; i < keys.size(); i++) {
            if (!(map.get(keys.get(i)) instanceof Number value) || value.doubleValue() != value.intValue()) {
                throw FormatException.atField(file, field + "." + keys.get(i), "must be an integer, got "
                        + map.get(keys.get(i)));
            }
            values[i] = value.intValue();
        }
        return new CharNgrams(values[0], values[1], values[2]);
    }

    /** The model's word vectors: n-gram vectors for unknown words if it is a subword model, else its table's rows. */
    public static WordVectors wordVectors(ModelDirectory dir) {
        CharNgrams ngrams = ngrams(dir);
        if (ngrams == null) {
            return WordVectors.of(dir.table());
        }
        return SubwordVectors.compact(dir.table().vocabulary(), dir.tensor(WORD_ROWS), dir.tensor(BUCKET_ROWS), ngrams,
                dir.table());
    }
}
