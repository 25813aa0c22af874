/**
 * Intrinsic evaluation of an embedding table, with gensim 4.2's conventions so that the numbers compare with the
 * peers': analogy questions in the questions-words.txt format ({@link AnalogyEvaluation}) and word pairs with
 * human similarity scores such as WordSim-353 ({@link SimilarityEvaluation}).
 */
package dev.embedkit.eval;
