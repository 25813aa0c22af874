package dev.embedkit.bench;

import dev.embedkit.simd.VectorKernels;

/**
 * Exact top-k cosine neighbours by brute force, the baseline any index must beat: the table's rows scaled to unit
 * length once, then per query one GEMV (every row's cosine with the query) and a bounded min-heap of the k best.
 * Benchmark-only on purpose (the product's search lives in core); holds per-query scratch, so one per thread.
 */
final class BruteForceNeighbors {
    private final VectorKernels kernels;
    private final float[] unitRows; // (rows, dim), each row of the table divided by its length (zero rows stay zero)
    private final int rows;
    private final int dim;
    private final float[] query;    // (dim) scratch: gemv reads x from offset 0
    private final float[] scores;   // (rows) scratch: cosine of every row with the query
    private final int[] heapIds;    // min-heap on heapScores: the root is the worst of the best k so far
    private final float[] heapScores;

    BruteForceNeighbors(VectorKernels kernels, float[] table, int rows, int dim, int maxK) {
        this.kernels = kernels;
        this.rows = rows;
        this.dim = dim;
        this.unitRows = table.clone();
        for (int r = 0; r < rows; r++) {
            float norm = (float) Math.sqrt(kernels.dot(unitRows, r * dim, unitRows, r * dim, dim));
            if (norm > 0) {
                kernels.scale(1f / norm, unitRows, r * dim, dim);
            }
        }
        this.query = new float[dim];
        this.scores = new float[rows];
        this.heapIds = new int[maxK];
        this.heapScores = new float[maxK];
    }

    /**
     * The k rows most cosine-similar to row {@code queryRow}, itself excluded (as gensim's most_similar does),
     * best first, written into {@code outIds} / {@code outScores}; returns how many were found (k, or rows-1).
     */
    int nearest(int queryRow, int k, int[] outIds, float[] outScores) {
        System.arraycopy(unitRows, queryRow * dim, query, 0, dim);
        kernels.gemv(unitRows, rows, dim, query, scores);
        int size = 0;
        for (int r = 0; r < rows; r++) {
            if (r == queryRow) {
                continue;
            }
            float score = scores[r];
            if (size < k) {
                heapIds[size] = r;
                heapScores[size] = score;
                siftUp(size++);
            } else if (score > heapScores[0]) {
                heapIds[0] = r;
                heapScores[0] = score;
                siftDown(size);
            }
        }
        int found = size;
        while (size > 0) { // pop the worst first, filling the output from its end
            size--;
            outIds[size] = heapIds[0];
            outScores[size] = heapScores[0];
            heapIds[0] = heapIds[size];
            heapScores[0] = heapScores[size];
            siftDown(size);
        }
        return found;
    }

    private void siftUp(int i) {
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (heapScores[parent] <= heapScores[i]) {
                return;
            }
            swap(i, parent);
            i = parent;
        }
    }

    private void siftDown(int size) {
        int i = 0;
        while (true) {
            int smallest = i;
            int left = 2 * i + 1;
            int right = left + 1;
            if (left < size && heapScores[left] < heapScores[smallest]) {
                smallest = left;
            }
            if (right < size && heapScores[right] < heapScores[smallest]) {
                smallest = right;
            }
            if (smallest == i) {
                return;
            }
            swap(i, smallest);
            i = smallest;
        }
    }

    private void swap(int i, int j) {
        int id = heapIds[i];
        heapIds[i] = heapIds[j];
        heapIds[j] = id;
        float score = heapScores[i];
        heapScores[i] = heapScores[j];
        heapScores[j] = score;
    }
}
