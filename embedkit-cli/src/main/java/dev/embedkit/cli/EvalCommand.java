package dev.embedkit.cli;

import dev.embedkit.BadInputException;
import dev.embedkit.embed.EmbeddingTable;
import dev.embedkit.embed.WordVectors;
import dev.embedkit.eval.AnalogyEvaluation;
import dev.embedkit.eval.AnalogyQuestions;
import dev.embedkit.eval.AnalogyReport;
import dev.embedkit.eval.SimilarityEvaluation;
import dev.embedkit.eval.SimilarityReport;
import dev.embedkit.eval.WordPairs;
import dev.embedkit.fasttext.FastTextModel;
import dev.embedkit.subword.SubwordVectors;
import dev.embedkit.search.AnalogyMethod;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** {@code embedkit eval MODEL --analogies FILE --similarity FILE…}: analogy accuracy and WordSim-style ρ, as gensim counts them. */
@Command(name = "eval", description = {
        "Evaluate a model on analogy questions (questions-words.txt format) and/or word pairs with human scores",
        "(WordSim-353 format), with the conventions of gensim's evaluate_word_analogies / evaluate_word_pairs:",
        "words matched case-insensitively, questions with a word outside the first N tokens skipped and counted."})
final class EvalCommand extends BaseCommand {

    @Parameters(index = "0", paramLabel = "MODEL", description = "Model directory or vector file.")
    Path model;

    @Option(names = "--analogies", paramLabel = "FILE", description = "Analogy questions: ': section' lines, then 'a b c d' lines.")
    Path analogies;

    @Option(names = "--similarity", paramLabel = "FILE", arity = "1..*",
            description = "Word pairs with a score ('word1<TAB>word2<TAB>score', '#' comments); repeatable.")
    List<Path> similarity = new ArrayList<>();

    @Option(names = "--restrict", defaultValue = "" + AnalogyEvaluation.DEFAULT_RESTRICT, paramLabel = "N",
            description = "Analogies search only the first N (most frequent) tokens (default: ${DEFAULT-VALUE}).")
    int restrict;

    @Option(names = "--restrict-similarity", defaultValue = "" + SimilarityEvaluation.DEFAULT_RESTRICT, paramLabel = "N",
            description = "Word pairs use only the first N tokens (default: ${DEFAULT-VALUE}, gensim's).")
    int restrictSimilarity;

    @Option(names = "--method", defaultValue = "add", paramLabel = "add|mul",
            description = "3CosAdd (default; what gensim and word2vec report) or 3CosMul.")
    AnalogyMethod method;

    @Option(names = "--oov-vectors", description = {"Also ask questions and pairs with words outside the searched tokens,",
            "using their vectors from character n-grams (fastText .bin models and models trained with --subwords)."})
    boolean oovVectors;

    @Mixin
    OutputFormat format;

    record SectionJson(String section, boolean semantic, int correct, int asked, int skipped, double accuracy) {
    }

    record ScoreJson(int correct, int asked, double accuracy) {
        static ScoreJson of(AnalogyReport.Score score) {
            return new ScoreJson(score.correct(), score.asked(), score.accuracy());
        }
    }

    record AnalogyJson(String file, String method, int restrict, int questions, int skipped, double skippedPercent,
                       List<SectionJson> sections, ScoreJson semantic, ScoreJson syntactic, ScoreJson total, double seconds) {
    }

    record SimilarityJson(String file, int restrict, int pairs, int used, int skipped, double skippedPercent,
                          double spearman, double pearson) {
    }

    record Result(String model, int vocabSize, int dim, boolean oovVectors, AnalogyJson analogies,
                  List<SimilarityJson> similarity) {
    }

    @Override
    protected void run() {
        if (analogies == null && similarity.isEmpty()) {
            throw new BadInputException("nothing to evaluate: give --analogies FILE and/or --similarity FILE");
        }
        if (restrict < 1 || restrictSimilarity < 1) {
            throw new BadInputException("--restrict and --restrict-similarity must be at least 1, got "
                    + restrict + " and " + restrictSimilarity);
        }
        // Read the small files first, so that a typo fails before a large model is loaded.
        AnalogyQuestions questions = analogies == null ? null : AnalogyQuestions.read(analogies);
        List<WordPairs> pairFiles = similarity.stream().map(WordPairs::read).toList();
        LoadedModel loaded = LoadedModel.open(model, new TokenizerOptions());
        EmbeddingTable table = loaded.table();
        WordVectors words = oovVectors ? subwordModel(loaded) : null;

        AnalogyJson analogyResult = null;
        if (questions != null) {
            long start = System.nanoTime();
            AnalogyReport report = AnalogyEvaluation.evaluate(table, questions, restrict, method, words);
            double seconds = (System.nanoTime() - start) / 1e9;
            if (report.total().asked() == 0) {
                throw new BadInputException(analogies + ": none of the " + report.questions() + " questions has all four"
                        + " words among the first " + Math.min(restrict, table.vocabularySize())
                        + " tokens of the model; no question can be asked");
            }
            analogyResult = analogyJson(report, seconds);
        }
        List<SimilarityJson> similarityResults = new ArrayList<>();
        for (WordPairs pairs : pairFiles) {
            SimilarityReport report = SimilarityEvaluation.evaluate(table, pairs, restrictSimilarity, words);
            similarityResults.add(new SimilarityJson(pairs.source().toString(), restrictSimilarity, report.pairs(),
                    report.used(), report.oov(), report.oovPercent(), report.spearman(), report.pearson()));
        }
        Result result = new Result(model.toString(), table.vocabularySize(), table.dim(), oovVectors, analogyResult,
                similarityResults);
        if (format.json()) {
            Json.print(out(), result);
        } else {
            printText(out(), result);
        }
    }

    /** The model as a fastText model, whose out-of-vocabulary words have vectors; other formats have none. */
    private static WordVectors subwordModel(LoadedModel loaded) {
        if (!(loaded.words() instanceof FastTextModel) && !(loaded.words() instanceof SubwordVectors)) {
            throw new BadInputException("--oov-vectors needs a model that builds vectors for unknown words from their"
                    + " n-grams (a fastText .bin, or a model trained with --subwords); " + loaded.path() + " is "
                    + loaded.format());
        }
        return loaded.words();
    }

    private AnalogyJson analogyJson(AnalogyReport report, double seconds) {
        List<SectionJson> sections = report.sections().stream()
                .map(s -> new SectionJson(s.name(), s.semantic(), s.correct(), s.asked(), s.oov(), s.accuracy()))
                .toList();
        return new AnalogyJson(analogies.toString(), method.name().toLowerCase(Locale.ROOT), restrict, report.questions(),
                report.oov(), report.oovPercent(), sections, ScoreJson.of(report.semantic()),
                ScoreJson.of(report.syntactic()), ScoreJson.of(report.total()), seconds);
    }

    private static void printText(PrintWriter out, Result result) {
        out.printf("model: %s (V=%d, d=%d)%n", result.model(), result.vocabSize(), result.dim());
        AnalogyJson a = result.analogies();
        if (a != null) {
            int searched = Math.min(a.restrict(), result.vocabSize());
            out.printf("%nanalogies: %s (%s over the first %d tokens; %.1f s)%n", a.file(),
                    a.method().equals("add") ? "3CosAdd" : "3CosMul", searched, a.seconds());
            out.printf("  %-30s %9s %8s %9s%n", "section", "correct", "asked", "skipped");
            for (SectionJson s : a.sections()) {
                out.printf("  %-30s %9d %8d %9d   %s%n", s.section(), s.correct(), s.asked(), s.skipped(),
                        percent(s.correct(), s.asked()));
            }
            printScore(out, "semantic", a.semantic());
            printScore(out, "syntactic", a.syntactic());
            printScore(out, "total", a.total());
            out.printf("  %d questions, %d skipped (%.1f %%): %s%n", a.questions(), a.skipped(), a.skippedPercent(),
                    result.oovVectors() ? "the answer is not among the first " + searched + " tokens, or a question"
                            + " word has no n-gram vector" : "a word is not among the first " + searched + " tokens");
        }
        for (SimilarityJson s : result.similarity()) {
            out.printf("%nsimilarity: %s%n", s.file());
            out.printf("  Spearman ρ %.4f, Pearson r %.4f over %d pairs; %d of %d skipped (%.1f %%): %s%n",
                    s.spearman(), s.pearson(), s.used(), s.skipped(), s.pairs(), s.skippedPercent(),
                    result.oovVectors() ? "a word has no n-gram vector"
                            : "a word is not among the first " + Math.min(s.restrict(), result.vocabSize()) + " tokens");
        }
    }

    private static void printScore(PrintWriter out, String name, ScoreJson score) {
        out.printf("  %-30s %9d %8d %9s   %s%n", name, score.correct(), score.asked(), "",
                percent(score.correct(), score.asked()));
    }

    /** An accuracy in percent, or a dash where no question was asked (0 % would claim they were all wrong). */
    private static String percent(int correct, int asked) {
        return asked == 0 ? "     –" : String.format(Locale.ROOT, "%6.2f %%", 100.0 * correct / asked);
    }
}
