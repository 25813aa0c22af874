package dev.embedkit.fasttext;

import dev.embedkit.search.Neighbor;
import dev.embedkit.search.NeighborIndex;
import dev.embedkit.subword.CharNgrams;
import dev.embedkit.subword.SubwordIndex;
import dev.embedkit.subword.SubwordVectors;
import dev.embedkit.tensor.HeapMatrix;
import dev.embedkit.vocab.Vocabulary;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Models written by embedkit, read by the real fastText (Debian's fasttext 0.9.2; .ci/run installs it). Skipped
 * where the {@code fasttext} command is missing; FastTextFormatTest covers reading without it.
 */
class FastTextInteropTest {
    private static final List<String> WORDS = List.of("the", "king", "queen", "naïve", "日本", "straße", "ü",
            SubwordVectors.END_OF_SENTENCE);
    private static final List<String> QUERIES = List.of("the", "naïve", "日本", "</s>", "kings", "naïveté", "日本語",
            "Straßen", "x", "üü", "zzzz");

    @TempDir
    Path dir;

    @BeforeAll
    static void needsFastText() {
        assumeTrue(onPath("fasttext"), "fasttext is not on PATH (apt-get install fasttext)");
    }

    /** Random rows, n-grams of 1..3 characters in 37 buckets: small enough that n-grams share buckets. */
    private static FastTextModel randomModel() {
        Random random = new Random(7);
        int dim = 6;
        int buckets = 37;
        HeapMatrix words = HeapMatrix.zeros(WORDS.size(), dim);
        HeapMatrix bucketRows = HeapMatrix.zeros(buckets, dim);
        HeapMatrix output = HeapMatrix.zeros(WORDS.size(), dim);
        for (HeapMatrix m : List.of(words, bucketRows, output)) {
            for (int i = 0; i < m.data().length; i++) {
                m.data()[i] = (float) random.nextGaussian();
            }
        }
        long[] counts = {50, 20, 18, 9, 7, 5, 3, 40};
        CharNgrams ngrams = new CharNgrams(1, 3, buckets);
        SubwordVectors vectors = new SubwordVectors(Vocabulary.of(WORDS, counts), words, bucketRows, ngrams);
        FastTextArgs args = new FastTextArgs(dim, 5, 5, 1, 5, 1, FastTextArgs.LOSS_NS, FastTextArgs.MODEL_SKIPGRAM,
                buckets, 1, 3, 100, 1e-4);
        return new FastTextModel(args, vectors, 152, output, 0);
    }

    @Test
    void printWordVectorsGivesEmbedkitsVectors() throws Exception {
        FastTextModel model = randomModel();
        Path file = dir.resolve("model.bin");
        FastTextFormat.write(model, file);
        Map<String, float[]> printed = FastTextFixtures.parseVectors(
                run(String.join("\n", QUERIES) + "\n", "fasttext", "print-word-vectors", file.toString()));
        assertThat(printed.keySet()).containsExactlyElementsOf(QUERIES);
        printed.forEach((word, values) -> FastTextFixtures.assertSameAsPrinted(word, model.wordVector(word), values));
    }

    @Test
    void aCompactSubwordModelWrittenAsBinGivesTheSameVectorsInFastText() throws Exception {
        FastTextModel full = randomModel();
        SubwordVectors vectors = full.subwords();
        SubwordIndex index = SubwordIndex.of(vectors.vocabulary(), vectors.ngrams());
        HeapMatrix used = HeapMatrix.zeros(index.usedBucketCount(), vectors.dim());
        int[] buckets = index.usedBuckets();
        for (int slot = 0; slot < buckets.length; slot++) {
            used.setRow(slot, vectors.bucketRows().row(buckets[slot]));
        }
        SubwordVectors compact = SubwordVectors.compact(vectors.vocabulary(), vectors.wordRows(), used,
                vectors.ngrams(), null);
        Path file = dir.resolve("compact.bin");
        FastTextFormat.write(FastTextModel.ofSubwords(compact), file);
        Map<String, float[]> printed = FastTextFixtures.parseVectors(
                run(String.join("\n", QUERIES) + "\n", "fasttext", "print-word-vectors", file.toString()));
        assertThat(printed.keySet()).containsExactlyElementsOf(QUERIES);
        printed.forEach((word, values) -> FastTextFixtures.assertSameAsPrinted(word, compact.vector(word), values));
    }

    @Test
    void aPlainTableWrittenAsBinReadsBackInFastText() throws Exception {
        FastTextModel model = FastTextModel.ofTable(randomModel().table()); // no subwords: maxn = 0, no buckets
        Path file = dir.resolve("plain.bin");
        FastTextFormat.write(model, file);
        Map<String, float[]> printed = FastTextFixtures.parseVectors(run("king\nzebra\n", "fasttext",
                "print-word-vectors", file.toString()));
        FastTextFixtures.assertSameAsPrinted("king", model.wordVector("king"), printed.get("king"));
        assertThat(printed.get("zebra")).containsOnly(0f); // unknown and without n-grams: fastText's zero vector
    }

    @Test
    void nnFindsEmbedkitsNearestNeighbour() throws Exception {
        FastTextModel model = randomModel();
        Path file = dir.resolve("model.bin");
        FastTextFormat.write(model, file);
        String printed = run("king\n", "fasttext", "nn", file.toString(), "1");
        // "Query word? queen 0.123" — the prompt, then the neighbour and its cosine
        String[] fields = printed.replace("Query word?", "").strip().split("\\s+");
        Neighbor nearest = new NeighborIndex(model.table()).nearest("king", 1).getFirst();
        assertThat(fields[0]).isEqualTo(nearest.token());
        assertThat(Double.parseDouble(fields[1])).isCloseTo(nearest.score(), org.assertj.core.data.Offset.offset(1e-5));
    }

    private static String run(String input, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        process.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("%s finished", List.of(command)).isTrue();
        assertThat(process.exitValue()).as("exit code of %s", List.of(command)).isZero();
        return output;
    }

    private static boolean onPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String directory : path.split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(directory, command))) {
                return true;
            }
        }
        return false;
    }
}
