package dev.embedkit.cli;

import dev.embedkit.tokenize.WordTokenizer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;

/** {@code embedkit tokenize MODEL TEXT}: text → tokens → IDs, the first step of the pipeline. */
@Command(name = "tokenize", description = "Split TEXT into tokens and map each to its ID in the model's vocabulary.")
final class TokenizeCommand extends BaseCommand {

    @Parameters(index = "0", paramLabel = "MODEL", description = "Model directory or vector file.")
    Path model;

    @Parameters(index = "1", paramLabel = "TEXT", description = "The text to tokenize.")
    String text;

    @Mixin
    OutputFormat format;

    @Mixin
    TokenizerOptions tokenizerOptions;

    record Tokenized(String text, List<String> tokens, int[] ids) {
    }

    @Override
    protected void run() {
        WordTokenizer tokenizer = LoadedModel.open(model, tokenizerOptions).tokenizer();
        int[] ids = tokenizer.encode(text);
        List<String> tokens = tokenizer.tokenize(text);
        if (format.json()) {
            Json.print(out(), new Tokenized(text, tokens, ids));
            return;
        }
        out().printf("%-6s %-8s %s%n", "pos", "ID", "token");
        for (int i = 0; i < ids.length; i++) {
            out().printf("%-6d %-8d %s%n", i, ids[i], tokens.get(i));
        }
        out().printf("%d tokens: %s%n", ids.length, java.util.Arrays.toString(ids));
    }
}
