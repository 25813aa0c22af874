package dev.embedkit.cli;

import dev.embedkit.BadInputException;
import dev.embedkit.corpus.BundledCorpus;
import dev.embedkit.io.AtomicFiles;
import dev.embedkit.io.EmbeddingFiles;
import dev.embedkit.io.ModelDirectory;
import dev.embedkit.io.VectorFormat;
import dev.embedkit.server.EmbeddingServer;
import dev.embedkit.server.Limits;
import dev.embedkit.simd.Kernels;
import dev.embedkit.tokenize.WordSplitter;
import dev.embedkit.train.Checkpoint;
import dev.embedkit.train.ProgressPrinter;
import dev.embedkit.train.TrainingListener;
import dev.embedkit.train.TrainingLog;
import dev.embedkit.train.corpus.Corpus;
import dev.embedkit.train.corpus.CorpusVocabulary;
import dev.embedkit.train.corpus.TokenizedCorpus;
import dev.embedkit.train.watch.WatchedPairs;
import dev.embedkit.train.nexttoken.Combine;
import dev.embedkit.train.nexttoken.NextTokenModel;
import dev.embedkit.train.nexttoken.NextTokenProgress;
import dev.embedkit.train.nexttoken.NextTokenSettings;
import dev.embedkit.train.nexttoken.NextTokenTrainer;
import dev.embedkit.train.nexttoken.OptimizerKind;
import dev.embedkit.train.nexttoken.SoftmaxMode;
import dev.embedkit.train.word2vec.AlphaSchedule;
import dev.embedkit.train.word2vec.Word2VecModel;
import dev.embedkit.train.word2vec.Word2VecSettings;
import dev.embedkit.train.word2vec.Word2VecSettings.Architecture;
import dev.embedkit.train.word2vec.Word2VecTrainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.TypeConversionException;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code embedkit train CORPUS -o MODEL_DIR}: learns word vectors with word2vec's skip-gram or CBOW. Every setting
 * is checked, and the output directory too, before the corpus is read; word2vec's own spellings ({@code -size},
 * {@code -iter}, {@code -cbow 1}, ...) are accepted so existing scripts carry over.
 */
@Command(name = "train", description = {
        "Learn word vectors from a corpus with word2vec's skip-gram (sgns) or CBOW and negative sampling.",
        "CORPUS is a text file, a .gz file, a directory of them, or 'bundled' (the bundled King James Bible).",
        "Words are split at whitespace with case kept, as word2vec does ('bundled': at punctuation, lowercased);",
        "--split and --lowercase change that, and the model records it."})
final class TrainCommand extends BaseCommand {

    enum ModelKind { SGNS, CBOW, NEXT_TOKEN }

    private static final List<String> WORD2VEC_ONLY = List.of("--window", "--sample", "--threads",
            "--checkpoint-every", "--checkpoint-dir", "--resume", "--save-word2vec", "--hogbatch", "--tokenizer",
            "--watch", "--subwords", "--buckets", "--alpha-schedule");
    private static final List<String> NEXT_TOKEN_ONLY = List.of("--context", "--combine", "--optimizer",
            "--batch-size", "--softmax", "--held-out");

    @Parameters(index = "0", arity = "0..1", paramLabel = "CORPUS",
            description = "Text file, .gz, directory, or 'bundled'. With --resume, defaults to the checkpoint's corpus.")
    String corpus;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "MODEL_DIR",
            description = "Model directory to write.")
    Path output;

    @Option(names = "--model", paramLabel = "sgns|cbow|next-token", converter = ModelKindConverter.class,
            description = "What to train (default: sgns).")
    ModelKind model;

    @Option(names = "-cbow", paramLabel = "0|1", description = "word2vec's spelling: 1 = CBOW, 0 = skip-gram.")
    Integer word2vecCbow;

    @Option(names = {"--dim", "-size"}, defaultValue = "100",
            description = "Vector size d (default: ${DEFAULT-VALUE}).")
    int dim;

    @Option(names = {"--window", "-window"}, defaultValue = "5",
            description = "Largest context distance (default: ${DEFAULT-VALUE}).")
    int window;

    @Option(names = {"--negative", "-negative"},
            description = "Noise words per pair (sgns/cbow, default 5) or sampled-softmax negatives (next-token, default 64).")
    Integer negative;

    @Option(names = {"--sample", "-sample"}, defaultValue = "1e-3",
            description = "Subsampling threshold for frequent words, 0 = off (default: ${DEFAULT-VALUE}).")
    double sample;

    @Option(names = {"--min-count", "-min-count"}, defaultValue = "5",
            description = "Drop rarer words (default: ${DEFAULT-VALUE}).")
    long minCount;

    @Option(names = "--max-vocab", defaultValue = "" + Integer.MAX_VALUE, description = "Keep at most this many words.")
    int maxVocab;

    @Option(names = {"--epochs", "-iter"}, defaultValue = "5",
            description = "Passes over the corpus (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = {"--threads", "-threads"},
            description = "Training threads (default: the number of cores; 1 with --deterministic).")
    Integer threads;

    @Option(names = {"--alpha", "-alpha"}, description = "Starting learning rate (default: 0.025 sgns, 0.05 cbow).")
    Double alpha;

    @Option(names = "--alpha-schedule", defaultValue = "linear", paramLabel = "linear|gensim-corpus-file",
            description = "How alpha falls: word2vec's linear decay (default), or gensim 4.2's corpus_file saw-tooth"
                    + " (each epoch falls only 1/threads of its share), to compare with gensim at its own rates.")
    String alphaSchedule;

    @Option(names = "--seed", defaultValue = "1",
            description = "Seed of every random choice (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--deterministic",
            description = "Bit-identical repeats: needs --threads 1 and uses the scalar kernels (slower).")
    boolean deterministic;

    @Option(names = "--hogbatch", description = "Share one draw of noise words and train as small matrix products"
            + " (HogBatch): sgns, the context words of each window; cbow, words whose windows are disjoint.")
    boolean hogBatch;

    @Mixin
    TokenizerOptions tokenizerOptions;

    @Option(names = "--context", defaultValue = "3",
            description = "next-token: how many previous tokens form the context (default: ${DEFAULT-VALUE}).")
    int context;

    @Option(names = "--combine", defaultValue = "positional", paramLabel = "mean|positional",
            description = "next-token: h is the mean of the context rows or a learned weighting (default: ${DEFAULT-VALUE}).")
    String combine;

    @Option(names = "--optimizer", defaultValue = "adam", paramLabel = "sgd|adam",
            description = "next-token: update rule (default: ${DEFAULT-VALUE}).")
    String optimizer;

    @Option(names = "--batch-size", defaultValue = "256", // NextTokenSettings.defaults()
            description = "next-token: positions per minibatch (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--softmax", defaultValue = "auto", paramLabel = "auto|full|sampled",
            description = "next-token: full softmax, or the target plus sampled negatives; auto = full up to "
                    + SoftmaxMode.AUTO_FULL_MAX_VOCAB + " tokens (default: ${DEFAULT-VALUE}).")
    String softmax;

    @Option(names = "--held-out", defaultValue = "0.1", paramLabel = "FRACTION",
            description = "next-token: the last fraction of lines, scored for loss and perplexity (default: ${DEFAULT-VALUE}).")
    double heldOut;

    @Mixin
    SubwordTrainingOptions subwordOptions;

    @Option(names = "--log", paramLabel = "FILE", description = "Write a JSON line per progress report to FILE.")
    Path log;

    @Option(names = "--checkpoint-every", paramLabel = "WORDS",
            description = "Write a resumable checkpoint each time this many more corpus words are done.")
    Long checkpointEvery;

    @Option(names = "--checkpoint-dir", paramLabel = "DIR",
            description = "Where checkpoints go (default: MODEL_DIR.checkpoint).")
    Path checkpointDir;

    @Option(names = "--resume", paramLabel = "DIR",
            description = "Continue the run whose checkpoints are in DIR, with the settings recorded there.")
    Path resume;

    @Mixin
    SubwordOptions ngramOptions = new SubwordOptions();

    @Option(names = "--overwrite", description = "Replace MODEL_DIR if it already holds a model.")
    boolean overwrite;

    @Option(names = "--save-word2vec", paramLabel = "FILE.bin|FILE.txt",
            description = "Also write word2vec binary or text.")
    Path word2vecFile;

    @Option(names = "--serve", description = "While training, stream the --log FILE as Server-Sent Events over HTTP"
            + " (the URL is printed on stderr; the server stops when training ends).")
    boolean serve;

    @Option(names = "--port", defaultValue = "8080",
            description = "With --serve: TCP port on 127.0.0.1, 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Override
    protected void run() throws IOException {
        if (!serve) {
            if (spec.commandLine().getParseResult().hasMatchedOption("--port")) {
                throw new BadInputException("--port sets where --serve listens; add --serve");
            }
            train();
            return;
        }
        if (log == null) {
            throw new BadInputException("--serve streams the training log: give --log FILE too");
        }
        try (EmbeddingServer server = new EmbeddingServer("127.0.0.1", port, Limits.DEFAULT, List.of(), log).start()) {
            spec.commandLine().getErr().printf("training log streaming at %s/api/v1/training/log%n", server.url());
            spec.commandLine().getErr().flush();
            train();
        }
    }

    private void train() throws IOException {
        ModelKind kind = modelKind();
        refuseOptionsNotFor(kind);
        if (kind == ModelKind.NEXT_TOKEN) {
            trainNextToken();
            return;
        }
        VectorFormat word2vecFormat = word2vecFormat();
        checkOutput(output);
        Word2VecTrainer trainer;
        Checkpoint checkpoint = null;
        if (resume != null) {
            checkpoint = Checkpoint.load(resume);
            trainer = Word2VecTrainer.continuing(checkpoint);
            if (corpus == null) {
                corpus = BundledCorpus.NAME.equals(checkpoint.state().get("corpus")) ? "bundled"
                        : (String) checkpoint.state().get("corpus");
            }
        } else {
            if (corpus == null) {
                throw new BadInputException("give a CORPUS (a file, a directory or 'bundled')");
            }
            Architecture architecture = kind == ModelKind.CBOW ? Architecture.CBOW : Architecture.SKIP_GRAM;
            int threadCount = threads != null ? threads : deterministic ? 1 : Runtime.getRuntime().availableProcessors();
            Word2VecSettings settings = new Word2VecSettings(architecture, dim, window, negative != null ? negative : 5,
                    sample, minCount,
                    maxVocab, epochs, threadCount, alpha != null ? alpha : Word2VecSettings.defaultAlpha(architecture),
                    seed, deterministic, hogBatch, AlphaSchedule.parse(alphaSchedule));
            trainer = new Word2VecTrainer(settings, splitter());
        }
        WatchedPairs watched = subwordOptions.configure(trainer, spec);
        Corpus text = openCorpus();
        if (resume == null) {
            ngramOptions.applyTo(trainer);
        } else if (ngramOptions.ngrams() != null) {
            throw new BadInputException("--subwords and --buckets are recorded in the checkpoint; --resume continues"
                    + " with them");
        }
        if (checkpointEvery != null) {
            trainer.checkpoints(checkpointDir != null ? checkpointDir : resume != null ? resume
                    : output.resolveSibling(output.getFileName() + ".checkpoint"), checkpointEvery);
        }

        List<TrainingListener> listeners = new ArrayList<>();
        listeners.add(ProgressPrinter.forConsole(spec.commandLine().getErr(), 10));
        TrainingLog trainingLog = log != null ? new TrainingLog(log, watched::logFields) : null;
        if (trainingLog != null) {
            listeners.add(trainingLog);
        }
        trainer.listener(TrainingListener.all(listeners));
        Word2VecModel result;
        try {
            result = checkpoint != null ? trainer.resume(text, checkpoint) : trainer.train(text);
        } finally {
            if (trainingLog != null) {
                trainingLog.close();
            }
        }
        subwordOptions.save(result, output);
        if (word2vecFormat != null) {
            EmbeddingFiles.save(result.table(), word2vecFile, word2vecFormat);
        }
        Word2VecSettings settings = result.settings();
        long words = settings.epochs() * CorpusVocabulary.trainWords(result.vocabulary());
        out().printf(Locale.ROOT, "%s on %s: V=%d, d=%d, %d epochs, %d threads, %,d words in %.1f s (%,.0f words/s)%n",
                (settings.architecture() == Architecture.CBOW ? "cbow" : "sgns") + (settings.hogBatch() ? " (hogbatch)" : "")
                        + (settings.alphaSchedule() == AlphaSchedule.LINEAR ? ""
                                : " (alpha " + settings.alphaSchedule().spelling() + ")"),
                text.name(), result.vocabulary().size(),
                settings.dim(), settings.epochs(), settings.threads(), words, result.seconds(), words / result.seconds());
        out().printf("model → %s%s%n", output, word2vecFile != null ? ", word2vec → " + word2vecFile : "");
        subwordOptions.printWatched(out(), watched);
    }

    /**
     * The tied next-token model: the corpus is read once for the vocabulary (unknown words become &lt;unk&gt;, so
     * contexts keep their length) and once into memory as IDs, one sentence per line; progress is one line per
     * epoch with the held-out loss and perplexity.
     */
    private void trainNextToken() throws IOException {
        if (corpus == null) {
            throw new BadInputException("give a CORPUS (a file, a directory or 'bundled')");
        }
        checkOutput(output);
        OptimizerKind optimizerKind = parseOption("--optimizer", optimizer, OptimizerKind.class);
        NextTokenSettings settings = NextTokenSettings.defaults().withDim(dim).withContext(context)
                .withCombine(Combine.parse(combine))
                .withOptimizer(optimizerKind, alpha != null ? alpha : NextTokenSettings.defaultLearningRate(optimizerKind))
                .withEpochs(epochs).withBatchSize(batchSize).withSeed(seed).withHeldOutFraction(heldOut)
                .withSoftmax(parseOption("--softmax", softmax, SoftmaxMode.class),
                        negative != null ? negative : NextTokenSettings.defaults().negatives());
        Corpus text = openCorpus();
        WordSplitter splitter = splitter();
        TokenizedCorpus data = TokenizedCorpus.read(text, splitter, minCount, maxVocab);

        PrintWriter err = spec.commandLine().getErr();
        err.printf(Locale.ROOT, "next-token on %s: %,d lines, %,d tokens, V=%,d (+%s), d=%d, k=%d, %s, %s%n",
                text.name(), data.sentences().size(), data.tokens(), data.vocabulary().size(), NextTokenModel.BOS,
                dim, context, settings.combine().configName(), settings.optimizer().name().toLowerCase(Locale.ROOT));
        TrainingLog trainingLog = log != null ? new TrainingLog(log) : null;
        NextTokenModel model;
        try {
            model = NextTokenTrainer.train(data.sentences(), data.vocabulary(), settings, progress -> {
                err.println(describe(progress));
                err.flush();
                if (trainingLog != null) {
                    trainingLog.record(progress.toLogFields());
                }
            }, deterministic ? Kernels.scalar() : Kernels.get()).withSplitter(splitter);
        } finally {
            if (trainingLog != null) {
                trainingLog.close();
            }
        }
        model.save(output, Map.of("training", settings.toConfigMap(), "corpus", text.name()));
        out().printf("model → %s   (try: ./embedkit predict %s \"TEXT\")%n", output, output);
    }

    private static String describe(NextTokenProgress p) {
        String train = p.epoch() == 0 ? "untrained" : String.format(Locale.ROOT, "train loss %.4f (%s softmax)",
                p.trainLoss(), p.softmax().name().toLowerCase(Locale.ROOT));
        return String.format(Locale.ROOT, "epoch %d/%d  %s  held-out loss %.4f  perplexity %.1f  (%,d positions)  %.1f s",
                p.epoch(), p.epochs(), train, p.heldOutLoss(), p.heldOutPerplexity(), p.heldOutPositions(), p.seconds());
    }

    private static <E extends Enum<E>> E parseOption(String option, String value, Class<E> type) {
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(value)) {
                return constant;
            }
        }
        throw new BadInputException(option + " " + value + " is not one of " + Arrays.stream(type.getEnumConstants())
                .map(c -> c.name().toLowerCase(Locale.ROOT)).toList());
    }

    /** Options of one kind of model refused for the other, so a setting never silently does nothing. */
    private void refuseOptionsNotFor(ModelKind kind) {
        List<String> foreign = kind == ModelKind.NEXT_TOKEN ? WORD2VEC_ONLY : NEXT_TOKEN_ONLY;
        for (String option : foreign) {
            if (spec.commandLine().getParseResult().hasMatchedOption(option)) {
                throw new BadInputException(option + " does not apply to --model "
                        + kind.name().toLowerCase(Locale.ROOT).replace('_', '-')
                        + (kind == ModelKind.NEXT_TOKEN ? " (it trains on one thread, without checkpoints)" : ""));
            }
        }
    }

    private Corpus openCorpus() {
        return corpus.equals("bundled") ? Corpus.bundled() : Corpus.open(Path.of(corpus));
    }

    private ModelKind modelKind() {
        if (word2vecCbow == null) {
            return model != null ? model : ModelKind.SGNS;
        }
        if (word2vecCbow != 0 && word2vecCbow != 1) {
            throw new BadInputException("-cbow takes 0 (skip-gram) or 1 (CBOW), got " + word2vecCbow);
        }
        ModelKind fromCbow = word2vecCbow == 1 ? ModelKind.CBOW : ModelKind.SGNS;
        if (model != null && model != fromCbow) {
            throw new BadInputException("--model " + model.name().toLowerCase(Locale.ROOT) + " contradicts -cbow "
                    + word2vecCbow);
        }
        return fromCbow;
    }

    /** word2vec's conventions (split at whitespace, keep case); for 'bundled' the quickstart's (punctuation, lower). */
    private WordSplitter splitter() {
        WordSplitter fallback = "bundled".equals(corpus) ? new WordSplitter(WordSplitter.Mode.PUNCTUATION, true)
                : new WordSplitter(WordSplitter.Mode.WHITESPACE, false);
        return tokenizerOptions.resolve(fallback);
    }

    private VectorFormat word2vecFormat() {
        if (word2vecFile == null) {
            return null;
        }
        String name = word2vecFile.getFileName().toString();
        if (name.endsWith(".bin")) {
            return VectorFormat.WORD2VEC_BINARY;
        }
        if (name.endsWith(".txt")) {
            return VectorFormat.WORD2VEC_TEXT;
        }
        throw new BadInputException("--save-word2vec " + word2vecFile
                + ": the name must end in .bin (binary) or .txt (text)");
    }

    /** Refuses, before any work, an output that holds another model (unless --overwrite) or unrelated files. */
    private void checkOutput(Path dir) throws IOException {
        AtomicFiles.recover(dir); // a model a killed --overwrite moved aside is put back first, and so protected
        if (!Files.exists(dir)) {
            return;
        }
        if (!Files.isDirectory(dir)) {
            throw new BadInputException("output " + dir + " exists and is not a directory");
        }
        boolean empty;
        try (Stream<Path> entries = Files.list(dir)) {
            empty = entries.findAny().isEmpty();
        }
        if (empty) {
            return;
        }
        if (!Files.exists(dir.resolve(ModelDirectory.CONFIG))) {
            throw new BadInputException("output " + dir + " is not empty and not a model directory; choose another");
        }
        if (!overwrite) {
            throw new BadInputException("output " + dir + " already holds a model; pass --overwrite to replace it");
        }
    }

    static final class ModelKindConverter implements ITypeConverter<ModelKind> {
        @Override
        public ModelKind convert(String value) {
            return switch (value.toLowerCase(Locale.ROOT)) {
                case "sgns", "skip-gram", "skipgram" -> ModelKind.SGNS;
                case "cbow" -> ModelKind.CBOW;
                case "next-token" -> ModelKind.NEXT_TOKEN;
                default -> throw new TypeConversionException(
                        "'" + value + "' is not a model: use sgns, cbow or next-token");
            };
        }
    }
}
