package dev.embedkit.tokenize.bpe;

import java.util.HashMap;
import java.util.Map;

/**
 * The merge table of a BPE model and the merge loop: a word starts as symbol IDs and, while any adjacent pair has a
 * merge, the pair with the lowest rank (the earliest learned merge) is replaced by its merged symbol, leftmost first.
 * This is Hugging Face's order; for merge lists where a merged symbol only takes part in later merges (GPT-2's and
 * every trained list) it gives the same result as the reference GPT-2 loop, which merges all copies of the best
 * pair per pass.
 */
public final class BpeMerges {
    private final Map<Long, Integer> rankOfPair = new HashMap<>();
    private final int[] mergedId; // (merges): the symbol each rank produces

    /** {@code pairs[r] = {left, right, merged}}: the symbol IDs of the merge of rank {@code r}. */
    public BpeMerges(int[][] pairs) {
        mergedId = new int[pairs.length];
        for (int rank = 0; rank < pairs.length; rank++) {
            // A repeated pair keeps its first (lowest) rank, as a later duplicate line can never fire first.
            rankOfPair.putIfAbsent(key(pairs[rank][0], pairs[rank][1]), rank);
            mergedId[rank] = pairs[rank][2];
        }
    }

    public int size() {
        return mergedId.length;
    }

    /** The rank of merging {@code left} then {@code right}, or -1 if they never merge. */
    public int rank(int left, int right) {
        Integer rank = rankOfPair.get(key(left, right));
        return rank == null ? -1 : rank;
    }

    private static long key(int left, int right) {
        return (long) left << 32 | (right & 0xFFFFFFFFL);
    }

    /** Applies every possible merge to {@code symbols} and returns the final symbol IDs. */
    public int[] merge(int[] symbols) {
        int n = symbols.length;
        if (n < 2) {
            return symbols.clone();
        }
        int[] id = symbols.clone();
        int[] prev = new int[n];
        int[] next = new int[n];
        boolean[] gone = new boolean[n];
        LongHeap queue = new LongHeap(); // entries: rank << 32 | position, so the heap orders by rank, then position
        for (int i = 0; i < n; i++) {
            prev[i] = i - 1;
            next[i] = i + 1 < n ? i + 1 : -1;
            if (i + 1 < n) {
                offer(queue, id[i], id[i + 1], i);
            }
        }
        int remaining = n;
        while (!queue.isEmpty()) {
            long entry = queue.pop();
            int rank = (int) (entry >>> 32);
            int left = (int) entry;
            int right = next[left];
            // Entries are never removed when a neighbour merges; a stale one no longer describes its pair.
            if (gone[left] || right < 0 || rank(id[left], id[right]) != rank) {
                continue;
            }
            id[left] = mergedId[rank];
            gone[right] = true;
            remaining--;
            next[left] = next[right];
            if (next[left] >= 0) {
                prev[next[left]] = left;
                offer(queue, id[left], id[next[left]], left);
            }
            if (prev[left] >= 0) {
                offer(queue, id[prev[left]], id[left], prev[left]);
            }
        }
        int[] result = new int[remaining];
        for (int i = 0, k = 0; i >= 0; i = next[i]) {
            result[k++] = id[i];
        }
        return result;
    }

    private void offer(LongHeap queue, int left, int right, int position) {
        int rank = rank(left, right);
        if (rank >= 0) {
            queue.push((long) rank << 32 | position);
        }
    }
}
