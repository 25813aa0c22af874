/**
 * fastText's binary model (.bin): read ({@link dev.embedkit.fasttext.FastTextFormat#read}) into a
 * {@link dev.embedkit.fasttext.FastTextModel} whose word vectors, known or not, equal fastText's, and written back
 * in the layout of fastText 0.9 (file format version 12). Quantized models (.ftz) are refused.
 */
package dev.embedkit.fasttext;
