package dev.embedkit.cli;

import dev.embedkit.BadInputException;
import dev.embedkit.tokenize.Tokenizers;
import dev.embedkit.tokenize.hf.ByteLevelBpeJson;
import dev.embedkit.train.corpus.Corpus;
import dev.embedkit.train.tokenizer.BpeTrainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/** {@code embedkit tokenizer train CORPUS --vocab-size N -o DIR}: learns a byte-level BPE and writes DIR/tokenizer.json. */
@Command(name = "train", description = {
        "Learn a byte-level BPE (GPT-2's scheme) from CORPUS; write DIR/tokenizer.json.",
        "Lines are split by GPT-2's pattern; the 256 bytes are IDs 0-255; then the most",
        "frequent adjacent pair is merged until the vocabulary is full (ties: the",
        "lexicographically smallest pair)."})
final class TokenizerTrainCommand extends BaseCommand {

    @Parameters(index = "0", paramLabel = "CORPUS", description = "A text file, .gz file or directory of them.")
    Path corpus;

    @Option(names = "--vocab-size", required = true, paramLabel = "N", description = "Tokens to end with (at least 256).")
    int vocabSize;

    @Option(names = "--min-count", defaultValue = "2", paramLabel = "N",
            description = "Stop early when the best pair occurs fewer times (default: ${DEFAULT-VALUE}).")
    long minCount;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "DIR", description = "Directory for tokenizer.json.")
    Path output;

    @Option(names = "--overwrite", description = "Replace DIR/tokenizer.json if it exists.")
    boolean overwrite;

    @Override
    protected void run() throws IOException {
        Path target = output.resolve(Tokenizers.TOKENIZER_JSON);
        if (Files.exists(output) && !Files.isDirectory(output)) {
            throw new BadInputException("output " + output + " exists and is not a directory");
        }
        if (Files.exists(target) && !overwrite) {
            throw new BadInputException(target + " exists; pass --overwrite to replace it");
        }
        BpeTrainer.Result result = BpeTrainer.train(Corpus.open(corpus), vocabSize, minCount);
        Files.createDirectories(output);
        ByteLevelBpeJson.write(target, result.vocab(), result.merges(), Set.of());
        out().printf("corpus       %s: %,d pieces, %,d distinct%n", corpus, result.words(), result.distinctWords());
        out().printf("vocabulary   %,d tokens = 256 bytes + %,d merges%s%n", result.vocab().size(), result.merges().size(),
                result.vocab().size() < vocabSize ? " (no pair left with count >= " + minCount + ")" : "");
        int shown = Math.min(10, result.merges().size());
        for (int i = 0; i < shown; i++) {
            String[] m = result.merges().get(i);
            out().printf("  merge %-4d %s + %s -> %s%n", i + 1, m[0], m[1], m[0] + m[1]);
        }
        out().printf("saved        %s%n", target);
        out().printf("next         ./embedkit tokenize --tokenizer %s \"some text\"%n", output);
    }
}
