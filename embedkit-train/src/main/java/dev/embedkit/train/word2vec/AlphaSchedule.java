package dev.embedkit.train.word2vec;

import dev.embedkit.BadInputException;

import java.util.Arrays;
import java.util.Locale;

/** How the learning rate falls from alpha over a run; {@link LearningRate} computes it. */
public enum AlphaSchedule {
    /** word2vec.c's: linearly with the words done over all epochs, to alpha·1e-4 at the end. */
    LINEAR,
    /**
     * gensim 4.2's in corpus_file mode: each of the T threads decays alpha by its own words against the whole
     * corpus's, though it reads only 1/T of each epoch. So epoch e of E falls from alpha·(1 − e/E) only to
     * alpha·(1 − (e + 1/T)/E) and the next epoch starts lower: a saw-tooth that trains at a higher mean rate and
     * never gets near zero. It is there to compare with gensim at its own rates (README, train).
     */
    GENSIM_CORPUS_FILE;

    /** The spelling of the CLI option and of config.json: "linear", "gensim-corpus-file". */
    public String spelling() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static AlphaSchedule parse(String spelling) {
        for (AlphaSchedule schedule : values()) {
            if (schedule.spelling().equals(spelling)) {
                return schedule;
            }
        }
        throw new BadInputException("alpha schedule '" + spelling + "' is not one of "
                + Arrays.stream(values()).map(AlphaSchedule::spelling).toList());
    }
}
