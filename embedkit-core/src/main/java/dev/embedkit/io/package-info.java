/**
 * Every file format embedkit reads and writes: the native model directory (config.json + vocab.txt +
 * embeddings.safetensors) and the interop formats (word2vec text and binary, GloVe, fastText .vec,
 * safetensors, NumPy .npy; fastText .bin, whose reader and writer live in {@link dev.embedkit.fasttext}).
 * Start at {@link dev.embedkit.io.EmbeddingFiles}. Readers check what a file
 * claims against its real length before allocating, and every complaint is a
 * {@link dev.embedkit.FormatException} naming the file and the line, byte offset or field.
 */
package dev.embedkit.io;
