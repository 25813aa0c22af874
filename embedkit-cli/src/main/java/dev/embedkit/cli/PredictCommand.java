package dev.embedkit.cli;

import dev.embedkit.embed.TokenScore;
import dev.embedkit.train.nexttoken.NextTokenModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code embedkit predict MODEL TEXT}: the tied next-token model at work. The text is split as the training text
 * was, its last k tokens (left-padded with &lt;bos&gt; when fewer, as in training) are combined into h, and the
 * tied unembedding with the model's output bias ranks every token as the next one.
 */
@Command(name = "predict", description = {
        "Predict the next token with a next-token model: h = combination of the last k tokens' rows,",
        "logits = h·Eᵀ + b (tied weights, a per-token bias), softmax, top-k. Shorter texts are padded with <bos>,",
        "as in training."})
final class PredictCommand extends BaseCommand {

    @Parameters(index = "0", paramLabel = "MODEL", description = "A next-token model directory (train --model next-token).")
    Path model;

    @Parameters(index = "1", paramLabel = "TEXT", description = "The text so far, e.g. \"the king of\".")
    String text;

    @Option(names = {"-k", "--top"}, defaultValue = "10", description = "Tokens to show (default: ${DEFAULT-VALUE}).")
    int k;

    @Option(names = {"-t", "--temperature"}, defaultValue = "1.0",
            description = "Softmax temperature: below 1 sharpens, above 1 flattens (default: ${DEFAULT-VALUE}).")
    double temperature;

    @Mixin
    OutputFormat format;

    record Result(String text, List<String> context, int[] contextIds, String combine, float[] positionalWeights,
                  int vocabSize, double temperature, List<TokenScore> top) {
    }

    @Override
    protected void run() {
        NextTokenModel next = NextTokenModel.load(model);
        int[] ids = next.tokenizer().encode(text);
        int[] context = next.context(ids);
        List<String> contextTokens = new ArrayList<>();
        for (int id : context) {
            contextTokens.add(next.vocabulary().token(id));
        }
        List<TokenScore> top = next.predict(ids, k, temperature);
        if (format.json()) {
            Json.print(out(), new Result(text, contextTokens, context, next.combine().configName(),
                    next.positionalWeights(), next.vocabulary().size(), temperature, top));
            return;
        }
        out().printf(Locale.ROOT, "context (k=%d): %s%n", next.context(), String.join(" ", contextTokens));
        out().printf(Locale.ROOT, "h = %s of their rows; logits = h·Eᵀ + b over all V=%d rows; softmax at temperature %s%n",
                describe(next), next.vocabulary().size(), temperature);
        UnembedCommand.printScores(out(), top);
    }

    private static String describe(NextTokenModel next) {
        if (next.combine() == dev.embedkit.train.nexttoken.Combine.MEAN) {
            return "mean";
        }
        StringBuilder weights = new StringBuilder();
        for (float w : next.positionalWeights()) {
            weights.append(weights.isEmpty() ? "" : ", ").append(String.format(Locale.ROOT, "%.3f", w));
        }
        return "positional weighting [" + weights + "] (oldest first)";
    }
}
