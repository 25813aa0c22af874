/**
 * embedkit on Apache Spark: a distributed vocabulary count, data-parallel word2vec training and batch embedding,
 * each producing what a single machine would (an embedkit model directory, or a Parquet table of vectors).
 */
package dev.embedkit.spark;
