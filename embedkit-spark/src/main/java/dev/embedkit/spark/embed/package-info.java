/** Batch embedding on Spark: a text column to pooled vectors, and vectors to their nearest tokens. */
package dev.embedkit.spark.embed;
