package dev.embedkit.cli;

import dev.embedkit.BadInputException;
import dev.embedkit.embed.EmbeddingTable;
import dev.embedkit.search.NeighborIndex;
import dev.embedkit.story.OffsetDirections.WordPair;
import dev.embedkit.story.TieExperiment;
import dev.embedkit.story.Tour;
import dev.embedkit.story.TourResult;
import dev.embedkit.story.TourSettings;
import dev.embedkit.story.TourStep;
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
 * its numbers and a plot, computed by {@link Tour} exactly as the server's tour endpoint computes them. Steps are
 * numbered as the claims; 5 (learned, not defined) reads the training log that {@code train --log} wrote, so it runs
 * when {@code --log} is given.
 */
@Command(name = "tour", description = {
        "Check the embedding story on MODEL, with numbers and plots (PNG in --output):",
        "  ids         1. IDs carry no meaning: adjacent IDs are no more alike than random pairs",
        "  lookup      2. lookup is indexing: the row, bit for bit, and the one-hot product it saves",
        "  directions  3. directions carry meaning: offsets of like pairs are parallel",
        "  tensor      4. from text to tensor: tokens → IDs → rows → stacked matrix",
        "  learned     5. learned, not defined: watched pairs' cosine over training (needs --log)",
        "  lineup      6. the return trip: an output vector scored against every row, at several temperatures",
        "  duplicates  7. why no duplicates: every token's nearest neighbour stays below cosine 1; with --corpus,",
        "              two tokens tied to one vector, trained briefly, released (the loss rises, the rows part)",
        "  space       8. high-dimensional space is vast: random directions are nearly orthogonal",
        "Give STEP names to run only those; all by default. Claim 5 (learned, not defined) is read from a training",
        "log: the explorer's guided tour plots it (serve MODEL --watch-log LOG)."})
final class TourCommand extends BaseCommand {

    @Parameters(index = "0", paramLabel = "MODEL", description = "Model directory or vector file.")
    Path model;

    /** The name of step 5, which reads a training log instead of the table and so is no {@link TourStep}. */
    private static final String LEARNED = "learned";

    @Parameters(index = "1..*", paramLabel = "STEP", description = "Steps to run (default: all).")
    List<String> steps = new ArrayList<>();

    @Option(names = {"-o", "--output"}, defaultValue = "tour", paramLabel = "DIR",
            description = "Folder for the plots (default: ${DEFAULT-VALUE}).")
    Path output;

    @Option(names = "--pairs", split = ",", paramLabel = "A:B",
            defaultValue = TourSettings.DEFAULT_PAIRS,
            description = "Word pairs for the directions step; those not in the vocabulary are skipped (default: ${DEFAULT-VALUE}).")
    List<String> pairs;

    @Option(names = "--id", description = "Token ID for the lookup step (default: 104, or the last ID of a smaller table).")
    Integer id;

    @Option(names = "--text", defaultValue = TourSettings.DEFAULT_TEXT,
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

    @Option(names = "--corpus", paramLabel = "FILE|bundled",
            description = "Corpus for the duplicates step's experiment: tie two tokens to one vector, train briefly,"
                    + " compare the loss with the untied run, release them (default: no experiment).")
    String corpus;

    @Option(names = "--tie", paramLabel = "A:B",
            description = "The two tokens to tie (default: the:and, or the corpus's two most frequent tokens).")
    String tie;

    @Option(names = "--tie-steps", defaultValue = "" + TourSettings.DEFAULT_TIE_STEPS, paramLabel = "N",
            description = "Steps the pair stays tied; as many follow after the release (default: ${DEFAULT-VALUE}).")
    int tieSteps;

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
        LoadedModel loaded = LoadedModel.open(model, tokenizerOptions);
        EmbeddingTable table = loaded.table();
        WordPair tiePair = tie == null ? null : TourSettings.parsePairs(List.of(tie)).getFirst();
        TourSettings settings = new TourSettings(samples, seed, maxTokens, k, TourSettings.parsePairs(pairs), id, text,
                expr, tiePair, tieSteps);
        Set<TourStep> chosen = EnumSet.noneOf(TourStep.class);
        steps.stream().filter(name -> !name.equalsIgnoreCase(LEARNED))
                .forEach(name -> chosen.add(TourStep.parse(name.toLowerCase(Locale.ROOT))));
        boolean learned = steps.isEmpty() || steps.stream().anyMatch(LEARNED::equalsIgnoreCase);
        if (steps.isEmpty()) {
            chosen.addAll(EnumSet.allOf(TourStep.class));
        }
        TieExperiment experiment = corpus != null && chosen.contains(TourStep.DUPLICATES) ? TourCorpus.open(corpus) : null;
        Tour tour = new Tour(new NeighborIndex(table), loaded.tokenizer(), loaded.unembedding(), settings, experiment);
        Files.createDirectories(output);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("model", model.toString());
        json.put("vocab_size", table.vocabularySize());
        json.put("dim", table.dim());
        TourText printer = new TourText(out(), table);
        if (!format.json()) {
            out().printf(Locale.ROOT, "tour of %s (V=%,d, d=%d); plots in %s%n", model, table.vocabularySize(),
                    table.dim(), output);
        }
        for (TourStep step : chosen) {
            if (learned && step.number() > 5) {
                learned(loaded, json);
                learned = false;
            }
            TourResult result = tour.compute(step);
            json.put(step.slug(), result);
            List<Path> plots = TourCharts.plot(output, step, result);
            if (!format.json()) {
                out().printf("%n%d. %s%n", step.number(), step.title());
                printer.print(result);
                if (!plots.isEmpty()) {
                    out().printf("   plot%s: %s%n", plots.size() > 1 ? "s" : "",
                            String.join(", ", plots.stream().map(Path::toString).toList()));
                }
            }
        }
        if (learned) {
            learned(loaded, json);
        }
        if (format.json()) {
            Json.print(out(), json);
        }
    }

    /** Step 5 when there is a --log; asked for by name without one it is an error, else skipped with a note. */
    private void learned(LoadedModel loaded, Map<String, Object> json) {
        if (log == null) {
            if (!steps.isEmpty()) {
                throw new BadInputException("the learned step reads the training log: give --log LOG (train --log wrote it)");
            }
            if (!format.json()) {
                out().printf("%n5. Learned, not defined%n");
                out().println("   skipped: give --log LOG, the training log of this model (train --log LOG --watch A:B)");
            }
            return;
        }
        json.put(LEARNED, new LearnedStep(loaded, k).run(log, output.resolve("5-learned.png"), format.json() ? null : out()));
    }
}
