package dev.embedkit.search;

import dev.embedkit.BadInputException;
import dev.embedkit.UnknownTokenException;
import dev.embedkit.embed.EmbeddingTable;
import dev.embedkit.simd.Kernels;
import dev.embedkit.tensor.HeapMatrix;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Exact nearest neighbours by cosine similarity over every row of a table. The rows are normalized once, when
 * the index is built; a search scores a block of queries against one block of rows at a time with a GEMM and
 * keeps the best in a {@link TopK} per query. One query is a batch of one, so both paths run the same code
 * (scores can still differ in the last bit: the Vector API kernels reduce in an order that changes with the JIT).
 * Immutable once built, so one index serves any number of threads.
 */
public final class NeighborIndex implements NeighborSearch {
    // 32 queries reuse each row block while it is in cache, and are small enough to spread a batch over cores.
    private static final int QUERIES_PER_BLOCK = 32;

    private final EmbeddingTable table;
    private final UnitRows unitRows; // (vocab_size, dim), unit length
    private final int cores;         // how many parts a search is cut into, at most

    public NeighborIndex(EmbeddingTable table) {
        this(table, Runtime.getRuntime().availableProcessors());
    }

    /** For tests: the search splits its work as if the machine had {@code cores} cores. */
    NeighborIndex(EmbeddingTable table, int cores) {
        this.table = table;
        this.unitRows = new UnitRows(table.weights());
        this.cores = Math.max(1, cores);
    }

    @Override
    public EmbeddingTable table() {
        return table;
    }

    @Override
    public String description() {
        return "exact";
    }

    /**
     * The k rows most similar to {@code query}, best first, leaving out {@code excludeIds} (null: none).
     * k above the number of candidates is clamped; equal scores rank the lower ID first.
     *
     * @param query (dim), finite and non-zero; normalized here
     */
    @Override
    public List<Neighbor> nearest(float[] query, int k, Set<Integer> excludeIds) {
        return NeighborSearch.super.nearest(query, k, excludeIds);
    }

    /** The k tokens most similar to {@code token}, leaving the token itself out (gensim's most_similar). */
    @Override
    public List<Neighbor> nearest(String token, int k) {
        int id = nonZeroId(token);
        return nearest(table.weights().row(id), k, Set.of(id));
    }

    /** {@link #id}, and an error if the token's row is zero (its cosine with anything is undefined). */
    public int nonZeroId(String token) {
        int id = id(token);
        if (unitRows.dot(id, id) == 0f) {
            throw new BadInputException("token '" + token + "' has a zero vector; its cosine with anything is undefined");
        }
        return id;
    }

    /**
     * {@link #nearest(float[], int, Set)} for every row of {@code queries}, spread over the cores by blocks of
     * queries; each worker keeps its own heaps and score buffer. A batch with fewer query blocks than cores (one
     * query, a few dozen) also splits the rows between workers and merges their heaps, so it uses every core too;
     * the answers are the same either way.
     *
     * @param queries (n, dim), finite, no zero row
     * @param exclude null (nothing excluded) or one set per query row, each possibly empty
     */
    @Override
    public List<List<Neighbor>> nearestBatch(HeapMatrix queries /* (n, dim) */, int k, List<Set<Integer>> exclude) {
        checkK(k);
        int n = queries.rows();
        int[][] excluded = excludedIds(n, exclude);
        float[] units = unitQueries(queries); // (n, dim)
        // Like gensim, keep k + |excluded| candidates and drop the excluded ones afterwards: the hot loop stays
        // branch-free, and one capacity for all queries lets a worker reuse its heaps.
        int maxExcluded = Arrays.stream(excluded).mapToInt(ids -> ids.length).max().orElse(0);
        int capacity = (int) Math.min((long) k + maxExcluded, unitRows.rows());
        @SuppressWarnings("unchecked")
        List<Neighbor>[] results = (List<Neighbor>[]) new List<?>[n]; // each worker fills its own queries' slots
        if (n == 0 || capacity == 0) {
            Arrays.fill(results, List.of());
            return List.of(results);
        }
        int blockSize = Math.min(QUERIES_PER_BLOCK, n);
        int queryBlocks = (n + blockSize - 1) / blockSize;
        // Fewer query blocks than cores (a single query, a small batch): split the rows too, so no core idles.
        int rowParts = Math.max(1, Math.min(cores / queryBlocks, unitRows.blockCount()));
        if (rowParts > 1) {
            splitRows(units, n, blockSize, queryBlocks, rowParts, capacity, k, excluded, results);
            return List.of(results);
        }
        int workers = Math.min(queryBlocks, cores);
        IntStream.range(0, workers).parallel().forEach(worker -> {
            Scan scan = new Scan(blockSize, capacity);
            for (int block = worker; block < queryBlocks; block += workers) {
                int first = block * blockSize;
                int count = Math.min(blockSize, n - first);
                scan.run(units, first, count, 0, unitRows.blockCount());
                scan.finish(first, count, k, excluded, results);
            }
        });
        return List.of(results);
    }

    /** cos(E[a], E[b]); 0 if either row is zero. */
    public float cosine(int a, int b) {
        table.vocabulary().checkId(a);
        table.vocabulary().checkId(b);
        return unitRows.dot(a, b);
    }

    /** E[id] / ‖E[id]‖, copied (zero if the row is zero). */
    public float[] normalizedRow(int id) {
        table.vocabulary().checkId(id);
        return unitRows.row(id);
    }

    /**
     * The ID of {@code token}, strictly: a token absent from the vocabulary is an {@link UnknownTokenException}
     * even when the vocabulary maps unknown tokens to {@code <unk>}, since the neighbours of {@code <unk>}
     * would silently answer another question.
     */
    @Override
    public int id(String token) {
        int id = table.vocabulary().find(token);
        if (id < 0) {
            throw new UnknownTokenException(token);
        }
        return id;
    }

    /** The unit rows, for scorers that combine several cosines per row (3CosMul) and for graph indexes. */
    public UnitRows unitRows() {
        return unitRows;
    }

    public static void checkK(int k) {
        if (k < 1) {
            throw new BadInputException("k must be at least 1, got " + k);
        }
    }

    /** The rows of {@code queries} scaled to unit length, (n, dim), after checking their dim and values. */
    public float[] unitQueries(HeapMatrix queries) {
        if (queries.cols() != unitRows.dim()) {
            throw new BadInputException("query has dim=" + queries.cols() + " but the table has dim="
                    + unitRows.dim() + " (vocab_size=" + unitRows.rows() + ", dim=" + unitRows.dim() + ")");
        }
        float[] units = queries.data().clone(); // (n, dim)
        int dim = unitRows.dim();
        for (int q = 0; q < queries.rows(); q++) {
            String what = queries.rows() == 1 ? "query" : "query " + q;
            for (int c = 0; c < dim; c++) {
                if (!Float.isFinite(units[q * dim + c])) {
                    throw new BadInputException(what + "[" + c + "] is " + units[q * dim + c] + "; queries must be finite");
                }
            }
            if (!UnitRows.normalize(units, q * dim, dim, what)) {
                throw new BadInputException(what + " is the zero vector; its cosine with anything is undefined");
            }
        }
        return units;
    }

    /** One sorted array of checked IDs per query (empty when {@code exclude} is null). */
    public int[][] excludedIds(int n, List<Set<Integer>> exclude) {
        if (exclude != null && exclude.size() != n) {
            throw new BadInputException(n + " queries but " + exclude.size() + " exclusion sets; give one per query");
        }
        int[][] excluded = new int[n][];
        for (int q = 0; q < n; q++) {
            Set<Integer> ids = exclude == null || exclude.get(q) == null ? Set.of() : exclude.get(q);
            excluded[q] = ids.stream().mapToInt(Integer::intValue).sorted().toArray();
            for (int id : excluded[q]) {
                table.vocabulary().checkId(id);
            }
        }
        return excluded;
    }

    /**
     * Each (query block, row part) pair is one task with its own heaps; the best {@code capacity} of every part
     * are then merged per query. {@link TopK}'s order is total, so the result is the one a single scan gives.
     */
    private void splitRows(float[] units, int n, int blockSize, int queryBlocks, int rowParts, int capacity, int k,
                           int[][] excluded, List<Neighbor>[] results) {
        int[][] partIds = new int[queryBlocks * rowParts][];      // (tasks)(block size · capacity)
        float[][] partScores = new float[queryBlocks * rowParts][];
        int[][] partCounts = new int[queryBlocks * rowParts][];   // (tasks)(block size)
        IntStream.range(0, queryBlocks * rowParts).parallel().forEach(task -> {
            int block = task / rowParts;
            int part = task % rowParts;
            int first = block * blockSize;
            int count = Math.min(blockSize, n - first);
            Scan scan = new Scan(count, capacity);
            scan.run(units, first, count, part * unitRows.blockCount() / rowParts,
                    (part + 1) * unitRows.blockCount() / rowParts);
            partIds[task] = new int[count * capacity];
            partScores[task] = new float[count * capacity];
            partCounts[task] = scan.drain(count, partIds[task], partScores[task]);
        });
        TopK merged = new TopK(capacity);
        int[] bestIds = new int[capacity];
        float[] bestScores = new float[capacity];
        for (int q = 0; q < n; q++) {
            int block = q / blockSize;
            int inBlock = q - block * blockSize;
            for (int part = 0; part < rowParts; part++) {
                int task = block * rowParts + part;
                for (int i = 0; i < partCounts[task][inBlock]; i++) {
                    merged.offer(partIds[task][inBlock * capacity + i], partScores[task][inBlock * capacity + i]);
                }
            }
            int kept = merged.drainTo(bestIds, bestScores);
            results[q] = neighbors(bestIds, bestScores, kept, excluded[q], k);
        }
    }

    /** One worker's state, allocated once and reused for each of its query blocks. */
    private final class Scan {
        private final float[] queryBlock;  // (block size, dim)
        private final float[] scores;      // (block size, block rows)
        private final TopK[] heaps;        // one per query of the block
        private final int[] bestIds;       // (capacity)
        private final float[] bestScores;  // (capacity)

        Scan(int blockSize, int capacity) {
            this.queryBlock = new float[blockSize * unitRows.dim()];
            this.scores = new float[blockSize * unitRows.maxBlockRows()];
            this.heaps = new TopK[blockSize];
            for (int q = 0; q < blockSize; q++) {
                heaps[q] = new TopK(capacity);
            }
            this.bestIds = new int[capacity];
            this.bestScores = new float[capacity];
        }

        /** Offers rows of blocks fromBlock..toBlock-1 to the heaps of queries first..first+count-1. */
        void run(float[] units /* (n, dim) */, int first, int count, int fromBlock, int toBlock) {
            int dim = unitRows.dim();
            System.arraycopy(units, first * dim, queryBlock, 0, count * dim);
            for (int b = fromBlock; b < toBlock; b++) {
                int rows = unitRows.blockRows(b);
                int start = unitRows.blockStart(b);
                Kernels.get().gemmTransB(queryBlock, count, unitRows.block(b), rows, dim, scores);
                for (int q = 0; q < count; q++) {
                    for (int r = 0; r < rows; r++) {
                        heaps[q].offer(start + r, scores[q * rows + r]);
                    }
                }
            }
        }

        /** Empties the heaps into the results of queries first..first+count-1. */
        void finish(int first, int count, int k, int[][] excluded, List<Neighbor>[] results) {
            for (int q = 0; q < count; q++) {
                int kept = heaps[q].drainTo(bestIds, bestScores);
                results[first + q] = neighbors(bestIds, bestScores, kept, excluded[first + q], k);
            }
        }

        /** Empties the heaps, query q's best first at ids[q·capacity …]; returns how many each kept. */
        int[] drain(int count, int[] ids, float[] scores) {
            int capacity = bestIds.length;
            int[] kept = new int[count];
            for (int q = 0; q < count; q++) {
                kept[q] = heaps[q].drainTo(bestIds, bestScores);
                System.arraycopy(bestIds, 0, ids, q * capacity, kept[q]);
                System.arraycopy(bestScores, 0, scores, q * capacity, kept[q]);
            }
            return kept;
        }
    }

    /** The first k of the ranked ids that are not excluded, as neighbours. */
    public List<Neighbor> neighbors(int[] ids, float[] scores, int count, int[] excluded /* sorted */, int k) {
        List<Neighbor> neighbors = new ArrayList<>(Math.min(k, count));
        for (int i = 0; i < count && neighbors.size() < k; i++) {
            if (Arrays.binarySearch(excluded, ids[i]) < 0) {
                neighbors.add(new Neighbor(ids[i], table.vocabulary().token(ids[i]), scores[i]));
            }
        }
        return List.copyOf(neighbors);
    }
}
