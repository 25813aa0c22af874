/**
 * Subword vectors as fastText builds them: a word is {@code <word>} with boundary markers, cut into character
 * n-grams of length minn..maxn ({@link dev.embedkit.subword.CharNgrams}), each hashed into one of a fixed number
 * of buckets with a row of its own; a word's vector is the mean of its own row and its n-grams' rows, and a word
 * never seen gets the mean of its n-gram rows alone ({@link dev.embedkit.subword.SubwordVectors}).
 */
package dev.embedkit.subword;
