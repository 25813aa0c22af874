package dev.embedkit.cli;

import dev.embedkit.BadInputException;
import dev.embedkit.embed.OovWords;
import dev.embedkit.search.Analogies;
import dev.embedkit.search.AnalogyMethod;
import dev.embedkit.search.Neighbor;
import dev.embedkit.search.NeighborIndex;
import dev.embedkit.search.VectorExpression;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;

/** {@code embedkit analogy MODEL A B C}: A is to B as C is to ? — directions in the space carry meaning. */
@Command(name = "analogy", description = {
        "Solve 'A is to B as C is to ?' (the answer is near B − A + C), e.g. `analogy MODEL man king woman` → queen.",
        "Also takes one expression: `analogy MODEL \"king - man + woman\"`."})
final class AnalogyCommand extends BaseCommand {

    @Parameters(index = "0", paramLabel = "MODEL", description = "Model directory or vector file.")
    Path model;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "A B C | EXPR",
            description = "Three words A B C, or one expression such as \"king - man + woman\".")
    List<String> terms;

    @Option(names = {"-k", "--top"}, defaultValue = "5", description = "Answers to show (default: ${DEFAULT-VALUE}).")
    int k;

    @Option(names = "--method", defaultValue = "add", paramLabel = "add|mul",
            description = "3CosAdd (default) or 3CosMul (Levy & Goldberg 2014).")
    AnalogyMethod method;

    @Mixin
    OutputFormat format;

    @Mixin
    TokenizerOptions tokenizerOptions;

    /** oov: the query words outside the vocabulary and how many n-grams their vectors came from (fastText). */
    record Result(String expression, List<String> positive, List<String> negative, String method,
                  java.util.Map<String, Integer> oov, List<Neighbor> answers) {
    }

    @Override
    protected void run() {
        VectorExpression expression = switch (terms.size()) {
            case 1 -> VectorExpression.parse(terms.getFirst());
            case 3 -> new VectorExpression(List.of(terms.get(1), terms.get(2)), List.of(terms.get(0)));
            default -> throw new BadInputException("give three words A B C or one expression, got " + terms.size() + " arguments");
        };
        if (k < 1) {
            throw new BadInputException("-k must be at least 1, got " + k);
        }
        LoadedModel loaded = LoadedModel.open(model, tokenizerOptions);
        VectorExpression shownExpression = expression;
        expression = loaded.asTokens(expression); // a subword model's "king" is its token "Ġking", excluded as such
        OovWords oov = OovWords.of(loaded.words(), expression.tokens()); // given vectors, not rows: never answers
        List<Neighbor> answers = new Analogies(new NeighborIndex(loaded.table()))
                .solve(expression, oov.vectorsByWord(), k, method);
        String shown = describe(shownExpression);
        if (format.json()) {
            Json.print(out(), new Result(shown, expression.positive(), expression.negative(),
                    method.name().toLowerCase(java.util.Locale.ROOT), oov.ngramCounts(), answers));
            return;
        }
        oov.notes().forEach(out()::println);
        out().printf("%s ≈ ?   (%s, the query words excluded)%n", shown,
                method == AnalogyMethod.ADD ? "3CosAdd: cosine to the sum of unit vectors" : "3CosMul");
        NeighborsCommand.printNeighbors(out(), loaded.readable(answers));
    }

    /** "king − man + woman": the first positive word, then what is subtracted, then what is added. */
    static String describe(VectorExpression expression) {
        List<String> positive = expression.positive();
        StringBuilder text = new StringBuilder(positive.isEmpty() ? "" : positive.getFirst());
        for (String word : expression.negative()) {
            text.append(text.isEmpty() ? "−" : " − ").append(word);
        }
        for (String word : positive.subList(Math.min(1, positive.size()), positive.size())) {
            text.append(" + ").append(word);
        }
        return text.toString();
    }
}
