package dev.embedkit.train.corpus;

import java.util.ArrayList;
import java.util.List;

/** Lines already in memory; shard i holds the i-th of {@code count} even, contiguous runs of lines. */
record MemoryCorpus(String name, List<String> lines) implements Corpus {

    @Override
    public List<CorpusShard> shards(int count) {
        List<CorpusShard> shards = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int from = (int) ((long) lines.size() * i / count);
            int to = (int) ((long) lines.size() * (i + 1) / count);
            shards.add(new Shard(lines.subList(from, to)));
        }
        return shards;
    }

    @Override
    public long replacedSequences() {
        return 0; // Java strings are already text
    }

    private record Shard(List<String> lines) implements CorpusShard {
        @Override
        public LineSource open() {
            return openAt(new ShardPosition(0, 0));
        }

        @Override
        public LineSource openAt(ShardPosition position) {
            return new LineSource() {
                private int next = (int) position.offset();

                @Override
                public String nextLine() {
                    return next < lines.size() ? lines.get(next++) : null;
                }

                @Override
                public ShardPosition position() {
                    return new ShardPosition(0, next);
                }

                @Override
                public void close() {
                }
            };
        }
    }
}
