package dev.embedkit.train.word2vec;

import dev.embedkit.vocab.Vocabulary;

import java.util.Arrays;

/**
 * The noise distribution of negative sampling, P(w) ∝ count(w)^power, as word2vec's InitUnigramTable builds it: a
 * table of {@code size} slots in which word w fills a share of slots equal to its probability, read at a random
 * index. word2vec raises counts to 0.75; fastText to 0.5, which draws rare words more often (used for runs with
 * character n-grams). word2vec uses 10^8 slots; we default to 10^7, which still gives each slot 10^-7 of
 * probability mass, far below the sampling noise of any real run. StrictMath, because Math.pow may be computed
 * differently by the interpreter and by compiled code, and one slot more or less for a word would change every
 * later draw of a run that should repeat bit for bit.
 *
 * <p>The table is never stored slot by slot (10^7 ints are 40 MB, a seventh of a training run's memory): word IDs
 * fill it in runs, word w from slot {@code firstSlot[w]} to {@code firstSlot[w+1]}, so a draw finds the run its
 * slot falls in. A guide table (Chen and Asau's) gives the word at the start of every block of
 * 2^{@code guideShift} slots; with at least as many blocks as words, a draw steps past about one run boundary on
 * average. Both arrays hold about V ints, small enough to stay in cache, so a draw is two cache hits where the
 * flat table was one miss.
 */
final class NoiseTable {
    static final int DEFAULT_SIZE = 10_000_000;
    /** word2vec's unigram^0.75. */
    static final double WORD2VEC_POWER = 0.75;
    /** fastText's NegativeSamplingLoss: counts^0.5. */
    static final double FASTTEXT_POWER = 0.5;

    private final int size;
    private final int[] firstSlot; // (words reached + 1): word w fills slots [firstSlot[w], firstSlot[w+1]); the last is size
    private final int guideShift;
    private final int[] guide;     // (⌈size / 2^guideShift⌉): the word in slot b << guideShift

    NoiseTable(Vocabulary vocabulary, int size, double power) {
        this.size = size;
        int words = vocabulary.size();
        double total = 0;
        for (int id = 0; id < words; id++) {
            total += StrictMath.pow(vocabulary.count(id), power);
        }
        // word2vec's fill, slot by slot: slot s holds `word`, and the next word starts after s once the slots so far
        // pass the words so far's cumulative probability. A table shorter than the vocabulary never reaches its tail.
        int[] starts = new int[words + 1];
        int word = 0;
        double cumulative = StrictMath.pow(vocabulary.count(0), power) / total;
        for (int slot = 0; slot < size; slot++) {
            if (slot / (double) size > cumulative && word < words - 1) {
                word++;
                starts[word] = slot + 1;
                cumulative += StrictMath.pow(vocabulary.count(word), power) / total;
            }
        }
        firstSlot = Arrays.copyOf(starts, word + 2);
        firstSlot[word + 1] = size;
        int shift = 0;
        while ((size >> (shift + 1)) >= word + 1) {
            shift++;
        }
        guideShift = shift;
        guide = new int[((size - 1) >> shift) + 1];
        for (int block = 0, w = 0; block < guide.length; block++) {
            w = wordAt(block << shift, w);
            guide[block] = w;
        }
    }

    /** A noise word drawn with word2vec's index, {@code (next >> 16) % size}. */
    int sample(Word2VecRandom random) {
        return wordInSlot((int) Long.remainderUnsigned(random.next() >>> 16, size));
    }

    /** The word word2vec's table holds in {@code slot}, 0 <= slot < size. */
    int wordInSlot(int slot) {
        return wordAt(slot, guide[slot >>> guideShift]);
    }

    /** The word in {@code slot}, searching forward from {@code from}, a word whose run starts at or before it. */
    private int wordAt(int slot, int from) {
        int word = from;
        while (firstSlot[word + 1] <= slot) {
            word++;
        }
        return word;
    }

    /** The share of slots word {@code id} fills: its sampling probability. */
    double probability(int id) {
        return id + 1 < firstSlot.length ? (firstSlot[id + 1] - firstSlot[id]) / (double) size : 0;
    }
}
