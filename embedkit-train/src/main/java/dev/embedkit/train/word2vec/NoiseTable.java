package dev.embedkit.train.word2vec;

import dev.embedkit.vocab.Vocabulary;

/**
 * The noise distribution of negative sampling, P(w) ∝ count(w)^power, as word2vec's InitUnigramTable builds it: a
 * table in which word w fills a share of slots equal to its probability, read at a random index. word2vec raises
 * counts to 0.75; fastText to 0.5, which draws rare words more often (used for runs with character n-grams). word2vec uses 10^8
 * slots (400 MB); we default to 10^7 (40 MB), which still gives each slot 10^-7 of probability mass, far below the
 * sampling noise of any real run, and keeps peak memory under word2vec's. StrictMath, because Math.pow may be
 * computed differently by the interpreter and by compiled code, and one slot more or less for a word would change
 * every later draw of a run that should repeat bit for bit.
 */
final class NoiseTable {
    static final int DEFAULT_SIZE = 10_000_000;
    /** word2vec's unigram^0.75. */
    static final double WORD2VEC_POWER = 0.75;
    /** fastText's NegativeSamplingLoss: counts^0.5. */
    static final double FASTTEXT_POWER = 0.5;

    private final int[] table; // (size): word IDs, each repeated in proportion to count^power

    NoiseTable(Vocabulary vocabulary, int size, double power) {
        int words = vocabulary.size();
        double total = 0;
        for (int id = 0; id < words; id++) {
            total += StrictMath.pow(vocabulary.count(id), power);
        }
        table = new int[size];
        int word = 0;
        double cumulative = StrictMath.pow(vocabulary.count(0), power) / total;
        for (int slot = 0; slot < size; slot++) {
            table[slot] = word;
            if (slot / (double) size > cumulative && word < words - 1) {
                word++;
                cumulative += StrictMath.pow(vocabulary.count(word), power) / total;
            }
        }
    }

    /** A noise word drawn with word2vec's index, {@code (next >> 16) % size}. */
    int sample(Word2VecRandom random) {
        return table[(int) Long.remainderUnsigned(random.next() >>> 16, table.length)];
    }

    /** The share of slots word {@code id} fills: its sampling probability. */
    double probability(int id) {
        long slots = 0;
        for (int word : table) {
            if (word == id) {
                slots++;
            }
        }
        return slots / (double) table.length;
    }
}
