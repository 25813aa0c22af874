package dev.embedkit.search.ann;

import dev.embedkit.BadInputException;

/**
 * How an HNSW graph is built and searched. {@code maxConnections} (HNSW's M) links per node on the upper levels,
 * twice that on the bottom one; {@code beamWidth} (efConstruction) candidates kept while a node looks for its
 * links; {@code ef} candidates kept while a query walks the graph (at least k + the excluded IDs are always kept);
 * {@code threads} that insert nodes at once. The defaults are Lucene's (M 16, beam width 100) and ef = 100.
 */
public record HnswSettings(int maxConnections, int beamWidth, int ef, int threads) {
    /** Lucene's own bounds (Lucene99HnswVectorsFormat): larger values only cost memory and time. */
    public static final int MAX_CONNECTIONS_LIMIT = 512;
    public static final int BEAM_WIDTH_LIMIT = 3200;

    public HnswSettings {
        check("M (max connections)", maxConnections, MAX_CONNECTIONS_LIMIT);
        check("beam width", beamWidth, BEAM_WIDTH_LIMIT);
        check("ef", ef, Integer.MAX_VALUE);
        check("threads", threads, 1024);
    }

    /** M 16, beam width 100, ef 100, one thread per core. */
    public static HnswSettings defaults() {
        return new HnswSettings(16, 100, 100, Runtime.getRuntime().availableProcessors());
    }

    public HnswSettings withEf(int newEf) {
        return new HnswSettings(maxConnections, beamWidth, newEf, threads);
    }

    public HnswSettings withThreads(int newThreads) {
        return new HnswSettings(maxConnections, beamWidth, ef, newThreads);
    }

    private static void check(String what, int value, int limit) {
        if (value < 1 || value > limit) {
            throw new BadInputException("HNSW " + what + " must be between 1 and " + limit + ", got " + value);
        }
    }
}
