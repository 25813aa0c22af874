package dev.embedkit.cli;

import dev.embedkit.BadInputException;
import dev.embedkit.tokenize.Tokenizers;
import dev.embedkit.train.watch.WatchedPairs;
import dev.embedkit.train.word2vec.Word2VecModel;
import dev.embedkit.train.word2vec.Word2VecTrainer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code train}'s options for training over a subword tokenizer's tokens ({@code --tokenizer DIR}) and for
 * watching word pairs' cosine similarity in the training log ({@code --watch A:B}).
 */
final class SubwordTrainingOptions {
    /** Options that do not fit a run over a tokenizer's fixed ID space (or are not yet supported there). */
    private static final List<String> NOT_WITH_TOKENIZER = List.of("--max-vocab", "--split", "--lowercase",
            "--checkpoint-every", "--checkpoint-dir", "--resume");

    @Option(names = "--tokenizer", paramLabel = "DIR",
            description = {"Train over the subword tokens of the tokenizer in DIR (tokenizer.json, or encoder.json +",
                    "vocab.bpe; 'embedkit tokenizer train' writes one). Row i of the model is token ID i; the model",
                    "keeps a copy of the tokenizer, and any word gets a vector (composed from its tokens)."})
    Path tokenizer;

    @Option(names = "--watch", paramLabel = "A:B",
            description = {"Record the cosine similarity of words A and B in the --log at every report (repeatable;",
                    "default: cat:dog and king:queen where both are in the vocabulary). See 'tour MODEL learned'."})
    List<String> watch = new ArrayList<>();

    /** Sets the trainer's tokenizer (with --tokenizer) and watched pairs; returns the pairs for the log. */
    WatchedPairs configure(Word2VecTrainer trainer, CommandSpec spec) {
        if (tokenizer != null) {
            for (String option : NOT_WITH_TOKENIZER) {
                if (spec.commandLine().getParseResult().hasMatchedOption(option)) {
                    throw new BadInputException(option + " does not apply with --tokenizer (the tokenizer's tokens are"
                            + " the vocabulary" + (option.startsWith("--check") || option.equals("--resume")
                            ? "; checkpoints of a run over a tokenizer's tokens are not supported yet)" : ")"));
                }
            }
            trainer.subwordTokenizer(Tokenizers.load(tokenizer));
        }
        WatchedPairs pairs = WatchedPairs.of(watch);
        trainer.watch(pairs);
        return pairs;
    }

    void save(Word2VecModel model, Path output) {
        if (tokenizer != null) {
            model.save(output, tokenizer);
        } else {
            model.save(output);
        }
    }

    /** "watched: cat:dog 0.412, king:queen 0.530" from the final table; nothing if no pair was watched. */
    void printWatched(PrintWriter out, WatchedPairs pairs) {
        if (pairs.logFields().get(WatchedPairs.LOG_FIELD) instanceof Map<?, ?> cosines) {
            List<String> shown = new ArrayList<>();
            cosines.forEach((pair, cosine) -> shown.add(String.format(Locale.ROOT, "%s %.3f", pair, (Double) cosine)));
            out.printf("watched cosine: %s   (try: ./embedkit tour MODEL learned --log LOG)%n", String.join(", ", shown));
        }
    }
}
