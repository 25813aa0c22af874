package dev.embedkit.cli;

import dev.embedkit.tokenize.WordSplitter;
import picocli.CommandLine.Option;

/**
 * How text is split into words for a model. A model directory records its own splitter; formats that
 * do not (word2vec, GloVe, .vec) default to whitespace splitting without lowercasing, as their tools do.
 */
final class TokenizerOptions {
    @Option(names = "--split", paramLabel = "whitespace|punctuation|letters_only",
            description = "How text is split into words (default: the model's own, or whitespace).")
    WordSplitter.Mode split;

    @Option(names = "--lowercase", negatable = true,
            description = "Lowercase text before lookup (default: the model's own setting, or no).")
    Boolean lowercase;

    /** Whether the user gave --split or --lowercase. */
    boolean isSet() {
        return split != null || lowercase != null;
    }

    WordSplitter resolve(WordSplitter modelDefault) {
        return new WordSplitter(split != null ? split : modelDefault.mode(),
                lowercase != null ? lowercase : modelDefault.lowercase());
    }
}
