package dev.embedkit.train.corpus;

/**
 * Where a reader of a {@link CorpusShard} stands, so a checkpoint can record it and a resumed run reopen there.
 *
 * @param piece  which piece of the shard (a file or byte range of one; always 0 for in-memory lines)
 * @param offset the byte offset in that file (of the decompressed bytes for .gz), or the line index in memory
 */
public record ShardPosition(int piece, long offset) {
}
