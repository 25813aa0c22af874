package dev.embedkit.cli;

import dev.embedkit.BadInputException;
import dev.embedkit.embed.EmbeddingTable;
import dev.embedkit.embed.Initializer;
import dev.embedkit.embed.TokenScore;
import dev.embedkit.embed.Unembedding;
import dev.embedkit.search.NeighborIndex;
import dev.embedkit.search.VectorExpression;
import dev.embedkit.story.Distribution;
import dev.embedkit.story.IdAdjacency;
import dev.embedkit.story.LookupCheck;
import dev.embedkit.story.NearestNeighbourSpread;
import dev.embedkit.story.OffsetDirections;
import dev.embedkit.story.OffsetDirections.WordPair;
import dev.embedkit.story.RandomCosines;
import dev.embedkit.tensor.HeapMatrix;
import dev.embedkit.tokenize.Tokenizer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code embedkit tour MODEL [STEP…]}: the claims of the embedding story checked on the user's own model, each with
 * its numbers and a plot. Steps are numbered as the claims; 5 (learned, not defined) reads the training log that
 * {@code train --log} wrote, so it runs when {@code --log} is given.
 */
@Command(name = "tour", description = {
        "Check the embedding story on MODEL, with numbers and plots (PNG in --output):",
        "  ids         1. IDs carry no meaning: adjacent IDs are no more alike than random pairs",
        "  lookup      2. lookup is indexing: the row, bit for bit, and the one-hot product it saves",
        "  directions  3. directions carry meaning: offsets of like pairs are parallel",
        "  tensor      4. from text to tensor: tokens → IDs → rows → stacked matrix",
        "  learned     5. learned, not defined: watched pairs' cosine over training (needs --log)",
        "  lineup      6. the return trip: an output vector scored against every row, at several temperatures",
        "  duplicates  7. why no duplicates: every token's nearest neighbour stays below cosine 1",
        "  space       8. high-dimensional space is vast: random directions are nearly orthogonal",
        "Give STEP names to run only those; all by default."})
final class TourCommand extends BaseCommand {

    enum Step { IDS, LOOKUP, DIRECTIONS, TENSOR, LEARNED, LINEUP, DUPLICATES, SPACE }

    private static final int[] SPACE_DIMS = {2, 16, 128, 768, 4096};

    @Parameters(index = "0", paramLabel = "MODEL", description = "Model directory or vector file.")
    Path model;

    @Parameters(index = "1..*", paramLabel = "STEP", description = "Steps to run (default: all).")
    List<Step> steps = new ArrayList<>();

    @Option(names = {"-o", "--output"}, defaultValue = "tour", paramLabel = "DIR",
            description = "Folder for the plots (default: ${DEFAULT-VALUE}).")
    Path output;

    @Option(names = "--pairs", split = ",", paramLabel = "A:B",
            defaultValue = "man:woman,king:queen,he:she,father:mother,brother:sister,son:daughter,boy:girl",
            description = "Word pairs for the directions step; those not in the vocabulary are skipped (default: ${DEFAULT-VALUE}).")
    List<String> pairs;

    @Option(names = "--id", description = "Token ID for the lookup step (default: 104, or the last ID of a smaller table).")
    Integer id;

    @Option(names = "--text", defaultValue = "the king said unto the queen",
            description = "Sentence for the text-to-tensor step (default: ${DEFAULT-VALUE}).")
    String text;

    @Option(names = "--expr", description = "Output vector for the lineup step, e.g. \"king - man + woman\""
            + " (default: that if its words are known, else the row of the first directions word).")
    String expr;

    @Option(names = "--samples", defaultValue = "5000",
            description = "Pairs sampled per distribution (default: ${DEFAULT-VALUE}).")
    int samples;

    @Option(names = "--max-tokens", defaultValue = "10000",
            description = "Tokens whose nearest neighbour the duplicates step finds (default: ${DEFAULT-VALUE}).")
    int maxTokens;

    @Option(names = "--log", paramLabel = "LOG",
            description = "The JSON-lines training log of MODEL (train --log), for the learned step.")
    Path log;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of every sample (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = {"-k", "--top"}, defaultValue = "5", description = "Tokens shown in lists (default: ${DEFAULT-VALUE}).")
    int k;

    @Mixin
    OutputFormat format;

    @Mixin
    TokenizerOptions tokenizerOptions;

    @Override
    protected void run() throws IOException {
        if (samples < 2) {
            throw new BadInputException("--samples must be at least 2, got " + samples);
        }
        LoadedModel loaded = LoadedModel.open(model, tokenizerOptions);
        EmbeddingTable table = loaded.table();
        NeighborIndex index = new NeighborIndex(table);
        Set<Step> chosen = steps.isEmpty() ? EnumSet.allOf(Step.class) : EnumSet.copyOf(steps);
        Files.createDirectories(output);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("model", model.toString());
        json.put("vocab_size", table.vocabularySize());
        json.put("dim", table.dim());
        if (!format.json()) {
            out().printf(Locale.ROOT, "tour of %s (V=%,d, d=%d); plots in %s%n", model, table.vocabularySize(),
                    table.dim(), output);
        }
        if (chosen.contains(Step.IDS)) {
            json.put("ids", ids(table, index));
        }
        if (chosen.contains(Step.LOOKUP)) {
            json.put("lookup", lookup(table));
        }
        if (chosen.contains(Step.DIRECTIONS)) {
            json.put("directions", directions(index));
        }
        if (chosen.contains(Step.TENSOR)) {
            json.put("tensor", tensor(table, loaded.tokenizer()));
        }
        if (chosen.contains(Step.LEARNED)) {
            learned(loaded, !steps.isEmpty()).ifPresent(result -> json.put("learned", result));
        }
        if (chosen.contains(Step.LINEUP)) {
            json.put("lineup", lineup(table));
        }
        if (chosen.contains(Step.DUPLICATES)) {
            json.put("duplicates", duplicates(index));
        }
        if (chosen.contains(Step.SPACE)) {
            json.put("space", space(index));
        }
        if (format.json()) {
            Json.print(out(), json);
        }
    }

    private Map<String, Object> ids(EmbeddingTable table, NeighborIndex index) {
        IdAdjacency trained = IdAdjacency.of(index, samples, seed);
        EmbeddingTable noise = new EmbeddingTable(table.vocabulary(),
                new Initializer.Word2VecUniform().create(table.vocabularySize(), table.dim(), seed));
        IdAdjacency untrained = IdAdjacency.of(new NeighborIndex(noise), samples, seed);
        Path plot = output.resolve("1-ids.png");
        Map<String, Distribution> series = new LinkedHashMap<>();
        series.put("this model: adjacent IDs", trained.adjacent());
        series.put("this model: random pairs", trained.random());
        series.put("random init: adjacent IDs", untrained.adjacent());
        series.put("random init: random pairs", untrained.random());
        TourCharts.histograms(plot, "Cosine of rows: adjacent IDs (i, i+1) vs random pairs", "cosine", series, -1, 1);
        if (!format.json()) {
            heading("1. IDs carry no meaning");
            out().printf(Locale.ROOT, "   cosine of the rows of adjacent IDs (i, i+1) and of random pairs, %,d pairs each%n",
                    trained.random().count());
            out().printf("   %-20s %-18s %-18s %s%n", "", "adjacent IDs", "random pairs", "KS distance");
            for (var row : List.of(Map.entry("this model", trained), Map.entry("random init", untrained))) {
                IdAdjacency a = row.getValue();
                out().printf(Locale.ROOT, "   %-20s %-18s %-18s %.3f%n", row.getKey(), meanSd(a.adjacent()),
                        meanSd(a.random()), a.adjacent().ksDistance(a.random()));
            }
            out().printf(Locale.ROOT, "   gap (adjacent − random mean): %+.4f in this model, %+.4f at random init. IDs are"
                    + " sorted by frequency,%n   so ID neighbours are frequency neighbours: a small gap is frequency, not"
                    + " meaning.%n", trained.meanGap(), untrained.meanGap());
            out().printf("   plot: %s%n", plot);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("adjacent", summary(trained.adjacent()));
        result.put("random", summary(trained.random()));
        result.put("untrained_adjacent", summary(untrained.adjacent()));
        result.put("untrained_random", summary(untrained.random()));
        result.put("mean_gap", trained.meanGap());
        result.put("plot", plot.toString());
        return result;
    }

    private Map<String, Object> lookup(EmbeddingTable table) {
        int chosen = id != null ? id : Math.min(104, table.vocabularySize() - 1);
        LookupCheck check = LookupCheck.of(table, chosen);
        long multiplies = (long) table.vocabularySize() * table.dim();
        if (!format.json()) {
            heading("2. Lookup is indexing");
            out().printf("   ID %d '%s': lookup(%d) equals row %d of E bit for bit: %s%n", chosen,
                    table.vocabulary().token(chosen), chosen, chosen, check.lookupBitIdentical() ? "yes" : "NO");
            out().printf(Locale.ROOT, "   onehot(%d)ᵀ·E gives the same values; bits differ in %d of %d entries"
                    + " (only −0.0 can: 0 + (−0) = +0)%n", chosen, check.oneHotDiffering(), table.dim());
            out().printf(Locale.ROOT, "   cost: lookup %,.0f ns; one-hot product %,.0f ns (%,d multiply-adds, %,.0f× the"
                    + " lookup)%n", check.lookupNanos(), check.oneHotNanos(), multiplies,
                    check.oneHotNanos() / check.lookupNanos());
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("id", chosen);
        result.put("token", table.vocabulary().token(chosen));
        result.put("lookup_bit_identical", check.lookupBitIdentical());
        result.put("one_hot_differing_bits", check.oneHotDiffering());
        result.put("lookup_ns", check.lookupNanos());
        result.put("one_hot_ns", check.oneHotNanos());
        result.put("one_hot_multiply_adds", multiplies);
        return result;
    }

    private Map<String, Object> directions(NeighborIndex index) {
        List<WordPair> known = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (String pair : pairs) {
            String[] words = pair.split(":", -1);
            if (words.length != 2 || words[0].isEmpty() || words[1].isEmpty()) {
                throw new BadInputException("--pairs entry '" + pair + "' is not of the form A:B");
            }
            boolean inVocabulary = index.table().vocabulary().contains(words[0])
                    && index.table().vocabulary().contains(words[1]);
            if (inVocabulary) {
                known.add(new WordPair(words[0], words[1]));
            } else {
                skipped.add(pair);
            }
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("skipped", skipped);
        if (known.size() < 2) {
            if (!format.json()) {
                heading("3. Directions carry meaning");
                out().printf("   skipped: fewer than 2 of the pairs %s are in the vocabulary (give others with --pairs)%n", pairs);
            }
            return result;
        }
        OffsetDirections directions = OffsetDirections.of(index, known, samples, seed);
        List<String> words = new ArrayList<>();
        for (WordPair pair : known) {
            words.add(pair.a());
            words.add(pair.b());
        }
        List<OffsetDirections.Projection> projections = OffsetDirections.project(index, known.getFirst(), words);
        Map<String, Double> bars = new LinkedHashMap<>();
        projections.forEach(p -> bars.put(p.word(), p.value()));
        Path plot = output.resolve("3-directions.png");
        TourCharts.bars(plot, "Projection onto " + known.getFirst().a() + " → " + known.getFirst().b(),
                "scalar projection of the unit vector", TourCharts.single("projection", bars));
        if (!format.json()) {
            heading("3. Directions carry meaning");
            out().printf("   offsets b − a of unit vectors for %s%s%n", describe(known),
                    skipped.isEmpty() ? "" : " (not in the vocabulary: " + String.join(", ", skipped) + ")");
            out().printf(Locale.ROOT, "   mean cosine between the offsets of different pairs: %.3f; between offsets of random"
                    + " word pairs: %s%n", directions.meanOffsetCosine(), meanSd(directions.randomCosines()));
            for (int i = 0; i < known.size(); i++) {
                StringBuilder row = new StringBuilder();
                for (int j = 0; j < known.size(); j++) {
                    row.append(String.format(Locale.ROOT, " %6.3f", directions.offsetCosines()[i][j]));
                }
                out().printf("   %-22s%s%n", known.get(i).a() + " → " + known.get(i).b(), row);
            }
            out().printf("   along %s → %s: %s%n", known.getFirst().a(), known.getFirst().b(), String.join(", ",
                    projections.stream().map(p -> String.format(Locale.ROOT, "%s %+.3f", p.word(), p.value())).toList()));
            out().printf("   plot: %s%n", plot);
        }
        result.put("pairs", known);
        result.put("offset_cosines", directions.offsetCosines());
        result.put("mean_offset_cosine", directions.meanOffsetCosine());
        result.put("random_offset_cosines", summary(directions.randomCosines()));
        result.put("projection_axis", known.getFirst());
        result.put("projections", projections);
        result.put("plot", plot.toString());
        return result;
    }

    private Map<String, Object> tensor(EmbeddingTable table, Tokenizer tokenizer) {
        int[] ids = tokenizer.encode(text);
        List<String> tokens = tokenizer.tokenize(text);
        HeapMatrix stacked = table.lookup(ids); // (n, d)
        if (!format.json()) {
            heading("4. From text to tensor");
            EmbedCommand.printWalk(out(), new MatrixPrinter(4, 6), table, text, tokens, ids, stacked);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("text", text);
        result.put("tokens", tokens);
        result.put("ids", ids);
        result.put("shape", new int[] {stacked.rows(), stacked.cols()});
        return result;
    }

    private Map<String, Object> lineup(EmbeddingTable table) {
        String expression = expr != null ? expr : defaultExpression(table);
        float[] h = VectorExpression.parse(expression).sum(table);
        Unembedding unembedding = Unembedding.tied(table);
        Map<String, Map<String, Double>> bars = new LinkedHashMap<>();
        Map<String, Object> byTemperature = new LinkedHashMap<>();
        if (!format.json()) {
            heading("6. The return trip");
            out().printf(Locale.ROOT, "   h = %s; logits = h·Eᵀ over all %,d rows, softmax at three temperatures:%n",
                    expression, table.vocabularySize());
        }
        for (double temperature : new double[] {0.5, 1.0, 2.0}) {
            List<TokenScore> top = unembedding.topK(h, k, temperature);
            Map<String, Double> probabilities = new LinkedHashMap<>();
            top.forEach(s -> probabilities.put(s.token(), s.probability()));
            bars.put("T = " + temperature, probabilities);
            byTemperature.put(Double.toString(temperature), top);
            if (!format.json()) {
                out().printf("   temperature %s%n", temperature);
                UnembedCommand.printScores(out(), top);
            }
        }
        Path plot = output.resolve("6-lineup.png");
        TourCharts.bars(plot, "The lineup for " + expression, "probability", bars);
        if (!format.json()) {
            out().printf("   lower temperature sharpens the winner's share, higher flattens it; the ranking stays.%n");
            out().printf("   plot: %s%n", plot);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("expression", expression);
        result.put("top_by_temperature", byTemperature);
        result.put("plot", plot.toString());
        return result;
    }

    private String defaultExpression(EmbeddingTable table) {
        if (table.vocabulary().contains("king") && table.vocabulary().contains("man")
                && table.vocabulary().contains("woman")) {
            return "king - man + woman";
        }
        return table.vocabulary().token(Math.min(104, table.vocabularySize() - 1));
    }

    private Map<String, Object> duplicates(NeighborIndex index) {
        NearestNeighbourSpread spread = NearestNeighbourSpread.of(index, maxTokens, 10);
        Path plot = output.resolve("7-duplicates.png");
        TourCharts.histograms(plot, "Cosine of each token to its nearest other token", "cosine",
                Map.of("nearest neighbour", spread.nearest()), -1, 1);
        if (!format.json()) {
            heading("7. Why no duplicates");
            out().printf(Locale.ROOT, "   each of the first %,d tokens' cosine to its nearest other token: %s, median %.3f,"
                    + " max %.3f%n", spread.queried(), meanSd(spread.nearest()), spread.nearest().quantile(0.5),
                    spread.nearest().max());
            out().printf("   closest pairs: %s%n", String.join(", ", spread.closestPairs().stream()
                    .map(p -> String.format(Locale.ROOT, "%s~%s %.3f", p.a(), p.b(), p.cosine())).toList()));
            out().printf("   distinct tokens keep distinct rows: the loss pulls a token toward its contexts and pushes"
                    + " it from others,%n   so two tokens used differently cannot share a vector. plot: %s%n", plot);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("queried", spread.queried());
        result.put("nearest", summary(spread.nearest()));
        result.put("closest_pairs", spread.closestPairs());
        result.put("plot", plot.toString());
        return result;
    }

    private Map<String, Object> space(NeighborIndex index) {
        Map<String, Distribution> series = new LinkedHashMap<>();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int d : SPACE_DIMS) {
            Distribution cosines = RandomCosines.of(d, Math.min(samples, 2000), seed);
            series.put("random, d = " + d, cosines);
            rows.add(spaceRow("random Gaussian", d, cosines));
        }
        Distribution model = IdAdjacency.of(index, samples, seed).random();
        series.put("this model's random pairs (d = " + index.table().dim() + ")", model);
        rows.add(spaceRow("this model", index.table().dim(), model));
        Path plot = output.resolve("8-space.png");
        TourCharts.histograms(plot, "Cosine of random pairs of directions", "cosine", series, -1, 1);
        if (!format.json()) {
            heading("8. High-dimensional space is vast");
            out().printf("   %-16s %6s %9s %9s %9s %12s%n", "vectors", "d", "mean", "sd", "1/√d", "max |cos|");
            for (Map<String, Object> row : rows) {
                out().printf(Locale.ROOT, "   %-16s %6d %9.4f %9.4f %9.4f %12.4f%n", row.get("vectors"), row.get("dim"),
                        row.get("mean"), row.get("sd"), row.get("one_over_sqrt_d"), row.get("max_abs"));
            }
            out().printf("   random directions are nearly orthogonal, the more so the larger d; trained rows are more"
                    + " alike than random%n   ones (they share frequent-word directions) but still far from"
                    + " crowding. plot: %s%n", plot);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("rows", rows);
        result.put("plot", plot.toString());
        return result;
    }

    private static Map<String, Object> spaceRow(String vectors, int dim, Distribution cosines) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("vectors", vectors);
        row.put("dim", dim);
        row.put("mean", cosines.mean());
        row.put("sd", cosines.standardDeviation());
        row.put("one_over_sqrt_d", 1 / Math.sqrt(dim));
        row.put("max_abs", Math.max(Math.abs(cosines.min()), Math.abs(cosines.max())));
        return row;
    }

    /** Step 5 when there is a --log; asked for by name without one it is an error, else skipped with a note. */
    private java.util.Optional<Map<String, Object>> learned(LoadedModel loaded, boolean named) {
        if (log == null) {
            if (named) {
                throw new BadInputException("the learned step reads the training log: give --log LOG (train --log wrote it)");
            }
            if (!format.json()) {
                heading("5. Learned, not defined");
                out().println("   skipped: give --log LOG, the training log of this model (train --log LOG --watch A:B)");
            }
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new LearnedStep(loaded, k).run(log, output.resolve("5-learned.png"),
                format.json() ? null : out()));
    }

    private void heading(String title) {
        out().printf("%n%s%n", title);
    }

    private static String describe(List<WordPair> pairs) {
        return String.join(", ", pairs.stream().map(p -> p.a() + " → " + p.b()).toList());
    }

    private static String meanSd(Distribution d) {
        return String.format(Locale.ROOT, "%.3f ± %.3f", d.mean(), d.standardDeviation());
    }

    /** A distribution as JSON: summary statistics and a 40-bin histogram over [−1, 1]. */
    private static Map<String, Object> summary(Distribution d) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("count", d.count());
        summary.put("mean", d.mean());
        summary.put("sd", d.standardDeviation());
        summary.put("min", d.min());
        summary.put("q25", d.quantile(0.25));
        summary.put("median", d.quantile(0.5));
        summary.put("q75", d.quantile(0.75));
        summary.put("max", d.max());
        summary.put("histogram_range", new double[] {-1, 1});
        summary.put("histogram", d.histogram(-1, 1, TourCharts.BINS));
        return summary;
    }
}
