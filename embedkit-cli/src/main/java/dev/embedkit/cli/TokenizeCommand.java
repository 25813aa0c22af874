package dev.embedkit.cli;

import dev.embedkit.BadInputException;
import dev.embedkit.tokenize.Tokenizer;
import dev.embedkit.tokenize.Tokenizers;
import dev.embedkit.tokenize.WordTokenizer;
import dev.embedkit.tokenize.TokenText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** {@code embedkit tokenize MODEL TEXT} or {@code tokenize --tokenizer PATH TEXT}: text → tokens → IDs. */
@Command(name = "tokenize", description = {
        "Split TEXT into tokens and map each to its ID. Either MODEL TEXT (a model",
        "directory or vector file, split into words) or --tokenizer PATH TEXT, where PATH",
        "is a Hugging Face tokenizer.json, a directory holding one, or a directory",
        "with GPT-2's encoder.json + vocab.bpe."})
final class TokenizeCommand extends BaseCommand {

    @Parameters(arity = "1..2", paramLabel = "[MODEL] TEXT", description = "The model (unless --tokenizer is given) and the text.")
    List<String> arguments;

    @Option(names = "--tokenizer", paramLabel = "PATH", description = "Tokenize with this tokenizer instead of a model's words.")
    Path tokenizerPath;

    @Option(names = "--json", description = "Same as --format json.")
    boolean json;

    @Mixin
    OutputFormat format;

    @Mixin
    TokenizerOptions tokenizerOptions;

    /** token_texts: what each token stands for on its own (byte-level "Ġworld" is " world"). */
    record Tokenized(String text, List<String> tokens, int[] ids, List<String> token_texts) {
    }

    @Override
    protected void run() {
        boolean withTokenizer = tokenizerPath != null;
        if (arguments.size() != (withTokenizer ? 1 : 2)) {
            throw new BadInputException(withTokenizer ? "with --tokenizer, give only the TEXT" : "give MODEL and TEXT, or --tokenizer PATH and TEXT");
        }
        if (withTokenizer && (tokenizerOptions.split != null || tokenizerOptions.lowercase != null)) {
            throw new BadInputException("--split and --lowercase set how a MODEL's words are split; a --tokenizer has its own rules");
        }
        String text = arguments.getLast();
        Tokenizer tokenizer = withTokenizer ? Tokenizers.load(tokenizerPath) : modelTokenizer(Path.of(arguments.getFirst()));
        int[] ids = tokenizer.encode(text);
        List<String> tokens = tokenizer.tokenize(text);
        List<String> texts = new ArrayList<>();
        for (int id : ids) {
            texts.add(TokenText.text(tokenizer, id));
        }
        if (json || format.json()) {
            Json.print(out(), new Tokenized(text, tokens, ids, texts));
            return;
        }
        boolean subword = !(tokenizer instanceof WordTokenizer);
        out().printf(subword ? "%-6s %-8s %-20s %s%n" : "%-6s %-8s %s%n", "pos", "ID", "token", "text");
        for (int i = 0; i < ids.length; i++) {
            if (subword) {
                out().printf("%-6d %-8d %-20s %s%n", i, ids[i], tokens.get(i), TokenText.quoted(texts.get(i)));
            } else {
                out().printf("%-6d %-8d %s%n", i, ids[i], tokens.get(i));
            }
        }
        out().printf("%d tokens: %s%n", ids.length, Arrays.toString(ids));
    }

    private Tokenizer modelTokenizer(Path model) {
        return LoadedModel.open(model, tokenizerOptions).tokenizer();
    }
}
