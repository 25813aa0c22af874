package dev.embedkit.story;

import dev.embedkit.BadInputException;
import dev.embedkit.embed.Cosine;
import dev.embedkit.search.NeighborIndex;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Claim 3, directions carry meaning: the offsets b − a of word pairs that differ in the same way (man→woman,
 * king→queen, boy→girl) point the same way, far more than offsets between random words do. Offsets are taken
 * between unit vectors, as the analogy search takes them.
 *
 * @param pairs          the (a, b) pairs whose offsets were compared, in the order given
 * @param offsetCosines  cosine of every two pairs' offsets, (pairs, pairs), 1 on the diagonal
 * @param randomCosines  cosines between offsets of random word pairs, the baseline
 */
public record OffsetDirections(List<WordPair> pairs, double[][] offsetCosines, Distribution randomCosines) {

    /** One pair of words, a → b. */
    public record WordPair(String a, String b) {
    }

    public static OffsetDirections of(NeighborIndex index, List<WordPair> pairs, int randomSamples, long seed) {
        if (pairs.size() < 2) {
            throw new BadInputException("comparing offsets needs at least 2 word pairs, got " + pairs.size());
        }
        List<float[]> offsets = new ArrayList<>();
        for (WordPair pair : pairs) {
            offsets.add(offset(index, index.id(pair.a()), index.id(pair.b())));
        }
        double[][] cosines = new double[pairs.size()][pairs.size()];
        for (int i = 0; i < pairs.size(); i++) {
            for (int j = 0; j < pairs.size(); j++) {
                cosines[i][j] = Cosine.between(offsets.get(i), offsets.get(j));
            }
        }
        int size = index.table().vocabularySize();
        if (size < 4) {
            throw new BadInputException("random offsets need at least 4 tokens, the table has " + size);
        }
        SplittableRandom random = new SplittableRandom(seed);
        double[] baseline = new double[randomSamples];
        for (int s = 0; s < randomSamples; s++) {
            float[] first = offset(index, random.nextInt(size), random.nextInt(size));
            float[] second = offset(index, random.nextInt(size), random.nextInt(size));
            baseline[s] = Cosine.between(first, second);
        }
        return new OffsetDirections(List.copyOf(pairs), cosines, new Distribution(baseline));
    }

    /** Mean cosine between the offsets of different pairs: 1 when they are exactly parallel. */
    public double meanOffsetCosine() {
        double sum = 0;
        int count = 0;
        for (int i = 0; i < offsetCosines.length; i++) {
            for (int j = i + 1; j < offsetCosines.length; j++) {
                sum += offsetCosines[i][j];
                count++;
            }
        }
        return sum / count;
    }

    /**
     * The scalar projection of each word's unit vector onto the unit direction b − a of {@code direction}: where
     * the word sits along, say, the man → woman axis.
     */
    public static List<Projection> project(NeighborIndex index, WordPair direction, List<String> words) {
        float[] axis = offset(index, index.id(direction.a()), index.id(direction.b()));
        double norm = Math.sqrt(dot(axis, axis));
        if (norm == 0) {
            throw new BadInputException("'" + direction.a() + "' and '" + direction.b() + "' have the same direction;"
                    + " their difference defines no axis");
        }
        List<Projection> result = new ArrayList<>();
        for (String word : words) {
            result.add(new Projection(word, dot(index.normalizedRow(index.id(word)), axis) / norm));
        }
        return result;
    }

    /** Where {@code word} lies along a direction. */
    public record Projection(String word, double value) {
    }

    private static float[] offset(NeighborIndex index, int a, int b) {
        float[] from = index.normalizedRow(a);
        float[] to = index.normalizedRow(b);
        float[] offset = new float[to.length];
        for (int c = 0; c < offset.length; c++) {
            offset[c] = to[c] - from[c];
        }
        return offset;
    }


    private static double dot(float[] x, float[] y) {
        double sum = 0;
        for (int c = 0; c < x.length; c++) {
            sum += (double) x[c] * y[c];
        }
        return sum;
    }
}
