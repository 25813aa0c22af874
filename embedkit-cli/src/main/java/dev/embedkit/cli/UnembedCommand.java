package dev.embedkit.cli;

import dev.embedkit.BadInputException;
import dev.embedkit.embed.EmbeddingTable;
import dev.embedkit.embed.OovWords;
import dev.embedkit.embed.TokenScore;
import dev.embedkit.embed.Unembedding;
import dev.embedkit.embed.WordVector;
import dev.embedkit.search.VectorExpression;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * {@code embedkit unembed MODEL --token T | --vector … | --expr …}: the return trip. A vector h is scored
 * against every row (logits = h·Eᵀ), softmax turns the scores into probabilities, top-k names the winners.
 */
@Command(name = "unembed", description = {
        "Score a vector h against every row of the output matrix (logits = h·Eᵀ with tied weights, h·Wᵀ with a",
        "checkpoint's untied lm_head/output.weight), softmax, top-k.",
        "h is a token's row (--token), explicit values (--vector) or an expression of rows (--expr)."})
final class UnembedCommand extends BaseCommand {

    static final class Source {
        @Option(names = "--token", paramLabel = "T", description = "h = the row of token T.")
        String token;

        @Option(names = "--vector", paramLabel = "v1,v2,…", split = ",", description = "h = these d values.")
        float[] vector;

        @Option(names = "--expr", paramLabel = "EXPR", description = "h = a sum of rows, e.g. \"king - man + woman\".")
        String expression;
    }

    @Parameters(index = "0", paramLabel = "MODEL", description = "Model directory or vector file.")
    Path model;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    @Option(names = {"-k", "--top"}, defaultValue = "10", description = "Tokens to show (default: ${DEFAULT-VALUE}).")
    int k;

    @Option(names = {"-t", "--temperature"}, defaultValue = "1.0",
            description = "Softmax temperature: below 1 sharpens, above 1 flattens (default: ${DEFAULT-VALUE}).")
    double temperature;

    @Mixin
    OutputFormat format;

    @Mixin
    TokenizerOptions tokenizerOptions;

    @Mixin
    CheckpointOptions checkpointOptions;

    record Result(String h, int vocabSize, double temperature, List<TokenScore> top) {
    }

    @Override
    protected void run() {
        LoadedModel loaded = LoadedModel.open(model, tokenizerOptions, checkpointOptions);
        EmbeddingTable table = loaded.table();
        float[] h;
        String described;
        if (source.token != null) {
            WordVector vector = loaded.words().lookup(source.token);
            h = vector.values();
            described = vector.oov() ? "vector of '" + source.token + "' " + vector.note() : "row of '" + source.token + "'";
        } else if (source.vector != null) {
            if (source.vector.length != table.dim()) {
                throw new BadInputException("--vector has " + source.vector.length + " values, the model's dimension is d="
                        + table.dim());
            }
            h = source.vector;
            described = "given vector";
        } else {
            VectorExpression expression = VectorExpression.parse(source.expression);
            OovWords oov = OovWords.of(loaded.words(), expression.tokens());
            h = expression.sum(table, oov.vectorsByWord()); // out-of-vocabulary words count with their n-gram vectors
            described = AnalogyCommand.describe(expression) + oov.expressionNote();
        }
        Unembedding unembedding = loaded.unembedding();
        List<TokenScore> top = unembedding.topK(h, k, temperature);
        if (format.json()) {
            Json.print(out(), new Result(described, table.vocabularySize(), temperature, top));
            return;
        }
        String matrix = loaded.checkpoint().filter(c -> !c.tied()).map(c -> "Wᵀ (W = " + c.outputTensor() + ", untied)")
                .orElse("Eᵀ");
        out().printf(Locale.ROOT, "h = %s; logits = h·%s over all V=%d rows; softmax at temperature %s%n",
                described, matrix, table.vocabularySize(), temperature);
        printScores(out(), top);
    }

    static void printScores(java.io.PrintWriter out, List<TokenScore> scores) {
        out.printf("  %4s  %-20s %8s  %10s  %11s%n", "rank", "token", "ID", "logit", "probability");
        int rank = 1;
        for (TokenScore s : scores) {
            out.printf(Locale.ROOT, "  %4d  %-20s %8d  %10.4f  %11.6f%n", rank++, s.token(), s.id(), s.logit(), s.probability());
        }
    }
}
