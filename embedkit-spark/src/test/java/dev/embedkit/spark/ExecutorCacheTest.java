package dev.embedkit.spark;

import dev.embedkit.train.word2vec.ShardContext;
import dev.embedkit.train.word2vec.Word2VecSettings;
import dev.embedkit.train.word2vec.Word2VecSettings.Architecture;
import dev.embedkit.vocab.Vocabulary;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

class ExecutorCacheTest {

    @Test
    void aRunsShardContextIsBuiltOnceAndReplacedByTheNextRuns() {
        Word2VecSettings settings = new Word2VecSettings(Architecture.CBOW, 4, 1, 1, 0, 1, 10, 1, 1, 0.1, 1, true);
        Vocabulary vocabulary = Vocabulary.of(List.of("a", "b"), new long[] {3, 2});
        AtomicInteger built = new AtomicInteger();
        Supplier<ShardContext> build = () -> {
            built.incrementAndGet();
            return new ShardContext(settings, vocabulary);
        };
        ShardContext first = ExecutorCache.shardContext("run-1", build);
        assertThat(ExecutorCache.shardContext("run-1", build)).isSameAs(first);
        assertThat(built).hasValue(1);
        ShardContext second = ExecutorCache.shardContext("run-2", build);
        assertThat(second).isNotSameAs(first);
        assertThat(ExecutorCache.shardContext("run-2", build)).isSameAs(second);
        assertThat(built).hasValue(2);
    }
}
