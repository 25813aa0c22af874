package dev.embedkit.train.word2vec;

import dev.embedkit.simd.VectorKernels;
import dev.embedkit.train.corpus.CorpusVocabulary;
import dev.embedkit.train.corpus.LineTokenizer;
import dev.embedkit.vocab.Vocabulary;

import java.util.concurrent.Phaser;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * What the training threads of one run share: the tables, the sampling tables, the word count that drives the
 * learning rate, the loss totals the reporter reads, and the barrier at which all threads stop for a checkpoint.
 */
final class TrainingRun {
    private final Word2VecSettings settings;
    private final LineTokenizer lineTokenizer;
    private final Vocabulary vocabulary;
    private final long trainWords;
    private final float[] inputVectors;  // (V, d)
    private final float[] outputVectors; // (V, d)
    private final NoiseTable noise;
    private final Subsampling subsampling;
    private final VectorKernels kernels;
    private final SubwordTables subwords; // null unless the run trains character n-grams

    private final AtomicLong wordsDone;
    private final DoubleAdder lossSum = new DoubleAdder();
    private final LongAdder lossPairs = new LongAdder();
    private volatile boolean failed;
    private volatile Throwable failure;

    private final long checkpointEveryWords; // 0: never
    private volatile long nextCheckpointAt;
    private volatile boolean checkpointWanted;
    private final WorkerState[] states;
    private final Phaser barrier;

    TrainingRun(Word2VecSettings settings, LineTokenizer lineTokenizer, Vocabulary vocabulary, float[] inputVectors,
                float[] outputVectors, VectorKernels kernels, long wordsDone, long checkpointEveryWords,
                WorkerState[] states, Consumer<TrainingRun> checkpointWriter, SubwordTables subwords,
                SamplingTables sampling) {
        this.settings = settings;
        this.lineTokenizer = lineTokenizer;
        this.vocabulary = vocabulary;
        this.trainWords = CorpusVocabulary.trainWords(vocabulary);
        this.inputVectors = inputVectors;
        this.outputVectors = outputVectors;
        this.noise = sampling.noise();
        this.subsampling = sampling.subsampling();
        this.kernels = kernels;
        this.subwords = subwords;
        this.wordsDone = new AtomicLong(wordsDone);
        this.checkpointEveryWords = checkpointEveryWords;
        this.nextCheckpointAt = checkpointEveryWords == 0 ? Long.MAX_VALUE
                : (wordsDone / checkpointEveryWords + 1) * checkpointEveryWords;
        this.states = states.clone();
        // The last thread to arrive writes the checkpoint while the others wait, so the tables hold still.
        this.barrier = new Phaser(settings.threads()) {
            @Override
            protected boolean onAdvance(int phase, int registeredParties) {
                if (checkpointWanted && !failed) {
                    try {
                        checkpointWriter.accept(TrainingRun.this);
                    } catch (RuntimeException e) {
                        // Thrown out of a Phaser's onAdvance it would leave the other threads waiting forever.
                        failed = true;
                        failure = e;
                        return true;
                    }
                    nextCheckpointAt = (TrainingRun.this.wordsDone.get() / checkpointEveryWords + 1) * checkpointEveryWords;
                    checkpointWanted = false;
                }
                return registeredParties == 0;
            }
        };
        for (WorkerState state : states) {
            if (state.finished()) {
                barrier.arriveAndDeregister();
            }
        }
    }

    /** Adds a thread's words and loss to the totals; returns the learning rate for the new word count. */
    float addWords(long words, double loss, long pairs) {
        long done = wordsDone.addAndGet(words);
        lossSum.add(loss);
        lossPairs.add(pairs);
        return LearningRate.at(settings, done, trainWords);
    }

    /** True once the word count has passed the next checkpoint: every thread should stop at its next line end. */
    boolean checkpointDue() {
        if (!checkpointWanted && wordsDone.get() >= nextCheckpointAt) {
            checkpointWanted = true;
        }
        return checkpointWanted;
    }

    /** Records a thread's state and waits until every thread has, and the checkpoint is written. */
    void awaitCheckpoint(int thread, WorkerState state) {
        states[thread] = state;
        barrier.arriveAndAwaitAdvance();
    }

    /** A thread has done all its epochs; it no longer holds up checkpoints. */
    void finished(int thread, WorkerState state) {
        states[thread] = state;
        barrier.arriveAndDeregister();
    }

    /** Makes every thread stop at its next line, after one of them failed with {@code cause}. */
    void fail(Throwable cause) {
        if (failure == null) {
            failure = cause;
        }
        failed = true;
        barrier.forceTermination();
    }

    /** Why the run failed, or null. */
    Throwable failure() {
        return failure;
    }

    boolean failed() {
        return failed;
    }

    Word2VecSettings settings() {
        return settings;
    }

    /** Turns a line into the IDs to train on (-1: left out). */
    LineTokenizer lineTokenizer() {
        return lineTokenizer;
    }

    Vocabulary vocabulary() {
        return vocabulary;
    }

    long trainWords() {
        return trainWords;
    }

    float[] inputVectors() {
        return inputVectors;
    }

    float[] outputVectors() {
        return outputVectors;
    }

    NoiseTable noise() {
        return noise;
    }

    Subsampling subsampling() {
        return subsampling;
    }

    /** The n-gram index and bucket rows, or null for a run without subwords. */
    SubwordTables subwords() {
        return subwords;
    }

    VectorKernels kernels() {
        return kernels;
    }

    long wordsDone() {
        return wordsDone.get();
    }

    WorkerState[] states() {
        return states.clone();
    }

    /** Σ −log σ(±score) over every (input, target) pair trained so far. */
    double lossSum() {
        return lossSum.sum();
    }

    /** The pairs {@link #lossSum()} sums over. */
    long lossPairs() {
        return lossPairs.sum();
    }
}
