package dev.embedkit.cli;

import dev.embedkit.BadInputException;
import dev.embedkit.corpus.BundledCorpus;
import dev.embedkit.embed.EmbeddingTable;
import dev.embedkit.embed.Initializer;
import dev.embedkit.embed.TokenScore;
import dev.embedkit.embed.Unembedding;
import dev.embedkit.search.Analogies;
import dev.embedkit.search.AnalogyMethod;
import dev.embedkit.search.Neighbor;
import dev.embedkit.search.NeighborIndex;
import dev.embedkit.tensor.HeapMatrix;
import dev.embedkit.tokenize.WordSplitter;
import dev.embedkit.tokenize.WordTokenizer;
import dev.embedkit.train.ProgressPrinter;
import dev.embedkit.train.corpus.Corpus;
import dev.embedkit.train.corpus.CorpusVocabulary;
import dev.embedkit.train.corpus.TokenizedCorpus;
import dev.embedkit.train.nexttoken.NextTokenModel;
import dev.embedkit.train.nexttoken.NextTokenProgress;
import dev.embedkit.train.nexttoken.NextTokenSettings;
import dev.embedkit.train.nexttoken.NextTokenTrainer;
import dev.embedkit.train.word2vec.Word2VecModel;
import dev.embedkit.train.word2vec.Word2VecSettings;
import dev.embedkit.train.word2vec.Word2VecTrainer;
import dev.embedkit.vocab.Vocabulary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code embedkit quickstart}: the whole chapter on the bundled corpus, with nothing downloaded, in about a minute
 * on two cores — a vocabulary from real text, a table of random rows walked from text to logits, then the table
 * learned from usage (skip-gram with negative sampling): neighbours before and after, one analogy, and a tied
 * next-token model predicting the next word.
 */
@Command(name = "quickstart", description = {
        "Walk the pipeline on the bundled public-domain corpus (King James Bible): build a vocabulary,",
        "initialize a random table, text → tokens → IDs → rows → stacked matrix → logits → tokens; then learn",
        "the table with skip-gram (neighbours before and after, an analogy) and train a tied next-token model.",
        "Saves both model directories so the other commands can be tried on them."})
final class QuickstartCommand extends BaseCommand {

    @Option(names = "--text", defaultValue = "Let there be light", description = "The sentence to walk (default: ${DEFAULT-VALUE}).")
    String text;

    @Option(names = "--dim", defaultValue = "100", description = "Embedding dimension d (default: ${DEFAULT-VALUE}).")
    int dim;

    @Option(names = "--min-count", defaultValue = "5", description = "Drop words seen fewer times (default: ${DEFAULT-VALUE}).")
    long minCount;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of every random choice (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--init", defaultValue = "uniform", description = "uniform (word2vec) or normal[:STDDEV] (default: ${DEFAULT-VALUE}).")
    String init;

    @Option(names = {"-k", "--top"}, defaultValue = "5", description = "Tokens shown per list (default: ${DEFAULT-VALUE}).")
    int k;

    @Option(names = "--words", split = ",", defaultValue = "god,king,water,light,sword",
            description = "Words whose neighbours are shown before and after training (default: ${DEFAULT-VALUE}).")
    List<String> words;

    @Option(names = "--analogy", defaultValue = "he,his,she", split = ",", paramLabel = "A,B,C",
            description = "A is to B as C is to ? (default: ${DEFAULT-VALUE}).")
    List<String> analogy;

    @Option(names = "--prompt", defaultValue = "the children of",
            description = "Text whose next word the next-token model predicts (default: ${DEFAULT-VALUE}).")
    String prompt;

    @Option(names = "--epochs", defaultValue = "5", description = "Skip-gram epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--next-token-epochs", defaultValue = "1",
            description = "Next-token epochs, 0 to skip that model (default: ${DEFAULT-VALUE}).")
    int nextTokenEpochs;

    @Option(names = {"-o", "--output"}, defaultValue = "quickstart-model",
            description = "Where to save the learned word vectors (default: ${DEFAULT-VALUE}).")
    Path output;

    @Option(names = "--next-token-output", defaultValue = "quickstart-next-token",
            description = "Where to save the next-token model (default: ${DEFAULT-VALUE}).")
    Path nextTokenOutput;

    @Override
    protected void run() {
        if (dim < 1) {
            throw new BadInputException("--dim must be at least 1, got " + dim);
        }
        if (analogy.size() != 3) {
            throw new BadInputException("--analogy takes three words A,B,C, got " + analogy);
        }
        WordSplitter splitter = new WordSplitter(WordSplitter.Mode.PUNCTUATION, true);
        Corpus corpus = Corpus.bundled();
        TokenizedCorpus data = TokenizedCorpus.read(corpus, splitter, minCount, Integer.MAX_VALUE);
        Vocabulary vocab = data.vocabulary();
        out().printf(Locale.ROOT, "corpus       %s: %,d lines, %,d words%n", corpus.name(), data.sentences().size(),
                data.tokens());
        out().printf(Locale.ROOT, "vocabulary   V=%,d tokens (min-count %d, sorted by frequency; ID 0 is %s for the rarer words)%n",
                vocab.size(), minCount, vocab.token(0));
        out().printf("             most frequent: %s%n", vocab.tokens().subList(1, Math.min(11, vocab.size())));

        EmbeddingTable table = new EmbeddingTable(vocab, Initializer.parse(init).create(vocab.size(), dim, seed)); // (V, d)
        out().printf(Locale.ROOT, "table        E: V=%,d × d=%d of random noise (%s, seed %d); it means nothing yet%n%n",
                vocab.size(), dim, init, seed);
        walk(table, splitter);

        out().printf("%n6. learn     skip-gram with negative sampling: each word's row is pushed toward the rows of the"
                + " words around it%n             and away from random words, %d passes over the corpus%n", epochs);
        Word2VecModel learned = learn(corpus, splitter);
        compareNeighbours(new NeighborIndex(table), new NeighborIndex(learned.table()));
        solveAnalogy(new NeighborIndex(learned.table()));
        learned.save(output);
        out().printf("%nsaved        %s (the learned vectors: config.json, vocab.txt, embeddings.safetensors)%n", output);

        if (nextTokenEpochs > 0) {
            predictNextToken(data, splitter);
        }
        out().printf("%nnext         ./embedkit neighbors %s light%n", output);
        out().printf("             ./embedkit analogy %s \"king - man + woman\"%n", output);
        out().printf("             ./embedkit embed %s \"In the beginning\"%n", output);
        if (nextTokenEpochs > 0) {
            out().printf("             ./embedkit predict %s \"and the lord said\"%n", nextTokenOutput);
        }
    }

    /** Steps 1–5 on the random table: text → tokens → IDs → rows → stacked matrix → logits. */
    private void walk(EmbeddingTable table, WordSplitter splitter) {
        WordTokenizer tokenizer = new WordTokenizer(splitter, table.vocabulary());
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
            return;
        }
        float[] h = stacked.row(stacked.rows() - 1);
        List<TokenScore> top = Unembedding.tied(table).topK(h, k, 1.0);
        out().printf(Locale.ROOT, "5. unembed   h = the last row (no model yet); logits = h·Eᵀ over all %,d rows, softmax, top-%d:%n",
                table.vocabularySize(), k);
        UnembedCommand.printScores(out(), top);
        out().printf(Locale.ROOT, "             the table is still noise: h's own token wins the lineup, and the probabilities"
                + " are near uniform (1/V = %.6f)%n", 1.0 / table.vocabularySize());
    }

    private Word2VecModel learn(Corpus corpus, WordSplitter splitter) {
        Word2VecSettings.Architecture architecture = Word2VecSettings.Architecture.SKIP_GRAM;
        Word2VecSettings settings = new Word2VecSettings(architecture, dim, 5, 5, 1e-3, minCount, Integer.MAX_VALUE,
                epochs, Runtime.getRuntime().availableProcessors(), Word2VecSettings.defaultAlpha(architecture), seed,
                false);
        Word2VecModel model = new Word2VecTrainer(settings, splitter)
                .listener(ProgressPrinter.forConsole(spec.commandLine().getErr(), 5)).train(corpus);
        long words = settings.epochs() * CorpusVocabulary.trainWords(model.vocabulary());
        out().printf(Locale.ROOT, "             %,d words in %.1f s on %d threads (%,.0f words/s)%n", words, model.seconds(),
                settings.threads(), words / model.seconds());
        return model;
    }

    /** The same words' nearest rows in the random table and in the learned one. */
    private void compareNeighbours(NeighborIndex before, NeighborIndex after) {
        out().printf("7. meaning   nearest rows by cosine, before training (noise) → after (learned from usage):%n");
        for (String word : words) {
            if (!before.table().vocabulary().contains(word) || !after.table().vocabulary().contains(word)) {
                out().printf("   %-10s (not in the vocabulary)%n", word);
                continue;
            }
            out().printf("   %-10s before: %s%n", word, tokens(before.nearest(word, k)));
            out().printf("   %-10s after:  %s%n", "", tokens(after.nearest(word, k)));
        }
    }

    private void solveAnalogy(NeighborIndex learned) {
        String a = analogy.get(0);
        String b = analogy.get(1);
        String c = analogy.get(2);
        out().printf("8. analogy   %s : %s :: %s : ?   the row nearest to %s − %s + %s (the three excluded):%n", a, b, c,
                b, a, c);
        List<Neighbor> answers = new Analogies(learned).solve(a, b, c, k, AnalogyMethod.ADD);
        out().printf("             %s%n", scored(answers));
    }

    /** A tied model (one table embeds the context and scores the next word) trained briefly, then asked. */
    private void predictNextToken(TokenizedCorpus data, WordSplitter splitter) {
        NextTokenSettings settings = NextTokenSettings.defaults().withDim(dim).withEpochs(nextTokenEpochs).withSeed(seed);
        out().printf("%n9. predict   a tied next-token model: h = weighted mean of the previous %d words' rows,"
                + " logits = h·Eᵀ + b with the%n             same table E; trained on 90%% of the lines, scored on"
                + " the rest (%d epoch%s)%n", settings.context(), nextTokenEpochs, nextTokenEpochs == 1 ? "" : "s");
        List<NextTokenProgress> reports = new ArrayList<>();
        NextTokenModel model = NextTokenTrainer.train(data.sentences(), data.vocabulary(), settings, reports::add)
                .withSplitter(splitter);
        NextTokenProgress untrained = reports.getFirst();
        NextTokenProgress best = reports.stream().skip(1)
                .min(Comparator.comparingDouble(NextTokenProgress::heldOutLoss)).orElseThrow(); // what the trainer keeps
        out().printf(Locale.ROOT, "             held-out perplexity %.1f (untrained: the unigram bias, random rows) → %.1f"
                + " after epoch %d, %.1f s%n", untrained.heldOutPerplexity(), best.heldOutPerplexity(), best.epoch(),
                reports.getLast().seconds());
        out().printf("             \"%s\" → %s%n", prompt, scoredTokens(model.predict(prompt, k, 1.0)));
        out().printf("             (with nothing between lookup and unembedding, h·E[t] is largest for words like the"
                + " context itself,%n              so this model leans toward repeating what it just read: the work"
                + " a Transformer's layers do)%n");
        model.save(nextTokenOutput, Map.of("training", settings.toConfigMap(), "corpus", BundledCorpus.NAME));
        out().printf("saved        %s (the next-token model)%n", nextTokenOutput);
    }

    private static String tokens(List<Neighbor> neighbors) {
        return String.join(", ", neighbors.stream().map(Neighbor::token).toList());
    }

    private static String scored(List<Neighbor> neighbors) {
        return String.join(", ", neighbors.stream()
                .map(n -> String.format(Locale.ROOT, "%s (%.3f)", n.token(), n.score())).toList());
    }

    private static String scoredTokens(List<TokenScore> scores) {
        return String.join(", ", scores.stream()
                .map(s -> String.format(Locale.ROOT, "%s (%.3f)", s.token(), s.probability())).toList());
    }
}
