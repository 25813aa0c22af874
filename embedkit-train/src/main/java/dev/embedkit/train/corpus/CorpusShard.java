package dev.embedkit.train.corpus;

/** The part of a corpus one training thread reads, like word2vec's seek to size/threads·id. */
public interface CorpusShard {

    /** Reads the shard from its beginning. */
    LineSource open();

    /** Reads the shard from a position an earlier reader reported. */
    LineSource openAt(ShardPosition position);
}
