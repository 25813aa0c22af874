package dev.embedkit.search;

import dev.embedkit.BadInputException;
import dev.embedkit.simd.Kernels;
import dev.embedkit.simd.VectorKernels;

import dev.embedkit.tensor.HeapMatrix;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Word arithmetic over a {@link NeighborIndex}, with gensim 4.2's semantics: most_similar (3CosAdd),
 * most_similar_cosmul (3CosMul) and doesnt_match. The input words are never answers.
 * Unlike gensim, an unknown word is an error rather than a logged warning.
 */
public final class Analogies {
    /**
     * The ε of 3CosMul. gensim 4.2 adds 1e-6 to the denominator; Levy &amp; Goldberg's paper used 0.001.
     * We follow gensim so that its answers can be checked score for score.
     */
    static final double COSMUL_EPSILON = 1e-6;

    private final NeighborIndex index;

    public Analogies(NeighborIndex index) {
        this.index = index;
    }

    /** a is to b as c is to ?: the neighbours of b − a + c (word2vec's "man king woman" → queen), without a, b, c. */
    public List<Neighbor> solve(String a, String b, String c, int k, AnalogyMethod method) {
        return solve(new VectorExpression(List.of(b, c), List.of(a)), k, method);
    }

    /** The k best answers to {@code expression}, best first, none of them one of its words. */
    public List<Neighbor> solve(VectorExpression expression, int k, AnalogyMethod method) {
        return solve(expression, Map.of(), k, method);
    }

    /**
     * {@link #solve(VectorExpression, int, AnalogyMethod)}, where the words of {@code given} count with their given
     * vector, (dim) each, instead of a row: words out of the vocabulary whose vectors come from their n-grams. They
     * are no rows, so no answer is left out for them.
     */
    public List<Neighbor> solve(VectorExpression expression, Map<String, float[]> given, int k, AnalogyMethod method) {
        NeighborIndex.checkK(k);
        Set<Integer> inputs = new LinkedHashSet<>();
        float[][] positive = unitVectors(expression.positive(), given, inputs);
        float[][] negative = unitVectors(expression.negative(), given, inputs);
        return switch (method) {
            case ADD -> index.nearest(meanDirection(positive, negative, expression), k, inputs);
            case MUL -> cosMul(positive, negative, k, inputs);
        };
    }

    /**
     * Many analogies at once, by row ID: question q is "a is to b as c is to ?" with
     * {@code questions[q] = {a, b, c}}. Returns the k best answers of each, best first, none of its three words;
     * the same answers as {@link #solve(String, String, String, int, AnalogyMethod)} one by one, but all queries
     * share one pass over the rows (3CosAdd: one {@link NeighborIndex#nearestBatch}; 3CosMul: one GEMM per row
     * block against the distinct question words). A question whose 3CosAdd direction is the zero vector
     * (possible only with zero rows) gets no answers instead of failing the batch.
     */
    public List<List<Neighbor>> solveAll(int[][] questions /* (n, 3): a, b, c */, int k, AnalogyMethod method) {
        NeighborIndex.checkK(k);
        for (int[] question : questions) {
            if (question.length != 3) {
                throw new BadInputException("an analogy question has 3 IDs (a, b, c), got " + question.length);
            }
            for (int id : question) {
                index.table().vocabulary().checkId(id);
            }
        }
        return switch (method) {
            case ADD -> cosAddAll(questions, k);
            case MUL -> cosMulAll(questions, k);
        };
    }

    /** gensim's doesnt_match: the word whose unit vector is least similar to the mean of all the unit vectors. */
    public String doesntMatch(List<String> words) {
        if (words.isEmpty()) {
            throw new BadInputException("doesnt_match needs at least one word");
        }
        int[] ids = ids(words);
        int dim = index.table().dim();
        float[] mean = new float[dim];
        for (int id : ids) {
            Kernels.get().axpy(1f, index.normalizedRow(id), 0, mean, 0, dim);
        }
        UnitRows.normalize(mean, 0, dim, "the mean of " + words); // a zero mean stays zero: every word ties
        String odd = null;
        float oddScore = Float.POSITIVE_INFINITY;
        for (int i = 0; i < ids.length; i++) {
            float score = Kernels.get().dot(index.normalizedRow(ids[i]), 0, mean, 0, dim);
            // gensim sorts (similarity, word) pairs: on equal similarity the smaller word is the odd one.
            if (score < oddScore || (score == oddScore && words.get(i).compareTo(odd) < 0)) {
                odd = words.get(i);
                oddScore = score;
            }
        }
        return odd;
    }

    /**
     * Each word's unit vector: its given vector normalized, else its row's (strictly: an unknown word is an error),
     * whose ID joins {@code inputs}, the rows never to answer.
     */
    private float[][] unitVectors(List<String> words, Map<String, float[]> given, Set<Integer> inputs) {
        float[][] units = new float[words.size()][];
        for (int i = 0; i < units.length; i++) {
            String word = words.get(i);
            float[] vector = given.get(word);
            if (vector != null) {
                units[i] = vector.clone();
                UnitRows.normalize(units[i], 0, units[i].length, "the vector of '" + word + "'");
            } else {
                int id = index.id(word);
                inputs.add(id);
                units[i] = index.normalizedRow(id);
            }
        }
        return units;
    }

    /** Σ unit(positive) − Σ unit(negative), as a unit vector; gensim's weighted mean has the same direction. */
    private float[] meanDirection(float[][] positive, float[][] negative, VectorExpression expression) {
        int dim = index.table().dim();
        float[] sum = new float[dim];
        for (float[] unit : positive) {
            Kernels.get().axpy(1f, unit, 0, sum, 0, dim);
        }
        for (float[] unit : negative) {
            Kernels.get().axpy(-1f, unit, 0, sum, 0, dim);
        }
        if (!UnitRows.normalize(sum, 0, dim, "the sum of " + expression)) {
            throw new BadInputException("the unit vectors of '" + expression + "' sum to the zero vector;"
                    + " there is no direction to search");
        }
        return sum;
    }

    /** 3CosMul over every row: the cosines of all terms come from one GEMM per row block. */
    private List<Neighbor> cosMul(float[][] positive, float[][] negative, int k, Set<Integer> inputs) {
        if (positive.length == 0) {
            throw new BadInputException("3CosMul needs at least one positive word");
        }
        UnitRows rows = index.unitRows();
        VectorKernels kernels = Kernels.get();
        int dim = rows.dim();
        int terms = positive.length + negative.length;
        float[] termVectors = new float[terms * dim]; // (terms, dim): positive words first
        for (int t = 0; t < terms; t++) {
            System.arraycopy(t < positive.length ? positive[t] : negative[t - positive.length], 0, termVectors, t * dim, dim);
        }
        int capacity = Math.min(k + inputs.size(), rows.rows());
        if (capacity == 0) {
            return List.of();
        }
        TopK top = new TopK(capacity);
        float[] cosines = new float[terms * rows.maxBlockRows()]; // (terms, block rows)
        for (int b = 0; b < rows.blockCount(); b++) {
            int blockRows = rows.blockRows(b);
            kernels.gemmTransB(termVectors, terms, rows.block(b), blockRows, dim, cosines);
            for (int r = 0; r < blockRows; r++) {
                double numerator = 1;
                double denominator = 1;
                for (int t = 0; t < terms; t++) {
                    double shifted = (1.0 + cosines[t * blockRows + r]) / 2; // cosine moved into [0, 1]
                    if (t < positive.length) {
                        numerator *= shifted;
                    } else {
                        denominator *= shifted;
                    }
                }
                top.offer(rows.blockStart(b) + r, (float) (numerator / (denominator + COSMUL_EPSILON)));
            }
        }
        int[] ids = new int[capacity];
        float[] scores = new float[capacity];
        int kept = top.drainTo(ids, scores);
        int[] excluded = inputs.stream().mapToInt(Integer::intValue).sorted().toArray();
        return index.neighbors(ids, scores, kept, excluded, k);
    }

    private List<List<Neighbor>> cosAddAll(int[][] questions, int k) {
        int dim = index.table().dim();
        List<float[]> directions = new ArrayList<>(questions.length);
        List<Set<Integer>> exclusions = new ArrayList<>(questions.length);
        int[] batchRow = new int[questions.length]; // -1: no direction, no answers
        for (int q = 0; q < questions.length; q++) {
            int[] question = questions[q];
            float[] sum = new float[dim];
            // b + c − a in gensim's order (positive words, then negative), so the rounding matches most_similar's
            Kernels.get().axpy(1f, index.normalizedRow(question[1]), 0, sum, 0, dim);
            Kernels.get().axpy(1f, index.normalizedRow(question[2]), 0, sum, 0, dim);
            Kernels.get().axpy(-1f, index.normalizedRow(question[0]), 0, sum, 0, dim);
            if (Kernels.get().dot(sum, 0, sum, 0, dim) == 0f) {
                batchRow[q] = -1;
                continue;
            }
            batchRow[q] = directions.size();
            directions.add(sum);
            exclusions.add(new HashSet<>(List.of(question[0], question[1], question[2]))); // a word may repeat
        }
        HeapMatrix queries = HeapMatrix.zeros(directions.size(), dim); // (answerable questions, dim)
        for (int i = 0; i < directions.size(); i++) {
            queries.setRow(i, directions.get(i));
        }
        List<List<Neighbor>> found = index.nearestBatch(queries, k, exclusions);
        List<List<Neighbor>> answers = new ArrayList<>(questions.length);
        for (int q = 0; q < questions.length; q++) {
            answers.add(batchRow[q] < 0 ? List.of() : found.get(batchRow[q]));
        }
        return answers;
    }

    /** {@link #cosMul} for many questions: the cosines of every distinct question word come from one GEMM per block. */
    private List<List<Neighbor>> cosMulAll(int[][] questions, int k) {
        UnitRows rows = index.unitRows();
        int dim = rows.dim();
        Map<Integer, Integer> termOf = new LinkedHashMap<>(); // row ID → row of termVectors
        for (int[] question : questions) {
            for (int id : question) {
                termOf.putIfAbsent(id, termOf.size());
            }
        }
        int terms = termOf.size();
        float[] termVectors = new float[terms * dim]; // (terms, dim)
        termOf.forEach((id, t) -> System.arraycopy(index.normalizedRow(id), 0, termVectors, t * dim, dim));
        int[][] termIds = new int[questions.length][3]; // the terms of a, b, c
        for (int q = 0; q < questions.length; q++) {
            for (int i = 0; i < 3; i++) {
                termIds[q][i] = termOf.get(questions[q][i]);
            }
        }
        int capacity = Math.min(k + 3, rows.rows());
        List<List<Neighbor>> answers = new ArrayList<>(questions.length);
        if (questions.length == 0 || capacity == 0) {
            return List.of();
        }
        TopK[] heaps = new TopK[questions.length];
        for (int q = 0; q < questions.length; q++) {
            heaps[q] = new TopK(capacity);
        }
        float[] cosines = new float[terms * rows.maxBlockRows()]; // (terms, block rows)
        for (int b = 0; b < rows.blockCount(); b++) {
            int blockRows = rows.blockRows(b);
            Kernels.get().gemmTransB(termVectors, terms, rows.block(b), blockRows, dim, cosines);
            for (int q = 0; q < questions.length; q++) {
                int a = termIds[q][0] * blockRows;
                int pb = termIds[q][1] * blockRows;
                int c = termIds[q][2] * blockRows;
                for (int r = 0; r < blockRows; r++) {
                    // the same arithmetic, in the same order, as cosMul with positive = {b, c}, negative = {a}
                    double numerator = 1.0 * ((1.0 + cosines[pb + r]) / 2) * ((1.0 + cosines[c + r]) / 2);
                    double denominator = 1.0 * ((1.0 + cosines[a + r]) / 2);
                    heaps[q].offer(rows.blockStart(b) + r, (float) (numerator / (denominator + COSMUL_EPSILON)));
                }
            }
        }
        int[] ids = new int[capacity];
        float[] scores = new float[capacity];
        for (int q = 0; q < questions.length; q++) {
            int kept = heaps[q].drainTo(ids, scores);
            int[] excluded = Arrays.stream(questions[q]).distinct().sorted().toArray();
            answers.add(index.neighbors(ids, scores, kept, excluded, k));
        }
        return answers;
    }

    private int[] ids(List<String> words) {
        int[] ids = new int[words.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = index.id(words.get(i));
        }
        return ids;
    }
}
