package dev.embedkit.fasttext;

import dev.embedkit.io.Fixtures;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The fastText fixtures (scripts/fixtures/make-fasttext-fixtures.sh) and how to compare with fastText's printout. */
final class FastTextFixtures {
    private FastTextFixtures() {
    }

    static Path path(String name) {
        return Fixtures.path("fasttext/" + name);
    }

    /** print-word-vectors output: per line a word, a space, then d numbers each followed by a space. */
    static Map<String, float[]> parseVectors(String printed) {
        Map<String, float[]> vectors = new LinkedHashMap<>();
        for (String line : printed.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] fields = line.strip().split(" ");
            float[] values = new float[fields.length - 1];
            for (int i = 0; i < values.length; i++) {
                values[i] = Float.parseFloat(fields[i + 1]);
            }
            vectors.put(fields[0], values);
        }
        return vectors;
    }

    static Map<String, float[]> golden() {
        try {
            return parseVectors(Files.readString(path("golden.txt"), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> words() {
        try {
            return Files.readAllLines(path("words.txt"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * fastText prints 5 significant digits (std::setprecision(5)), so a printed value is within half a unit of
     * its fifth digit, at most 5e-5 of its magnitude; a little slack covers float32 rounding of the parse.
     */
    static void assertSameAsPrinted(String word, float[] actual, float[] printed) {
        assertThat(actual).as("dimension of '%s'", word).hasSameSizeAs(printed);
        for (int c = 0; c < printed.length; c++) {
            double tolerance = 5.1e-5 * Math.abs(printed[c]) + 1e-12;
            assertThat((double) actual[c]).as("'%s'[%d]", word, c).isCloseTo(printed[c],
                    org.assertj.core.data.Offset.offset(tolerance));
        }
    }
}
