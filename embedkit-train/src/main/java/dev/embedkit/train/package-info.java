/**
 * Learning the table from raw text: corpus streaming, word2vec's skip-gram and CBOW with negative sampling,
 * and the tied next-token model. Rows start as noise; backpropagation moves the rows of tokens used alike together.
 */
package dev.embedkit.train;
