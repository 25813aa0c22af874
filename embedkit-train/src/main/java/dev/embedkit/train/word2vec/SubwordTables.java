package dev.embedkit.train.word2vec;

import dev.embedkit.BadInputException;
import dev.embedkit.embed.Initializer;
import dev.embedkit.subword.CharNgrams;
import dev.embedkit.subword.SubwordIndex;
import dev.embedkit.tensor.HeapMatrix;
import dev.embedkit.vocab.Vocabulary;

/**
 * What a run with character n-grams trains besides the words' rows: the index of each word's n-gram buckets and
 * one row per bucket the vocabulary uses (no other bucket is ever touched, so the rest are not kept).
 *
 * @param ngrams  the n-gram lengths and bucket count
 * @param index   each word's rows; row V + s is row s of {@code buckets}
 * @param buckets (U, d) the used buckets' rows
 */
record SubwordTables(CharNgrams ngrams, SubwordIndex index, HeapMatrix buckets) {

    /** The tables for {@code vocabulary}, the bucket rows drawn by {@code initializer} as the words' rows are. */
    static SubwordTables create(Vocabulary vocabulary, CharNgrams ngrams, Initializer initializer, int dim, long seed) {
        SubwordIndex index = SubwordIndex.of(vocabulary, ngrams);
        // Another seed than the words' table, so a bucket's row does not repeat the word with the same number's.
        HeapMatrix buckets = initializer.create(index.usedBucketCount(), dim, seed ^ 0x5EED_B0C4L);
        return new SubwordTables(ngrams, index, buckets);
    }

    /** The tables of a run continued from a checkpoint: {@code buckets} as the checkpoint saved them, (U, d). */
    static SubwordTables restore(Vocabulary vocabulary, CharNgrams ngrams, HeapMatrix buckets, int dim) {
        SubwordIndex index = SubwordIndex.of(vocabulary, ngrams);
        if (buckets.rows() != index.usedBucketCount() || buckets.cols() != dim) {
            throw new BadInputException("the checkpoint's n-gram bucket rows are " + buckets.shape() + ", but the "
                    + vocabulary.size() + " words use " + index.usedBucketCount() + " buckets of " + ngrams
                    + " and the vectors have d=" + dim);
        }
        return new SubwordTables(ngrams, index, buckets);
    }

    float[] bucketVectors() {
        return buckets.data();
    }
}
