package dev.embedkit.train.nexttoken;

import dev.embedkit.BadInputException;
import dev.embedkit.simd.Kernels;
import dev.embedkit.story.OffsetDirections.WordPair;
import dev.embedkit.story.TieExperiment;
import dev.embedkit.story.TourResult;
import dev.embedkit.vocab.Vocabulary;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Claim 7's experiment on a corpus: two distinct tokens tied to one vector (their rows averaged before the first
 * step and after every step, which trains the shared vector with the mean of their gradients) for a short run of the
 * tied next-token model, beside the same run untied; then released, so the rows can part. The tied run's held-out
 * loss is higher at the release (one vector cannot serve two usages), and the pair's cosine falls from 1 after it.
 * Both runs use the scalar kernels, so the CLI and the server get the same numbers bit for bit.
 */
public final class TiedTokens implements TieExperiment {
    /** Measurements per phase (tied, released). */
    private static final int MEASUREMENTS = 10;
    /** Held-out tokens scored per measurement: a full softmax costs V·d per position. */
    private static final int HELD_OUT_TOKENS = 2_000;

    private final String corpusName;
    private final Vocabulary vocabulary;
    private final List<int[]> sentences;
    private final NextTokenSettings settings;

    /**
     * @param sentences token IDs of {@code vocabulary}; the runs train on a prefix and score the sentences after it
     * @param settings  the runs' model and optimizer (one epoch over the prefix; nothing held out by the trainer)
     */
    public TiedTokens(String corpusName, Vocabulary vocabulary, List<int[]> sentences, NextTokenSettings settings) {
        this.corpusName = corpusName;
        this.vocabulary = vocabulary;
        this.sentences = List.copyOf(sentences);
        this.settings = settings.withEpochs(1).withHeldOutFraction(0);
    }

    /** d 32 and Adam at 0.01 (the runs are short), otherwise the next-token defaults: a small model, to compare. */
    public static NextTokenSettings defaultSettings() {
        return NextTokenSettings.defaults().withDim(32).withOptimizer(OptimizerKind.ADAM, 0.01);
    }

    @Override
    public TourResult.Tie run(WordPair pair, int tieSteps, long seed) {
        WordPair chosen = pair != null ? pair : defaultPair();
        int a = tokenId(chosen.a());
        int b = tokenId(chosen.b());
        if (a == b) {
            throw new BadInputException("tie: '" + chosen.a() + "' and '" + chosen.b() + "' are one token; tie two distinct ones");
        }
        long wanted = 2L * tieSteps * settings.batchSize(); // positions for tieSteps tied steps and as many released
        int split = 0;
        long positions = 0;
        while (split < sentences.size() && positions < wanted) {
            positions += sentences.get(split++).length;
        }
        List<int[]> heldOut = new ArrayList<>();
        long heldTokens = 0;
        for (int s = split; s < sentences.size() && heldTokens < HELD_OUT_TOKENS; s++) {
            heldOut.add(sentences.get(s));
            heldTokens += sentences.get(s).length;
        }
        if (positions < wanted || heldOut.isEmpty()) {
            throw new BadInputException(String.format(Locale.ROOT, "tie: %s has %,d tokens; %,d tie steps need %,d for"
                    + " training (2 × steps × batch %d) and more to score; give fewer --tie-steps or a larger corpus",
                    corpusName, positions, tieSteps, wanted, settings.batchSize()));
        }
        List<int[]> train = sentences.subList(0, split);
        NextTokenSettings run = settings.withSeed(seed);
        long every = Math.max(1, tieSteps / MEASUREMENTS);
        List<TourResult.TiePoint> untied = measure(train, heldOut, run, a, b, false, tieSteps, every);
        List<TourResult.TiePoint> tied = measure(train, heldOut, run, a, b, true, tieSteps, every);
        double lossRise = atStep(tied, tieSteps).heldOutLoss() - atStep(untied, tieSteps).heldOutLoss();
        String corpus = String.format(Locale.ROOT, "%s: %,d training positions, %,d held-out sentences", corpusName,
                positions, heldOut.size());
        return new TourResult.Tie(chosen.a(), chosen.b(), corpus, tieSteps, tied.getLast().step(), untied, tied, lossRise);
    }

    /** "the" and "and" when the vocabulary has them (frequent, used very differently), else its two most frequent tokens. */
    private WordPair defaultPair() {
        if (vocabulary.contains("the") && vocabulary.contains("and")) {
            return new WordPair("the", "and");
        }
        List<String> frequent = new ArrayList<>();
        for (int id = 0; id < vocabulary.size() && frequent.size() < 2; id++) {
            if (!vocabulary.isSpecial(id)) {
                frequent.add(vocabulary.token(id));
            }
        }
        if (frequent.size() < 2) {
            throw new BadInputException("tie: the corpus vocabulary has fewer than two ordinary tokens");
        }
        return new WordPair(frequent.get(0), frequent.get(1));
    }

    private int tokenId(String token) {
        int id = vocabulary.find(token);
        if (id < 0) {
            throw new BadInputException("tie: '" + token + "' is not in the vocabulary of " + corpusName);
        }
        return id;
    }

    /**
     * One run, tied (if {@code tie}) until step {@code release}, measured every {@code every} steps, at the release
     * and after the last step.
     */
    private List<TourResult.TiePoint> measure(List<int[]> train, List<int[]> heldOut, NextTokenSettings run, int a, int b,
                                              boolean tie, int release, long every) {
        List<TourResult.TiePoint> points = new ArrayList<>();
        long[] last = {0};
        StepHook hook = (model, step) -> {
            if (tie && step <= release) {
                share(model.tableData(), model.dim(), a, b);
            }
            last[0] = step;
            if (step % every == 0 || step == release) {
                points.add(point(model, step, heldOut, a, b));
            }
        };
        NextTokenModel model = NextTokenTrainer.train(train, vocabulary, run, progress -> {
        }, Kernels.scalar(), hook);
        if (points.getLast().step() != last[0]) {
            points.add(point(model, last[0], heldOut, a, b));
        }
        return points;
    }

    /** Rows a and b of the (V, d) table both set to their mean: one vector again. */
    static void share(float[] table, int dim, int a, int b) {
        for (int c = 0; c < dim; c++) {
            float mean = (table[a * dim + c] + table[b * dim + c]) / 2;
            table[a * dim + c] = mean;
            table[b * dim + c] = mean;
        }
    }

    private static TourResult.TiePoint point(NextTokenModel model, long step, List<int[]> heldOut, int a, int b) {
        Positions positions = Positions.of(heldOut, 0, heldOut.size(), model.context(), model.bosId(),
                model.vocabulary().size());
        return new TourResult.TiePoint(step, model.meanLoss(positions, Kernels.scalar()),
                cosine(model.tableData(), model.dim(), a, b));
    }

    static double cosine(float[] table, int dim, int a, int b) {
        double ab = 0;
        double aa = 0;
        double bb = 0;
        for (int c = 0; c < dim; c++) {
            double x = table[a * dim + c];
            double y = table[b * dim + c];
            ab += x * y;
            aa += x * x;
            bb += y * y;
        }
        return aa == 0 || bb == 0 ? 0 : ab / Math.sqrt(aa * bb);
    }

    /** The measurement at {@code step} (every run measures at the release). */
    private static TourResult.TiePoint atStep(List<TourResult.TiePoint> points, long step) {
        return points.stream().filter(p -> p.step() == step).findFirst().orElseThrow();
    }
}
