package dev.embedkit.server.api;

import dev.embedkit.BadInputException;
import dev.embedkit.server.ServedModel;
import dev.embedkit.server.problem.ProblemException;
import dev.embedkit.story.OffsetDirections.WordPair;
import dev.embedkit.story.TieExperiment;
import dev.embedkit.story.Tour;
import dev.embedkit.story.TourResult;
import dev.embedkit.story.TourSettings;
import dev.embedkit.story.TourStep;
import io.javalin.http.Context;

import java.util.Arrays;
import java.util.List;

/**
 * GET /models/{model}/tour?step=…: one claim of the embedding story computed on the served model by the same
 * {@link Tour} as {@code embedkit tour}, so the explorer's guided view shows the CLI's numbers.
 */
final class TourApi {
    private static final int MAX_SAMPLES = 20_000;
    private static final int MAX_TOP = 100;
    private static final int MAX_TIE_STEPS = 5_000;

    private final ApiContext api;
    private final TieExperiment tieExperiment; // null without serve --tour-corpus
    private final TourCache cache = new TourCache();

    TourApi(ApiContext api, TieExperiment tieExperiment) {
        this.api = api;
        this.tieExperiment = tieExperiment;
    }

    /** What the step is, the settings it ran with, and what it found. */
    record TourAnswer(String model, String step, int number, String title, TourSettings settings, TourResult result) {
    }

    void step(Context ctx) {
        ServedModel model = api.model(ctx);
        QueryParams query = api.query(ctx, "step", "samples", "seed", "max_tokens", "top", "pairs", "id", "text", "expr",
                "tie", "tie_steps");
        TourStep step = step(query.text("step", 32));
        TourSettings defaults = TourSettings.defaults();
        int vocabSize = model.table().vocabularySize();
        String pairs = query.text("pairs", api.limits().maxTextChars());
        String text = query.text("text", api.limits().maxTextChars());
        String tie = query.text("tie", api.limits().maxTextChars());
        int id = query.integer("id", -1, 0, vocabSize - 1);
        TourSettings settings = new TourSettings(
                    query.integer("samples", defaults.samples(), 2, MAX_SAMPLES),
                    query.integer("seed", (int) defaults.seed(), Integer.MIN_VALUE, Integer.MAX_VALUE),
                    query.integer("max_tokens", defaults.maxTokens(), 1, Math.max(1, vocabSize)),
                    query.integer("top", defaults.top(), 1, MAX_TOP),
                    pairs == null ? defaults.pairs() : pairs("pairs", pairs),
                    id < 0 ? null : id,
                    text == null ? defaults.text() : text,
                    query.text("expr", api.limits().maxTextChars()),
                    tie == null ? null : pairs("tie", tie).getFirst(),
                    query.integer("tie_steps", TourSettings.DEFAULT_TIE_STEPS, 1, MAX_TIE_STEPS));
        if (step == TourStep.TENSOR) {
            api.checkTokenCount(model.tokenizer().encode(settings.text()).length);
        }
        TourResult result = cache.get(new TourCache.Key(model.name(), step, settings), () ->
                new Tour(model.neighborIndex(), model.tokenizer(), model.unembedding(), settings, tieExperiment)
                        .compute(step));
        ctx.json(new TourAnswer(model.name(), step.slug(), step.number(), step.title(), settings, result));
    }

    private static List<WordPair> pairs(String field, String pairs) {
        try {
            return TourSettings.parsePairs(Arrays.asList(pairs.split(",")));
        } catch (BadInputException e) {
            throw ProblemException.invalidField(field, e.getMessage());
        }
    }

    private static TourStep step(String slug) {
        if (slug == null) {
            throw ProblemException.invalidField("step", "is required; the steps are " + slugs());
        }
        try {
            return TourStep.parse(slug);
        } catch (BadInputException e) {
            throw ProblemException.invalidField("step", e.getMessage());
        }
    }

    private static List<String> slugs() {
        return Arrays.stream(TourStep.values()).map(TourStep::slug).toList();
    }
}
