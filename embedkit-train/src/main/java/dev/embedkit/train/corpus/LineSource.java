package dev.embedkit.train.corpus;

import java.io.Closeable;

/** The lines of one shard, read one at a time; never the whole shard at once. */
public interface LineSource extends Closeable {

    /** The next line (or chunk of an over-long line), or null when the shard is done. */
    String nextLine();

    /** Where the next {@link #nextLine()} starts; reopening the shard here continues with that same line. */
    ShardPosition position();

    @Override
    void close();
}
