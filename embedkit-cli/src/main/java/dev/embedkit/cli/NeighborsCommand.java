package dev.embedkit.cli;

import dev.embedkit.BadInputException;
import dev.embedkit.embed.OovWords;
import dev.embedkit.embed.WordVector;
import dev.embedkit.search.Neighbor;
import dev.embedkit.search.NeighborIndex;
import dev.embedkit.tensor.HeapMatrix;
import dev.embedkit.search.NeighborSearch;
import dev.embedkit.search.ann.HnswIndex;
import dev.embedkit.search.ann.HnswSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** {@code embedkit neighbors MODEL WORD…}: the tokens whose rows point the same way (cosine top-k, exact or HNSW). */
@Command(name = "neighbors", aliases = "neighbours",
        description = {"Nearest tokens to each WORD by cosine similarity of their rows: exact search over all V rows,",
                "or --approximate through an HNSW graph built first (worth it for many queries on a large table)."})
final class NeighborsCommand extends BaseCommand {

    @Parameters(index = "0", paramLabel = "MODEL", description = "Model directory or vector file.")
    Path model;

    @Parameters(index = "1..*", arity = "0..*", paramLabel = "WORD",
            description = "Query words (tokens of the vocabulary; any word for a fastText .bin, from its n-grams).")
    List<String> words = new ArrayList<>();

    @Option(names = "--queries", paramLabel = "FILE", description = "Read more query words from FILE, one per line.")
    Path queries;

    @Option(names = {"-k", "--top"}, defaultValue = "10", description = "Neighbours per query (default: ${DEFAULT-VALUE}).")
    int k;

    @Option(names = "--approximate", description = "Search an HNSW graph (Lucene's) instead of every row.")
    boolean approximate;

    @Option(names = "--ef", paramLabel = "N", description = "With --approximate: candidates kept per query (default: 100).")
    Integer ef;

    @Option(names = "--hnsw-m", paramLabel = "M", description = "With --approximate: links per graph node (default: 16).")
    Integer maxConnections;

    @Option(names = "--beam-width", paramLabel = "N",
            description = "With --approximate: candidates kept while building (default: 100).")
    Integer beamWidth;

    @Mixin
    OutputFormat format;

    @Mixin
    TokenizerOptions tokenizerOptions;

    @Mixin
    CheckpointOptions checkpointOptions;

    /** id is -1 for an out-of-vocabulary word, whose vector comes from its n-grams (fastText models). */
    record Result(String query, int id, boolean oov, int ngrams, String search, List<Neighbor> neighbors) {
    }

    @Override
    protected void run() throws IOException {
        List<String> all = new ArrayList<>(words);
        if (queries != null) {
            for (String line : Files.readAllLines(queries, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    all.add(line.strip());
                }
            }
        }
        if (all.isEmpty()) {
            throw new BadInputException("give at least one query WORD or --queries FILE");
        }
        if (k < 1) {
            throw new BadInputException("-k must be at least 1, got " + k);
        }
        LoadedModel loaded = LoadedModel.open(model, tokenizerOptions, checkpointOptions);
        NeighborSearch index = search(new NeighborIndex(loaded.table()));
        List<WordVector> vectors = new ArrayList<>();
        HeapMatrix queryRows = HeapMatrix.zeros(all.size(), loaded.table().dim()); // (queries, dim)
        List<Set<Integer>> exclude = new ArrayList<>();
        for (int q = 0; q < all.size(); q++) {
            WordVector vector = OovWords.queryVector(loaded.words(), all.get(q));
            vectors.add(vector);
            queryRows.setRow(q, vector.values());
            exclude.add(vector.oov() ? Set.of() : Set.of(vector.id()));
        }
        List<List<Neighbor>> found = index.nearestBatch(queryRows, k, exclude);
        List<Result> results = new ArrayList<>();
        for (int q = 0; q < all.size(); q++) {
            WordVector v = vectors.get(q);
            results.add(new Result(all.get(q), v.id(), v.oov(), v.ngrams(), index.description(), found.get(q)));
        }
        if (format.json()) {
            Json.print(out(), results);
            return;
        }
        for (int q = 0; q < results.size(); q++) {
            Result result = results.get(q);
            String which = result.oov() ? vectors.get(q).note() : "(ID " + result.id() + loaded.tokenNote(result.id()) + ")";
            out().printf("nearest to '%s' %s, cosine similarity%s:%n", result.query(), which,
                    approximate ? ", " + result.search() : "");
            printNeighbors(out(), loaded.readable(result.neighbors()));
        }
    }

    private NeighborSearch search(NeighborIndex exact) {
        if (!approximate) {
            if (ef != null || maxConnections != null || beamWidth != null) {
                throw new BadInputException("--ef, --hnsw-m and --beam-width need --approximate");
            }
            return exact;
        }
        HnswSettings defaults = HnswSettings.defaults();
        return HnswIndex.build(exact, new HnswSettings(maxConnections != null ? maxConnections : defaults.maxConnections(),
                beamWidth != null ? beamWidth : defaults.beamWidth(), ef != null ? ef : defaults.ef(), defaults.threads()));
    }

    static void printNeighbors(java.io.PrintWriter out, List<Neighbor> neighbors) {
        int rank = 1;
        for (Neighbor n : neighbors) {
            out.printf(Locale.ROOT, "  %3d  %-20s %8d  %.4f%n", rank++, n.token(), n.id(), n.score());
        }
    }
}
