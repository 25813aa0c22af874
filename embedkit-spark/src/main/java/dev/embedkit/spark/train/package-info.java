/**
 * Data-parallel word2vec on Spark: every partition trains a broadcast snapshot on its shard with embedkit's own
 * kernel ({@link dev.embedkit.train.word2vec.ShardTrainer}); the driver merges the sparse deltas once per round.
 */
package dev.embedkit.spark.train;
