package dev.embedkit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.embedkit.BadInputException;
import dev.embedkit.embed.Cosine;
import dev.embedkit.embed.EmbeddingTable;
import dev.embedkit.embed.Initializer;
import dev.embedkit.embed.TokenComposedVectors;
import dev.embedkit.io.IoErrors;
import dev.embedkit.io.ModelDirectory;
import dev.embedkit.search.Neighbor;
import dev.embedkit.search.NeighborIndex;
import dev.embedkit.tensor.FloatMatrix;
import dev.embedkit.train.watch.WatchedPairs;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The tour's step 5, "learned, not defined": the cosine of each watched pair ({@code train --watch}) as the
 * training log recorded it at every report, from the random initial table (reproduced from the seed recorded in
 * the model's config) to the trained one, and the watched words' nearest neighbours at the start and at the end.
 */
final class LearnedStep {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SPARKS = "▁▂▃▄▅▆▇█";

    /** One watched pair over the run: the cosine in the initial table (NaN if unknown), then at each report. */
    record PairSeries(String pair, double start, List<Long> words, List<Double> cosines) {
    }

    private final LoadedModel loaded;
    private final int k;

    LearnedStep(LoadedModel loaded, int k) {
        this.loaded = loaded;
        this.k = k;
    }

    /** Reads the log, prints the step (unless {@code out} is null) and returns its data. */
    Map<String, Object> run(Path log, Path plot, PrintWriter out) {
        EmbeddingTable trained = loaded.table();
        EmbeddingTable initial = initialTable(trained);
        Map<String, PairSeries> series = read(log, initial);
        Map<String, List<double[]>> lines = new LinkedHashMap<>();
        series.values().forEach(s -> {
            List<double[]> points = new ArrayList<>();
            if (!Double.isNaN(s.start())) {
                points.add(new double[] {0, s.start()});
            }
            for (int i = 0; i < s.words().size(); i++) {
                points.add(new double[] {s.words().get(i), s.cosines().get(i)});
            }
            lines.put(s.pair(), points);
        });
        TourCharts.lines(plot, "Cosine of watched pairs during training", "corpus words processed", "cosine", lines);
        Set<String> words = new LinkedHashSet<>();
        series.keySet().forEach(pair -> words.addAll(List.of(pair.split(":", 2))));
        Map<String, Object> neighbours = new LinkedHashMap<>();
        for (String word : words) {
            Map<String, Object> both = new LinkedHashMap<>();
            if (initial != null) {
                both.put("start", nearest(initial, word));
            }
            both.put("end", nearest(trained, word));
            neighbours.put(word, both);
        }
        if (out != null) {
            print(out, log, series, neighbours, initial != null, plot);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("log", log.toString());
        result.put("pairs", series.values());
        result.put("neighbors", neighbours);
        result.put("plot", plot.toString());
        return result;
    }

    /** Each pair's series from the log's "watch" fields; the start from the initial table. */
    private Map<String, PairSeries> read(Path log, EmbeddingTable initial) {
        List<String> lines;
        try {
            lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw IoErrors.wrap(log, e);
        }
        Map<String, PairSeries> series = new LinkedHashMap<>();
        for (int n = 0; n < lines.size(); n++) {
            if (lines.get(n).isBlank()) {
                continue;
            }
            JsonNode line;
            try {
                line = JSON.readTree(lines.get(n));
            } catch (IOException e) {
                throw new BadInputException(log + " line " + (n + 1) + " is not JSON: " + e.getMessage());
            }
            JsonNode watch = line.get(WatchedPairs.LOG_FIELD);
            if (watch == null || !watch.isObject()) {
                continue;
            }
            long words = line.path("words").asLong();
            for (var entry : watch.properties()) {
                PairSeries s = series.computeIfAbsent(entry.getKey(), pair -> new PairSeries(pair,
                        initial == null ? Double.NaN : cosine(initial, pair), new ArrayList<>(), new ArrayList<>()));
                s.words().add(words);
                s.cosines().add(entry.getValue().asDouble());
            }
        }
        if (series.isEmpty()) {
            throw new BadInputException(log + " records no watched pairs (\"" + WatchedPairs.LOG_FIELD + "\"): train with"
                    + " --log FILE and --watch A:B, or on a vocabulary holding cat, dog, king and queen");
        }
        return series;
    }

    /**
     * The table before training, reproduced from the seed and dimension recorded in config.json (word2vec's
     * uniform initialisation); null for a model without that record.
     */
    private EmbeddingTable initialTable(EmbeddingTable trained) {
        if (!loaded.format().equals("model")) {
            return null;
        }
        Object training = ModelDirectory.open(loaded.path()).config().extra().get("training");
        if (!(training instanceof Map<?, ?> settings) || !(settings.get("seed") instanceof Number seed)
                || settings.containsKey("context")) { // the next-token model initialises otherwise
            return null;
        }
        return new EmbeddingTable(trained.vocabulary(), new Initializer.Word2VecUniform()
                .create(trained.vocabularySize(), trained.dim(), seed.longValue()));
    }

    /** A word's IDs as training resolved it: one token, or for a subword model the tokens it is composed of. */
    private int[] ids(String word) {
        var tokenizer = loaded.subwordTokenizer();
        if (tokenizer.isPresent()) {
            return TokenComposedVectors.ids(tokenizer.get(), loaded.table().vocabulary(), word);
        }
        int id = loaded.table().vocabulary().find(word);
        if (id < 0) {
            throw new BadInputException("watched word '" + word + "' is not in the vocabulary of " + loaded.path());
        }
        return new int[] {id};
    }

    private double cosine(EmbeddingTable table, String pair) {
        String[] words = pair.split(":", 2);
        return Cosine.between(vector(table.weights(), words[0]), vector(table.weights(), words[1]));
    }

    private float[] vector(FloatMatrix rows, String word) {
        return TokenComposedVectors.mean(rows, ids(word));
    }

    private List<Neighbor> nearest(EmbeddingTable table, String word) {
        int[] ids = ids(word);
        Set<Integer> exclude = ids.length == 1 ? Set.of(ids[0]) : Set.of();
        return loaded.readable(new NeighborIndex(table).nearest(vector(table.weights(), word), k, exclude));
    }

    private void print(PrintWriter out, Path log, Map<String, PairSeries> series, Map<String, Object> neighbours,
                       boolean withStart, Path plot) {
        out.printf("%n5. Learned, not defined%n");
        out.printf("   cosine of each watched pair at every report of %s%s%n", log,
                withStart ? "; start = the random initial table, reproduced from the model's seed" : "");
        for (PairSeries s : series.values()) {
            List<Double> all = new ArrayList<>();
            if (withStart) {
                all.add(s.start());
            }
            all.addAll(s.cosines());
            out.printf(Locale.ROOT, "   %-20s %s  %s → %s%n", s.pair(), sparkline(all), format(all.getFirst()),
                    format(all.getLast()));
            out.printf("   %-20s %s%n", "", samples(s, withStart));
        }
        for (var entry : neighbours.entrySet()) {
            @SuppressWarnings("unchecked")
            Map<String, List<Neighbor>> both = (Map<String, List<Neighbor>>) entry.getValue();
            if (both.containsKey("start")) {
                out.printf("   nearest to '%s' at the start: %s%n", entry.getKey(), tokens(both.get("start")));
            }
            out.printf("   nearest to '%s' at the end:   %s%n", entry.getKey(), tokens(both.get("end")));
        }
        out.printf("   plot: %s%n", plot);
    }

    /** Up to 6 evenly spaced points of the series as "words: cosine". */
    private static String samples(PairSeries s, boolean withStart) {
        List<String> shown = new ArrayList<>();
        if (withStart) {
            shown.add("0: " + format(s.start()));
        }
        int n = s.cosines().size();
        int count = Math.min(n, withStart ? 5 : 6);
        for (int i = 0; i < count; i++) {
            int at = count == 1 ? n - 1 : (int) Math.round(i * (n - 1) / (double) (count - 1));
            shown.add(String.format(Locale.ROOT, "%,d: %s", s.words().get(at), format(s.cosines().get(at))));
        }
        return "(words: cosine) " + String.join("  ", shown);
    }

    /** The values as bars ▁..█ over the range −1..1, one per value, at most 60 (evenly spaced). */
    static String sparkline(List<Double> values) {
        StringBuilder line = new StringBuilder();
        int width = Math.min(60, values.size());
        for (int i = 0; i < width; i++) {
            int at = width == 1 ? 0 : (int) Math.round(i * (values.size() - 1) / (double) (width - 1));
            double unit = (Math.max(-1, Math.min(1, values.get(at))) + 1) / 2;
            line.append(SPARKS.charAt((int) Math.min(SPARKS.length() - 1, Math.floor(unit * SPARKS.length()))));
        }
        return line.toString();
    }

    private static String format(double cosine) {
        return String.format(Locale.ROOT, "%+.3f", cosine);
    }

    private static String tokens(List<Neighbor> neighbors) {
        return String.join(", ", neighbors.stream().map(n -> String.format(Locale.ROOT, "%s %.2f", n.token(),
                n.score())).toList());
    }
}
