package dev.embedkit.train.word2vec;

import dev.embedkit.vocab.Vocabulary;

/**
 * word2vec's subsampling of frequent words: word w with count f out of T corpus words is kept with probability
 * {@code (sqrt(f/(sample·T)) + 1)·(sample·T)/f} (≥ 1, i.e. always kept, for words rarer than about sample·T).
 * Dropping most "the"s both speeds training up and lets rarer context words into the window.
 */
final class Subsampling {
    private final float[] keepProbability; // (V)
    private final boolean enabled;

    Subsampling(Vocabulary vocabulary, long trainWords, double sample) {
        enabled = sample > 0;
        keepProbability = new float[vocabulary.size()];
        for (int id = 0; id < keepProbability.length; id++) {
            keepProbability[id] = sample > 0 ? (float) keepProbability(vocabulary.count(id), trainWords, sample) : 1f;
        }
    }

    static double keepProbability(long count, long trainWords, double sample) {
        double threshold = sample * trainWords;
        return (Math.sqrt(count / threshold) + 1) * threshold / count;
    }

    /**
     * Draws whether this occurrence of {@code id} is trained on. Like word2vec, a random number is drawn for every
     * word while sampling is on, even for words always kept, so the generator's sequence matches word2vec's.
     */
    boolean keep(int id, Word2VecRandom random) {
        return !enabled || keepProbability[id] >= random.nextFraction16();
    }
}
