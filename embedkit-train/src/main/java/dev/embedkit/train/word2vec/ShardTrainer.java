package dev.embedkit.train.word2vec;

import dev.embedkit.BadInputException;
import dev.embedkit.simd.Kernels;
import dev.embedkit.simd.VectorKernels;
import dev.embedkit.tokenize.WordSplitter;
import dev.embedkit.train.corpus.LineTokenizer;
import dev.embedkit.vocab.Vocabulary;

import java.util.Iterator;

/**
 * Trains one shard of a data-parallel run (Spark's partitions, say): a private copy of a model snapshot is trained
 * on sentences of word IDs with the same kernel as {@link Word2VecTrainer}, and the rows that changed come back as
 * a {@link ShardDelta} for the driver to merge. The learning rate follows the words processed cluster-wide:
 * {@code wordsBefore} were done before this round, and every shard of the round advances at about the same pace,
 * so after {@code n} local words the cluster has done about {@code wordsBefore + n × shards}.
 */
public final class ShardTrainer {
    private final Word2VecSettings settings;
    private final float[] snapshotInput;  // (V, d) read only
    private final float[] snapshotOutput; // (V, d) read only
    private final float[] input;          // (V, d) this shard's copy
    private final float[] output;         // (V, d) this shard's copy
    private final boolean[] touched;      // (V) rows training has written: the delta's rows, found without a V×d diff
    private final TrainingRun run;
    private final Word2VecWorker worker;
    private final Word2VecRandom random;

    /**
     * @param context what the run's shards share (settings, vocabulary, sampling tables)
     * @param input   (V, d) the snapshot's input vectors; not modified
     * @param output  (V, d) the snapshot's output vectors; not modified
     * @param seed    this shard's seed for this round (derive it from the run's seed, the round and the shard)
     */
    public ShardTrainer(ShardContext context, float[] input, float[] output, long seed) {
        Word2VecSettings shard = context.settings();
        Vocabulary vocabulary = context.vocabulary();
        long cells = (long) vocabulary.size() * shard.dim();
        if (input.length != cells || output.length != cells) {
            throw new BadInputException("a shard's snapshot must hold vocabulary " + vocabulary.size() + " × dim "
                    + shard.dim() + " = " + cells + " values per table, got " + input.length + " and " + output.length);
        }
        this.settings = shard;
        this.snapshotInput = input;
        this.snapshotOutput = output;
        this.input = input.clone();
        this.output = output.clone();
        this.touched = new boolean[vocabulary.size()];
        VectorKernels kernels = shard.deterministic() ? Kernels.scalar() : Kernels.get();
        WorkerState start = new WorkerState(0, null, seed, (float) shard.alpha(), 0, false);
        // The line tokenizer is unused: sentences arrive as IDs.
        LineTokenizer unused = LineTokenizer.words(new WordSplitter(WordSplitter.Mode.WHITESPACE, false), vocabulary);
        this.run = new TrainingRun(shard, unused, vocabulary, this.input, this.output, kernels, 0, 0,
                new WorkerState[] {start}, r -> { }, null, context.sampling());
        this.worker = new Word2VecWorker(run, 0, null, start, touched);
        this.random = new Word2VecRandom(seed);
    }
    /**
     * Trains on {@code sentences} (IDs of vocabulary words). Returns the words read.
     *
     * @param wordsBefore words done cluster-wide before this round, over all epochs
     * @param shards      how many shards train concurrently in this round
     */
    public long train(Iterator<int[]> sentences, long wordsBefore, int shards) {
        long trainWords = run.trainWords();
        long local = 0;
        long sinceUpdate = 0;
        float alpha = LearningRate.at(settings, wordsBefore, trainWords);
        while (sentences.hasNext()) {
            int[] sentence = sentences.next();
            for (int word : sentence) {
                run.vocabulary().checkId(word);
            }
            int read = worker.trainIds(sentence, random, alpha);
            local += read;
            sinceUpdate += read;
            if (sinceUpdate >= Word2VecWorker.WORDS_PER_UPDATE) {
                alpha = LearningRate.at(settings, wordsBefore + local * shards, trainWords);
                sinceUpdate = 0;
            }
        }
        return local;
    }

    /** The rows that training wrote, as (trained − snapshot) for both tables. */
    public ShardDelta delta() {
        int dim = settings.dim();
        int count = 0;
        for (boolean row : touched) {
            count += row ? 1 : 0;
        }
        int[] rows = new int[count];
        float[] inputDelta = new float[count * dim];
        float[] outputDelta = new float[count * dim];
        int i = 0;
        for (int row = 0; row < touched.length; row++) {
            if (!touched[row]) {
                continue;
            }
            rows[i] = row;
            int from = row * dim;
            for (int d = 0; d < dim; d++) {
                inputDelta[i * dim + d] = input[from + d] - snapshotInput[from + d];
                outputDelta[i * dim + d] = output[from + d] - snapshotOutput[from + d];
            }
            i++;
        }
        return new ShardDelta(dim, rows, inputDelta, outputDelta);
    }
}
