package dev.embedkit.story;

import dev.embedkit.embed.EmbeddingTable;
import dev.embedkit.embed.Initializer;
import dev.embedkit.embed.Unembedding;
import dev.embedkit.search.NeighborIndex;
import dev.embedkit.search.VectorExpression;
import dev.embedkit.story.OffsetDirections.WordPair;
import dev.embedkit.tensor.HeapMatrix;
import dev.embedkit.tokenize.Tokenizer;

import java.util.ArrayList;
import java.util.List;

/**
 * The embedding story checked on one model: each {@link TourStep} computed into a {@link TourResult}. The CLI's
 * {@code tour} and the server's tour endpoint both go through here, so they agree on every number that does not
 * depend on timing.
 */
public final class Tour {
    /** Dimensions of the random directions beside the model's in the space step. */
    public static final int[] SPACE_DIMS = {2, 16, 128, 768, 4096};
    /** Temperatures of the lineup. */
    public static final double[] TEMPERATURES = {0.5, 1.0, 2.0};
    private static final int CLOSEST_PAIRS = 10;
    private static final int SPACE_MAX_PAIRS = 2000; // per random dimension: 4096-d pairs cost 8,192 Gaussians each

    private final NeighborIndex index;
    private final Tokenizer tokenizer;
    private final Unembedding unembedding;
    private final TourSettings settings;
    private final TieExperiment tieExperiment; // null: the duplicates step has no corpus to train on

    /**
     * @param unembedding   how the model scores an output vector: the table itself (tied) or its own output matrix
     * @param tieExperiment the duplicates step's tie-two-tokens run, or null to leave it out
     */
    public Tour(NeighborIndex index, Tokenizer tokenizer, Unembedding unembedding, TourSettings settings,
                TieExperiment tieExperiment) {
        this.index = index;
        this.tokenizer = tokenizer;
        this.unembedding = unembedding;
        this.settings = settings;
        this.tieExperiment = tieExperiment;
    }

    public TourSettings settings() {
        return settings;
    }

    public TourResult compute(TourStep step) {
        return switch (step) {
            case IDS -> ids();
            case LOOKUP -> lookup();
            case DIRECTIONS -> directions();
            case TENSOR -> tensor();
            case LINEUP -> lineup();
            case DUPLICATES -> duplicates();
            case SPACE -> space();
        };
    }

    /** The table this tour looks at. */
    public EmbeddingTable table() {
        return index.table();
    }

    private TourResult.Ids ids() {
        IdAdjacency trained = IdAdjacency.of(index, settings.samples(), settings.seed());
        IdAdjacency untrained = IdAdjacency.of(new NeighborIndex(randomTable()), settings.samples(), settings.seed());
        return new TourResult.Ids(trained.adjacent().summary(), trained.random().summary(),
                untrained.adjacent().summary(), untrained.random().summary(),
                trained.adjacent().ksDistance(trained.random()), untrained.adjacent().ksDistance(untrained.random()),
                trained.meanGap(), untrained.meanGap());
    }

    /** A table of this one's shape as training starts it (word2vec's uniform rows), seeded: "before training". */
    private EmbeddingTable randomTable() {
        EmbeddingTable table = table();
        return new EmbeddingTable(table.vocabulary(),
                new Initializer.Word2VecUniform().create(table.vocabularySize(), table.dim(), settings.seed()));
    }

    private TourResult.Lookup lookup() {
        EmbeddingTable table = table();
        int id = settings.id() != null ? settings.id() : Math.min(104, table.vocabularySize() - 1);
        LookupCheck check = LookupCheck.of(table, id);
        return new TourResult.Lookup(id, table.vocabulary().token(id), check.row(), check.lookupBitIdentical(),
                check.oneHotDiffering(), check.lookupNanos(), check.oneHotNanos(),
                (long) table.vocabularySize() * table.dim());
    }

    private TourResult.Directions directions() {
        List<WordPair> known = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (WordPair pair : settings.pairs()) {
            if (index.table().vocabulary().contains(pair.a()) && index.table().vocabulary().contains(pair.b())) {
                known.add(pair);
            } else {
                skipped.add(pair.a() + ":" + pair.b());
            }
        }
        if (known.size() < 2) {
            return new TourResult.Directions(known, skipped, null, null, null, null, null);
        }
        OffsetDirections directions = OffsetDirections.of(index, known, settings.samples(), settings.seed());
        List<String> words = new ArrayList<>();
        for (WordPair pair : known) {
            words.add(pair.a());
            words.add(pair.b());
        }
        return new TourResult.Directions(known, skipped, directions.offsetCosines(), directions.meanOffsetCosine(),
                directions.randomCosines().summary(), known.getFirst(),
                OffsetDirections.project(index, known.getFirst(), words));
    }

    private TourResult.Tensor tensor() {
        int[] ids = tokenizer.encode(settings.text());
        HeapMatrix stacked = table().lookup(ids); // (n, d)
        float[][] rows = new float[ids.length][];
        for (int j = 0; j < ids.length; j++) {
            rows[j] = new float[stacked.cols()];
            stacked.copyRow(j, rows[j], 0);
        }
        return new TourResult.Tensor(settings.text(), tokenizer.tokenize(settings.text()), ids,
                new int[] {stacked.rows(), stacked.cols()}, rows);
    }

    private TourResult.Lineup lineup() {
        String expression = settings.expr() != null ? settings.expr() : defaultExpression();
        float[] h = VectorExpression.parse(expression).sum(table());
        List<TourResult.AtTemperature> byTemperature = new ArrayList<>();
        for (double temperature : TEMPERATURES) {
            byTemperature.add(new TourResult.AtTemperature(temperature,
                    unembedding.topK(h, settings.top(), temperature)));
        }
        return new TourResult.Lineup(expression, byTemperature);
    }

    /** king − man + woman when the table knows those words, else the row of ID 104 (or the last ID). */
    private String defaultExpression() {
        var vocabulary = table().vocabulary();
        if (vocabulary.contains("king") && vocabulary.contains("man") && vocabulary.contains("woman")) {
            return "king - man + woman";
        }
        return vocabulary.token(Math.min(104, table().vocabularySize() - 1));
    }

    private TourResult.Duplicates duplicates() {
        NearestNeighbourSpread spread = NearestNeighbourSpread.of(index, settings.maxTokens(), CLOSEST_PAIRS);
        return new TourResult.Duplicates(spread.queried(), spread.nearest().summary(), spread.closestPairs(),
                tieExperiment == null ? null : tieExperiment.run(settings.tie(), settings.tieSteps(), settings.seed()));
    }

    private TourResult.Space space() {
        List<TourResult.SpaceRow> rows = new ArrayList<>();
        for (int d : SPACE_DIMS) {
            rows.add(spaceRow("random Gaussian", d,
                    RandomCosines.of(d, Math.min(settings.samples(), SPACE_MAX_PAIRS), settings.seed())));
        }
        rows.add(spaceRow("this model", table().dim(),
                IdAdjacency.of(index, settings.samples(), settings.seed()).random()));
        return new TourResult.Space(rows);
    }

    private static TourResult.SpaceRow spaceRow(String vectors, int dim, Distribution cosines) {
        return new TourResult.SpaceRow(vectors, dim, 1 / Math.sqrt(dim),
                Math.max(Math.abs(cosines.min()), Math.abs(cosines.max())), cosines.summary());
    }
}
