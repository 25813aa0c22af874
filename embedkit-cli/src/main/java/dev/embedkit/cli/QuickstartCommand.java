package dev.embedkit.cli;

import dev.embedkit.corpus.BundledCorpus;
import dev.embedkit.embed.EmbeddingTable;
import dev.embedkit.embed.Initializer;
import dev.embedkit.embed.TokenScore;
import dev.embedkit.embed.Unembedding;
import dev.embedkit.io.ModelConfig;
import dev.embedkit.io.ModelDirectory;
import dev.embedkit.tensor.HeapMatrix;
import dev.embedkit.tokenize.WordSplitter;
import dev.embedkit.tokenize.WordTokenizer;
import dev.embedkit.vocab.Vocabulary;
import dev.embedkit.vocab.VocabularyBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@code embedkit quickstart}: the whole chapter on the bundled corpus, with nothing downloaded — a vocabulary
 * from real text, a table of random rows, and one sentence walked from text to logits and back to tokens.
 */
@Command(name = "quickstart", description = {
        "Walk the pipeline on the bundled public-domain corpus (King James Bible): build a vocabulary,",
        "initialize a random table, then text → tokens → IDs → rows → stacked matrix → logits → tokens.",
        "Saves the model directory so the other commands can be tried on it."})
final class QuickstartCommand extends BaseCommand {

    @Option(names = "--text", defaultValue = "Let there be light", description = "The sentence to walk (default: ${DEFAULT-VALUE}).")
    String text;

    @Option(names = "--dim", defaultValue = "32", description = "Embedding dimension d (default: ${DEFAULT-VALUE}).")
    int dim;

    @Option(names = "--min-count", defaultValue = "2", description = "Drop words seen fewer times (default: ${DEFAULT-VALUE}).")
    long minCount;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the random initialization (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--init", defaultValue = "uniform", description = "uniform (word2vec) or normal[:STDDEV] (default: ${DEFAULT-VALUE}).")
    String init;

    @Option(names = {"-k", "--top"}, defaultValue = "5", description = "Tokens shown from the unembedding (default: ${DEFAULT-VALUE}).")
    int k;

    @Option(names = {"-o", "--output"}, defaultValue = "quickstart-model",
            description = "Where to save the model directory (default: ${DEFAULT-VALUE}).")
    Path output;

    @Override
    protected void run() {
        if (dim < 1) {
            throw new dev.embedkit.BadInputException("--dim must be at least 1, got " + dim);
        }
        WordSplitter splitter = new WordSplitter(WordSplitter.Mode.PUNCTUATION, true);
        List<String> lines = BundledCorpus.lines();
        VocabularyBuilder builder = new VocabularyBuilder().minCount(minCount).mapUnknownTo(Vocabulary.DEFAULT_UNK);
        long words = 0;
        for (String line : lines) {
            List<String> split = splitter.split(line);
            builder.addAll(split);
            words += split.size();
        }
        Vocabulary vocab = builder.build();
        out().printf(Locale.ROOT, "corpus       %s: %,d lines, %,d words, %,d distinct%n",
                BundledCorpus.NAME, lines.size(), words, builder.distinctTokens());
        out().printf(Locale.ROOT, "vocabulary   V=%,d tokens (min-count %d, sorted by frequency; ID 0 is %s for unknown words)%n",
                vocab.size(), minCount, vocab.token(0));
        out().printf("             most frequent: %s%n", vocab.tokens().subList(1, Math.min(11, vocab.size())));

        Initializer initializer = Initializer.parse(init);
        EmbeddingTable table = new EmbeddingTable(vocab, initializer.create(vocab.size(), dim, seed)); // (V, d)
        out().printf(Locale.ROOT, "table        E: V=%,d × d=%d of random noise (%s, seed %d); it means nothing yet%n%n",
                vocab.size(), dim, init, seed);

        WordTokenizer tokenizer = new WordTokenizer(splitter, vocab);
        int[] ids = tokenizer.encode(text);
        List<String> tokens = tokenizer.tokenize(text);
        MatrixPrinter printer = new MatrixPrinter(4, 6);
        out().printf("text         \"%s\"%n", text);
        out().printf("1. tokenize  %s%n", String.join(" | ", tokens));
        out().printf("2. IDs       %s   (arbitrary: ID %d is not 'close' to ID %d)%n", Arrays.toString(ids),
                ids.length == 0 ? 0 : ids[0], ids.length == 0 ? 1 : ids[0] + 1);
        HeapMatrix stacked = table.lookup(ids); // (n, d)
        out().printf("3. look up   each ID selects its row of E — pure indexing, no multiplication%n");
        for (int j = 0; j < ids.length; j++) {
            out().printf("   %-18s %s%n", "E[" + ids[j] + "] " + tokens.get(j), printer.vector(stacked.data(), j * dim, dim));
        }
        out().printf("4. stack     X: %d×%d, the rows above in order: the matrix a Transformer reads%n", stacked.rows(), stacked.cols());
        if (ids.length == 0) {
            out().println("   (the text has no words, so there is nothing to unembed)");
        } else {
            float[] h = stacked.row(stacked.rows() - 1);
            List<TokenScore> top = Unembedding.tied(table).topK(h, k, 1.0);
            out().printf(Locale.ROOT, "5. unembed   h = the last row (no model yet); logits = h·Eᵀ over all %,d rows, softmax, top-%d:%n",
                    vocab.size(), k);
            UnembedCommand.printScores(out(), top);
            out().printf(Locale.ROOT, "             the table is still noise: h's own token wins the lineup, and the probabilities"
                    + " are near uniform (1/V = %.6f)%n", 1.0 / vocab.size());
        }
        ModelDirectory.save(table, ModelConfig.forTable(table, splitter), output);
        out().printf("%nsaved        %s (config.json, vocab.txt, embeddings.safetensors)%n", output);
        out().printf("next         ./embedkit info %s%n", output);
        out().printf("             ./embedkit embed %s \"In the beginning\"%n", output);
        out().printf("             ./embedkit neighbors %s light%n", output);
    }
}
