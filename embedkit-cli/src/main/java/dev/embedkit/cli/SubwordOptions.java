package dev.embedkit.cli;

import dev.embedkit.BadInputException;
import dev.embedkit.subword.CharNgrams;
import dev.embedkit.train.word2vec.Word2VecTrainer;
import picocli.CommandLine.Option;

/**
 * {@code train --subwords [MINN:MAXN] [--buckets N]}: character n-grams as fastText trains them (defaults 3:6 and
 * 2,000,000 buckets, fastText's).
 */
final class SubwordOptions {
    static final String DEFAULT_LENGTHS = "3:6";
    static final int DEFAULT_BUCKETS = 2_000_000;

    @Option(names = "--subwords", arity = "0..1", fallbackValue = DEFAULT_LENGTHS, paramLabel = "MINN:MAXN",
            description = "Also learn character n-grams of MINN..MAXN characters (alone: " + DEFAULT_LENGTHS
                    + ", fastText's); unknown words then get vectors from their n-grams.")
    String lengths;

    @Option(names = "--buckets", paramLabel = "N",
            description = "With --subwords: hash buckets for the n-grams (default: 2000000, fastText's).")
    Integer buckets;

    /** The n-gram settings asked for, or null without --subwords. */
    CharNgrams ngrams() {
        if (lengths == null) {
            if (buckets != null) {
                throw new BadInputException("--buckets sets the n-gram buckets of --subwords; add --subwords");
            }
            return null;
        }
        String[] parts = lengths.split(":", -1);
        int minn;
        int maxn;
        try {
            if (parts.length != 2) {
                throw new NumberFormatException();
            }
            minn = Integer.parseInt(parts[0].strip());
            maxn = Integer.parseInt(parts[1].strip());
        } catch (NumberFormatException e) {
            throw new BadInputException("--subwords takes MINN:MAXN, e.g. " + DEFAULT_LENGTHS + "; got '" + lengths + "'");
        }
        if (minn < 1 || maxn < minn) {
            throw new BadInputException("--subwords " + lengths + ": need 1 <= MINN <= MAXN");
        }
        int bucketCount = buckets != null ? buckets : DEFAULT_BUCKETS;
        if (bucketCount < 1) {
            throw new BadInputException("--buckets must be at least 1, got " + bucketCount);
        }
        return new CharNgrams(minn, maxn, bucketCount);
    }

    /** Sets the trainer's n-grams if --subwords was given. */
    void applyTo(Word2VecTrainer trainer) {
        CharNgrams ngrams = ngrams();
        if (ngrams != null) {
            trainer.subwords(ngrams);
        }
    }
}
