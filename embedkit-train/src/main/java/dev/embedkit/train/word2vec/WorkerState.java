package dev.embedkit.train.word2vec;

import dev.embedkit.train.corpus.ShardPosition;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a training thread stands, at a line boundary: enough to continue exactly as if never stopped.
 *
 * @param epoch            the epoch in progress, from 0
 * @param position         the next line of the shard to read, or null for the shard's start
 * @param random           the thread's generator state
 * @param alpha            the thread's learning rate (updated every {@link Word2VecWorker#WORDS_PER_UPDATE} words)
 * @param wordsSinceUpdate words read but not yet added to the shared count
 * @param finished         the thread has done all its epochs
 */
record WorkerState(int epoch, ShardPosition position, long random, float alpha, long wordsSinceUpdate,
                   boolean finished) {

    Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("epoch", epoch);
        map.put("piece", position == null ? -1 : position.piece());
        map.put("offset", position == null ? -1 : position.offset());
        map.put("random", random);
        // The float's bits, so a resumed run continues with exactly the same learning rate.
        map.put("alpha_bits", Float.floatToRawIntBits(alpha));
        map.put("words_since_update", wordsSinceUpdate);
        map.put("finished", finished);
        return map;
    }

    static WorkerState fromMap(Map<?, ?> map) {
        int piece = ((Number) map.get("piece")).intValue();
        ShardPosition position = piece < 0 ? null : new ShardPosition(piece, ((Number) map.get("offset")).longValue());
        return new WorkerState(((Number) map.get("epoch")).intValue(), position, ((Number) map.get("random")).longValue(),
                Float.intBitsToFloat(((Number) map.get("alpha_bits")).intValue()),
                ((Number) map.get("words_since_update")).longValue(), Boolean.TRUE.equals(map.get("finished")));
    }
}
