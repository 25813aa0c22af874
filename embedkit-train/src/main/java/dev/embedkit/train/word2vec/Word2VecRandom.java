package dev.embedkit.train.word2vec;

/**
 * word2vec.c's per-thread generator, {@code next = next·25214903917 + 11} (mod 2^64), used for every random choice
 * of training so that one thread with one seed repeats exactly. Not thread-safe: one per thread.
 */
final class Word2VecRandom {
    private long state;

    Word2VecRandom(long state) {
        this.state = state;
    }

    /** Thread {@code thread}'s generator for a run seeded with {@code seed} (word2vec seeds thread i with i). */
    static Word2VecRandom forThread(long seed, int thread) {
        return new Word2VecRandom(seed * 1_000_003L + thread);
    }

    long next() {
        state = state * 25214903917L + 11;
        return state;
    }

    /** The state, for a checkpoint; a generator built from it continues the same sequence. */
    long state() {
        return state;
    }

    /** Uniform in 0..bound-1 as word2vec draws it: the unsigned value modulo bound. */
    int nextInt(int bound) {
        return (int) Long.remainderUnsigned(next(), bound);
    }

    /** Uniform in [0, 1) with 16 bits, as word2vec's subsampling draws it: {@code (next & 0xFFFF) / 65536}. */
    float nextFraction16() {
        return (next() & 0xFFFF) / 65536f;
    }
}
