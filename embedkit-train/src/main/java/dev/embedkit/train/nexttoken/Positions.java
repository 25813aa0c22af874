package dev.embedkit.train.nexttoken;

import dev.embedkit.BadInputException;

import java.util.List;

/**
 * Sentences laid out for next-token training: one token stream in which every sentence is preceded by k
 * {@code <bos>} pads, so the context of the position p is simply {@code tokens[p−k .. p)} and its target
 * {@code tokens[p]}. Every real token of a sentence is a target, the first one predicted from k pads; pads never are.
 *
 * @param tokens    the padded stream
 * @param positions indices into {@code tokens} of the targets, in corpus order
 */
record Positions(int[] tokens, int[] positions) {

    /** Sentences {@code [from, to)} of {@code sentences}, each ID checked against {@code vocabSize}. */
    static Positions of(List<int[]> sentences, int from, int to, int context, int bos, int vocabSize) {
        long streamLength = 0;
        long targets = 0;
        for (int s = from; s < to; s++) {
            streamLength += context + sentences.get(s).length;
            targets += sentences.get(s).length;
        }
        if (streamLength > Integer.MAX_VALUE - 8) {
            throw new BadInputException("corpus too large for one in-memory stream: " + streamLength + " tokens");
        }
        int[] tokens = new int[(int) streamLength];
        int[] positions = new int[(int) targets];
        int p = 0;
        int t = 0;
        for (int s = from; s < to; s++) {
            int[] sentence = sentences.get(s);
            for (int j = 0; j < context; j++) {
                tokens[p++] = bos;
            }
            for (int i = 0; i < sentence.length; i++) {
                int id = sentence[i];
                if (id < 0 || id >= vocabSize || id == bos) {
                    throw new BadInputException("sentence " + s + ", token " + i + ": ID " + id + " is "
                            + (id == bos ? "the <bos> pad, which only the trainer places" : "out of range (V=" + vocabSize + ")"));
                }
                positions[t++] = p;
                tokens[p++] = id;
            }
        }
        return new Positions(tokens, positions);
    }

    int size() {
        return positions.length;
    }

    /** At most {@code max} positions, an even stride through all of them (itself if it is small enough). */
    Positions strided(int max) {
        if (positions.length <= max) {
            return this;
        }
        int[] picked = new int[max];
        for (int i = 0; i < max; i++) {
            picked[i] = positions[(int) ((long) i * positions.length / max)];
        }
        return new Positions(tokens, picked);
    }
}
