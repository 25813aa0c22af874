package dev.embedkit.train.word2vec;

import dev.embedkit.BadInputException;
import dev.embedkit.EmbedkitException;
import dev.embedkit.embed.EmbeddingTable;
import dev.embedkit.embed.Initializer;
import dev.embedkit.embed.TokenComposedVectors;
import dev.embedkit.simd.Kernels;
import dev.embedkit.simd.VectorKernels;
import dev.embedkit.subword.CharNgrams;
import dev.embedkit.subword.SubwordVectors;
import dev.embedkit.tensor.HeapMatrix;
import dev.embedkit.tokenize.Tokenizer;
import dev.embedkit.tokenize.WordSplitter;
import dev.embedkit.train.Checkpoint;
import dev.embedkit.train.TrainingListener;
import dev.embedkit.train.TrainingProgress;
import dev.embedkit.train.corpus.Corpus;
import dev.embedkit.train.corpus.CorpusShard;
import dev.embedkit.train.corpus.CorpusVocabulary;
import dev.embedkit.train.corpus.LineTokenizer;
import dev.embedkit.train.corpus.SubwordVocabulary;
import dev.embedkit.train.watch.WatchedPairs;
import dev.embedkit.vocab.Vocabulary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Skip-gram and CBOW with negative sampling, as word2vec.c trains them: a vocabulary pass, then {@code threads}
 * threads each training on its own shard of the corpus for every epoch, updating shared tables without locks.
 * The calling thread reports progress and, every {@code checkpointEveryWords} words, all threads pause at a line
 * end while a checkpoint is written.
 *
 * <p>Determinism: with one thread and {@link Word2VecSettings#deterministic()}, a run is bit-identical when
 * repeated, in the same JVM or another. Every random choice comes from the seeded per-thread generator; the
 * initial table from the seed; the sigmoid from tables built with StrictMath; and the vector math from the scalar
 * kernels, plain Java float arithmetic, which the JLS fixes to IEEE 754 round-to-nearest in every JIT tier (Java
 * 17 made strictfp the only semantics). The Vector API kernels are not used there: their reduceLanes may sum lanes
 * in a different order once the JIT compiles the loop, changing a dot product's last bit depending on timing.
 */
public final class Word2VecTrainer {
    private static final Logger LOG = LoggerFactory.getLogger(Word2VecTrainer.class);

    private final Word2VecSettings settings;
    private final WordSplitter splitter;
    private TrainingListener listener = progress -> { };
    private Duration reportInterval = Duration.ofSeconds(1);
    private Path checkpointDir;
    private long checkpointEveryWords;
    /** Distinct words from which the vocabulary pass's counting map (~100 B a word) is collected before training. */
    private static final int LARGE_COUNTING_MAP = 100_000;
    private static final String TOKENIZER_OR_NGRAMS = "--tokenizer and --subwords are two ways to give words parts; choose one";

    private Tokenizer subwordTokenizer; // null: words split by the splitter
    private WatchedPairs watch;         // null: none
    private CharNgrams ngrams;          // null: words only

    public Word2VecTrainer(Word2VecSettings settings, WordSplitter splitter) {
        this.settings = settings;
        this.splitter = splitter;
    }

    /**
     * A trainer that continues the run {@code checkpoint} was taken from, with its settings, splitter and character
     * n-grams.
     */
    public static Word2VecTrainer continuing(Checkpoint checkpoint) {
        Object recorded = checkpoint.state().get("settings");
        if (!(recorded instanceof Map<?, ?> map) || !"word2vec".equals(checkpoint.state().get("trainer"))) {
            throw new BadInputException("the checkpoint is not from a word2vec run");
        }
        @SuppressWarnings("unchecked")
        Map<String, ?> settingsMap = (Map<String, ?>) map;
        Word2VecTrainer trainer = new Word2VecTrainer(Word2VecSettings.fromMap(settingsMap), checkpoint.splitter());
        return checkpoint.ngrams() == null ? trainer : trainer.subwords(checkpoint.ngrams());
    }

    public Word2VecTrainer listener(TrainingListener newListener) {
        this.listener = newListener;
        return this;
    }

    public Word2VecTrainer reportInterval(Duration interval) {
        this.reportInterval = interval;
        return this;
    }

    /** Writes a resumable checkpoint to {@code dir} each time another {@code everyWords} corpus words are done. */
    public Word2VecTrainer checkpoints(Path dir, long everyWords) {
        if (everyWords < 1) {
            throw new BadInputException("checkpoint-every must be at least 1 word, got " + everyWords);
        }
        this.checkpointDir = dir;
        this.checkpointEveryWords = everyWords;
        return this;
    }

    /**
     * Trains over the tokens of {@code tokenizer} instead of split words: the vocabulary is its ID space (see
     * {@link SubwordVocabulary}), and each line is streamed through it.
     */
    public Word2VecTrainer subwordTokenizer(Tokenizer tokenizer) {
        if (ngrams != null) {
            throw new BadInputException(TOKENIZER_OR_NGRAMS);
        }
        this.subwordTokenizer = tokenizer;
        return this;
    }

    /** Resolves {@code pairs} once the vocabulary is known and lets them watch the input table during training. */
    public Word2VecTrainer watch(WatchedPairs pairs) {
        this.watch = pairs;
        return this;
    }

    /**
     * Trains character n-grams too ({@link SubwordStep}): each word's input vector is the mean of its row and its
     * n-grams' bucket rows; checkpoints hold the bucket rows too.
     */
    public Word2VecTrainer subwords(CharNgrams ngrams) {
        if (!ngrams.enabled()) {
            throw new BadInputException("subwords need n-grams: minn=" + ngrams.minn() + ", maxn=" + ngrams.maxn()
                    + " gives none (need 1 <= minn <= maxn)");
        }
        if (settings.hogBatch()) {
            throw new BadInputException("--hogbatch trains words only; it does not combine with --subwords");
        }
        if (subwordTokenizer != null) {
            throw new BadInputException(TOKENIZER_OR_NGRAMS);
        }
        this.ngrams = ngrams;
        return this;
    }

    public Word2VecSettings settings() {
        return settings;
    }

    /** Builds the vocabulary from {@code corpus}, then trains from word2vec's initial tables (fastText's with n-grams). */
    public Word2VecModel train(Corpus corpus) {
        CorpusVocabulary scan = subwordTokenizer != null ? SubwordVocabulary.build(corpus, subwordTokenizer, settings.minCount())
                : CorpusVocabulary.build(corpus, splitter, settings.minCount(), settings.maxVocab());
        Vocabulary vocabulary = scan.vocabulary();
        LOG.info("vocabulary: {} words kept of {} corpus words ({} distinct) in {} lines (min-count {}){}",
                vocabulary.size(), scan.words(), scan.distinctWords(), scan.lines(), settings.minCount(),
                scan.replacedSequences() == 0 ? ""
                        : "; " + scan.replacedSequences() + " invalid UTF-8 sequences read as U+FFFD");
        if (subwordTokenizer == null && scan.distinctWords() >= LARGE_COUNTING_MAP) {
            // The pass's counting map (one entry per distinct word, about 100 bytes each) is garbage now, but it
            // outlived young collections, so it sits in the old generation, which the parallel and serial
            // collectors only collect once it fills: the tables allocated next would go above it and the process
            // would keep its pages for the whole run. Collected now, its space takes the tables instead (README,
            // "Training memory": about 30 MB on the benchmark corpus). Smaller maps are not worth a pause.
            System.gc();
        }
        // With n-grams, fastText's initialisation of words and buckets; without, word2vec's.
        Initializer initializer = ngrams != null ? new Initializer.FastTextUniform() : new Initializer.Word2VecUniform();
        HeapMatrix input = initializer.create(vocabulary.size(), settings.dim(), settings.seed());
        HeapMatrix output = HeapMatrix.zeros(vocabulary.size(), settings.dim());
        WorkerState[] states = new WorkerState[settings.threads()];
        for (int thread = 0; thread < states.length; thread++) {
            long random = Word2VecRandom.forThread(settings.seed(), thread).state();
            states[thread] = new WorkerState(0, null, random, (float) settings.alpha(), 0, false);
        }
        SubwordTables tables = ngrams == null ? null
                : SubwordTables.create(vocabulary, ngrams, initializer, settings.dim(), settings.seed());
        if (tables != null) {
            LOG.info("subwords: character {}..{}-grams of the {} words use {} of {} buckets", ngrams.minn(),
                    ngrams.maxn(), vocabulary.size(), tables.index().usedBucketCount(), ngrams.buckets());
        }
        return run(corpus, vocabulary, input, output, 0, states, tables);
    }

    /** Continues the run of {@code checkpoint} on the same corpus (see {@link #continuing}). */
    public Word2VecModel resume(Corpus corpus, Checkpoint checkpoint) {
        if (!Objects.equals(ngrams, checkpoint.ngrams())) {
            throw new BadInputException("the checkpoint was taken " + (checkpoint.ngrams() == null ? "without subwords"
                    : "with subwords " + checkpoint.ngrams()) + ", this trainer is set " + (ngrams == null
                    ? "without them" : "for " + ngrams) + "; continue it with Word2VecTrainer.continuing(checkpoint)");
        }
        if (!corpus.name().equals(checkpoint.state().get("corpus"))) {
            throw new BadInputException("the checkpoint was taken on corpus " + checkpoint.state().get("corpus")
                    + ", not " + corpus.name());
        }
        List<?> threads = (List<?>) checkpoint.state().get("threads");
        WorkerState[] states = new WorkerState[threads.size()];
        for (int thread = 0; thread < states.length; thread++) {
            states[thread] = WorkerState.fromMap((Map<?, ?>) threads.get(thread));
        }
        long wordsDone = ((Number) checkpoint.state().get("words_done")).longValue();
        EmbeddingTable input = checkpoint.input();
        SubwordTables tables = ngrams == null ? null
                : SubwordTables.restore(input.vocabulary(), ngrams, checkpoint.buckets(), input.dim());
        return run(corpus, input.vocabulary(), (HeapMatrix) input.weights(), checkpoint.output(), wordsDone, states,
                tables);
    }

    private Word2VecModel run(Corpus corpus, Vocabulary vocabulary, HeapMatrix input, HeapMatrix output,
                              long wordsDone, WorkerState[] states, SubwordTables tables) {
        VectorKernels kernels = settings.deterministic() ? Kernels.scalar() : Kernels.get();
        LineTokenizer lines = subwordTokenizer != null ? LineTokenizer.subwords(subwordTokenizer, vocabulary)
                : LineTokenizer.words(splitter, vocabulary);
        if (watch != null) {
            watch.attach(word -> watchIds(vocabulary, word), input);
        }
        TrainingRun run = new TrainingRun(settings, lines, vocabulary, input.data(), output.data(), kernels,
                wordsDone, checkpointEveryWords, states, r -> writeCheckpoint(r, corpus, input, output), tables,
                SamplingTables.of(vocabulary, settings.sample(), tables != null));
        List<CorpusShard> shards = corpus.shards(settings.threads());
        List<Thread> threads = new ArrayList<>();
        for (int thread = 0; thread < settings.threads(); thread++) {
            Word2VecWorker worker = new Word2VecWorker(run, thread, shards.get(thread), states[thread], null);
            threads.add(Thread.ofPlatform().name("word2vec-" + thread)
                    .uncaughtExceptionHandler((t, e) -> run.fail(e)).start(worker));
        }
        ProgressReporter reporter = new ProgressReporter(run, listener);
        try {
            for (Thread thread : threads) {
                while (!thread.join(reportInterval)) {
                    reporter.report(false);
                }
            }
        } catch (InterruptedException e) {
            run.fail(e);
            Thread.currentThread().interrupt();
            throw new EmbedkitException("training was interrupted", e);
        }
        if (subwordTokenizer != null) {
            SubwordRows.clearUntrained(vocabulary, input); // before the last report, so its watched cosines are final
        }
        reporter.report(true);
        Throwable failure = run.failure();
        if (failure != null) {
            throw failure instanceof EmbedkitException embedkit ? embedkit
                    : new EmbedkitException("training failed: " + failure, failure);
        }
        SubwordVectors subwordVectors = tables == null ? null
                : SubwordVectors.compact(vocabulary, input, tables.buckets(), tables.ngrams(), null);
        return new Word2VecModel(vocabulary, input, output, settings, splitter, corpus.name(), reporter.seconds(),
                subwordVectors);
    }

    /** A watched word's IDs: its row, or for a subword model the tokens queries compose it from; none if unknown. */
    private int[] watchIds(Vocabulary vocabulary, String word) {
        if (subwordTokenizer != null) {
            return TokenComposedVectors.ids(subwordTokenizer, vocabulary, word);
        }
        int id = vocabulary.find(word);
        return id < 0 ? new int[0] : new int[] {id};
    }

    private void writeCheckpoint(TrainingRun run, Corpus corpus, HeapMatrix input, HeapMatrix output) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("trainer", "word2vec");
        state.put("settings", settings.toMap());
        state.put("corpus", corpus.name());
        state.put("words_done", run.wordsDone());
        state.put("threads", Arrays.stream(run.states()).map(WorkerState::toMap).toList());
        SubwordTables tables = run.subwords();
        new Checkpoint(new EmbeddingTable(run.vocabulary(), input), output, splitter, state,
                tables == null ? null : tables.ngrams(), tables == null ? null : tables.buckets())
                .save(checkpointDir, run.wordsDone());
        LOG.info("checkpoint at {} words written to {}", run.wordsDone(), checkpointDir);
    }

    /** Turns the run's counters into {@link TrainingProgress} reports: rates and loss over each interval. */
    private static final class ProgressReporter {
        private final TrainingRun run;
        private final TrainingListener listener;
        private final long startNanos = System.nanoTime();
        private final long startWords;
        private long step;
        private double lastSeconds;
        private long lastWords;
        private double lastLoss;
        private long lastPairs;

        ProgressReporter(TrainingRun run, TrainingListener listener) {
            this.run = run;
            this.listener = listener;
            this.startWords = run.wordsDone();
            this.lastWords = startWords;
        }

        double seconds() {
            return (System.nanoTime() - startNanos) / 1e9;
        }

        void report(boolean last) {
            double seconds = seconds();
            long words = run.wordsDone();
            double loss = run.lossSum();
            long pairs = run.lossPairs();
            Word2VecSettings settings = run.settings();
            long totalWords = settings.epochs() * run.trainWords();
            int epoch = (int) Math.min(settings.epochs(), 1 + words / Math.max(1, run.trainWords()));
            // The final report covers the whole run; the others the interval since the previous report.
            double rate = last ? (words - startWords) / seconds : (words - lastWords) / Math.max(1e-9, seconds - lastSeconds);
            double intervalLoss = pairs > lastPairs ? (loss - lastLoss) / (pairs - lastPairs) : Double.NaN;
            TrainingProgress progress = new TrainingProgress(++step, words, totalWords, epoch, intervalLoss,
                    LearningRate.at(settings, words, run.trainWords()), rate, seconds);
            lastSeconds = seconds;
            lastWords = words;
            lastLoss = loss;
            lastPairs = pairs;
            if (last) {
                listener.onFinish(progress);
            } else {
                listener.onProgress(progress);
            }
        }
    }
}
