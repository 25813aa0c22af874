package dev.embedkit.train.word2vec;

import dev.embedkit.simd.VectorKernels;
import dev.embedkit.train.corpus.CorpusShard;
import dev.embedkit.train.corpus.LineSource;
import dev.embedkit.train.word2vec.Word2VecSettings.Architecture;

import java.util.Arrays;

/**
 * One training thread: reads its shard line by line, turns each line into word IDs (unknown words dropped,
 * frequent ones subsampled), and trains on each sentence with negative sampling, writing straight into the shared
 * tables without locks (Hogwild: two threads rarely touch the same row at once, and a lost update costs little).
 * All buffers are allocated once here; the training loop allocates nothing.
 */
final class Word2VecWorker implements Runnable {
    /** word2vec's MAX_SENTENCE_LENGTH: longer sentences are cut, so a line without breaks cannot grow unbounded. */
    static final int MAX_SENTENCE_LENGTH = 1000;
    /** Like word2vec, the shared word count and the learning rate are updated every this many words. */
    static final int WORDS_PER_UPDATE = 10_000;

    private final TrainingRun run;
    private final int thread;
    private final CorpusShard shard;
    private final VectorKernels kernels;
    private final int dim;
    private final float[] inputVectors;  // (V, d) word2vec's syn0, shared by all threads
    private final float[] outputVectors; // (V, d) word2vec's syn1neg, shared by all threads
    private final int[] sentence = new int[MAX_SENTENCE_LENGTH];
    private final float[] contextMean;   // (d) CBOW's hidden layer, word2vec's neu1
    private final float[] inputGradient; // (d) the gradient for the input vector, word2vec's neu1e
    private final SharedNegativesStep sharedNegatives; // null unless settings.hogBatch() and skip-gram
    private final CbowBatchStep cbowBatch; // null unless settings.hogBatch() and CBOW
    private final SubwordStep subwordStep; // null unless the run trains character n-grams
    private final boolean[] touched;       // (V) rows written so far, for ShardTrainer's delta; null if not asked
    private final boolean cbow;

    private WorkerState state;
    private double lossSum;
    private long lossPairs;

    /** @param touched (V) where to mark every row this worker writes (its plain step only), or null */
    Word2VecWorker(TrainingRun run, int thread, CorpusShard shard, WorkerState start, boolean[] touched) {
        this.run = run;
        this.thread = thread;
        this.shard = shard;
        this.kernels = run.kernels();
        this.dim = run.settings().dim();
        this.inputVectors = run.inputVectors();
        this.outputVectors = run.outputVectors();
        this.contextMean = new float[dim];
        this.inputGradient = new float[dim];
        Word2VecSettings settings = run.settings();
        this.cbow = settings.architecture() == Architecture.CBOW;
        this.sharedNegatives = settings.hogBatch() && !cbow ? new SharedNegativesStep(kernels, dim, settings.window(),
                settings.negative(), inputVectors, outputVectors) : null;
        this.cbowBatch = settings.hogBatch() && cbow ? new CbowBatchStep(kernels, dim, settings.window(),
                settings.negative(), CbowBatchStep.TARGETS, inputVectors, outputVectors) : null;
        this.subwordStep = run.subwords() == null ? null
                : new SubwordStep(kernels, dim, inputVectors, run.subwords(), this::negativeSampling, inputGradient);
        this.state = start;
        this.touched = touched;
    }

    @Override
    public void run() {
        Word2VecRandom random = new Word2VecRandom(state.random());
        float alpha = state.alpha();
        long wordsSinceUpdate = state.wordsSinceUpdate();
        int epochs = run.settings().epochs();
        for (int epoch = state.epoch(); epoch < epochs && !run.failed(); epoch++) {
            try (LineSource lines = state.position() != null ? shard.openAt(state.position()) : shard.open()) {
                for (String line = lines.nextLine(); line != null && !run.failed(); line = lines.nextLine()) {
                    wordsSinceUpdate += trainLine(line, random, alpha);
                    if (wordsSinceUpdate >= WORDS_PER_UPDATE) {
                        alpha = run.addWords(wordsSinceUpdate, lossSum, lossPairs);
                        wordsSinceUpdate = 0;
                        lossSum = 0;
                        lossPairs = 0;
                    }
                    if (run.checkpointDue()) {
                        state = new WorkerState(epoch, lines.position(), random.state(), alpha, wordsSinceUpdate, false);
                        run.awaitCheckpoint(thread, state);
                    }
                }
            }
            state = new WorkerState(epoch + 1, null, random.state(), alpha, wordsSinceUpdate, false);
        }
        run.addWords(wordsSinceUpdate, lossSum, lossPairs);
        run.finished(thread, new WorkerState(epochs, null, random.state(), alpha, 0, true));
    }

    /** Trains on the sentences of one line; returns the number of known words read (before subsampling). */
    private int trainLine(String line, Word2VecRandom random, float alpha) {
        int known = 0;
        int length = 0;
        for (int word : run.lineTokenizer().ids(line)) {
            if (word < 0) {
                continue;
            }
            known++;
            length = keep(word, length, random, alpha);
        }
        trainSentence(length, random, alpha);
        return known;
    }

    /** Trains on a sentence of word IDs already looked up (see {@link ShardTrainer}); returns its length. */
    int trainIds(int[] words, Word2VecRandom random, float alpha) {
        int length = 0;
        for (int word : words) {
            length = keep(word, length, random, alpha);
        }
        trainSentence(length, random, alpha);
        return words.length;
    }

    /** Appends {@code word} unless subsampled away, training on a full sentence; returns the new length. */
    private int keep(int word, int length, Word2VecRandom random, float alpha) {
        if (!run.subsampling().keep(word, random)) {
            return length;
        }
        sentence[length++] = word;
        if (length == MAX_SENTENCE_LENGTH) {
            trainSentence(length, random, alpha);
            return 0;
        }
        return length;
    }

    private void trainSentence(int length, Word2VecRandom random, float alpha) {
        if (cbowBatch == null) {
            for (int position = 0; position < length; position++) {
                trainWord(position, length, random, alpha);
            }
            return;
        }
        // Batched CBOW walks the sentence's stretches in step: the words of a batch have disjoint windows.
        int stretch = CbowBatchStep.stretch(length, run.settings().window(), CbowBatchStep.TARGETS);
        for (int first = 0; first < stretch; first++) {
            for (int position = first; position < length; position += stretch) {
                trainWord(position, length, random, alpha);
            }
            trainCbowBatch(random, alpha);
        }
    }

    /** Trains the word at {@code sentence[position]} with the trainer's step (batched CBOW: adds it to the batch). */
    private void trainWord(int position, int length, Word2VecRandom random, float alpha) {
        int window = run.settings().window();
        // word2vec's dynamic window: b uniform in 0..window-1 shrinks the window to window-b, so near
        // context words are trained on more often than far ones.
        int shrink = random.nextInt(window);
        int from = Math.max(0, position - window + shrink);
        int to = Math.min(length - 1, position + window - shrink);
        if (subwordStep != null) {
            if (cbow) {
                subwordStep.cbow(sentence, position, from, to, random, alpha);
            } else {
                subwordStep.skipGram(sentence, position, from, to, random, alpha);
            }
        } else if (cbowBatch != null) {
            cbowBatch.add(sentence, position, from, to);
        } else if (cbow) {
            cbowStep(position, from, to, random, alpha);
        } else if (sharedNegatives != null) {
            sharedNegatives.train(sentence, position, from, to, run.noise(), run.settings().negative(), random, alpha);
            lossSum += sharedNegatives.loss();
            lossPairs += sharedNegatives.pairs();
        } else {
            for (int c = from; c <= to; c++) {
                if (c != position) {
                    int contextRow = sentence[c] * dim;
                    negativeSampling(inputVectors, contextRow, sentence[position], random, alpha);
                    kernels.axpy(1f, inputGradient, 0, inputVectors, contextRow, dim);
                    mark(sentence[c]);
                }
            }
        }
    }

    private void trainCbowBatch(Word2VecRandom random, float alpha) {
        cbowBatch.train(run.noise(), run.settings().negative(), random, alpha);
        lossSum += cbowBatch.loss();
        lossPairs += cbowBatch.pairs();
    }

    /** CBOW (cbow_mean=1): the mean of the context vectors predicts the word; its gradient goes to each of them. */
    private void cbowStep(int position, int from, int to, Word2VecRandom random, float alpha) {
        if (ContextMean.write(kernels, inputVectors, dim, sentence, position, from, to, contextMean, 0) == 0) {
            return;
        }
        negativeSampling(contextMean, 0, sentence[position], random, alpha);
        for (int c = from; c <= to; c++) {
            if (c != position) {
                kernels.axpy(1f, inputGradient, 0, inputVectors, sentence[c] * dim, dim);
                mark(sentence[c]);
            }
        }
    }

    /**
     * One input vector (a context word's, or CBOW's mean) against the true word (label 1) and {@code negative}
     * noise words (label 0), maximizing log σ(in·out_word) + Σ log σ(−in·out_noise). Updates the output vectors
     * at once and leaves the input's gradient in {@link #inputGradient} for the caller to apply, as word2vec does.
     */
    private void negativeSampling(float[] input, int inputOffset, int word, Word2VecRandom random, float alpha) {
        Arrays.fill(inputGradient, 0f);
        for (int d = 0; d <= run.settings().negative(); d++) {
            int target = d == 0 ? word : run.noise().sample(random);
            if (d > 0 && target == word) {
                continue;
            }
            float label = d == 0 ? 1f : 0f;
            int targetRow = target * dim;
            float score = kernels.dot(input, inputOffset, outputVectors, targetRow, dim);
            // d(log σ(s))/ds = 1 − σ(s) for the true word, d(log σ(−s))/ds = −σ(s) for noise: both (label − σ(s)).
            float gradient = (label - Sigmoid.sigmoid(score)) * alpha;
            lossSum -= Sigmoid.logSigmoid(d == 0 ? score : -score);
            lossPairs++;
            kernels.axpy(gradient, outputVectors, targetRow, inputGradient, 0, dim);
            kernels.axpy(gradient, input, inputOffset, outputVectors, targetRow, dim);
            mark(target);
        }
    }

    private void mark(int row) {
        if (touched != null) {
            touched[row] = true;
        }
    }
}
