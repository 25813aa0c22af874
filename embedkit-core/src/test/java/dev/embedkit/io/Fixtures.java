package dev.embedkit.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/** The committed golden files under src/test/resources/fixtures, made by the scripts in scripts/fixtures. */
public final class Fixtures {
    private Fixtures() {
    }

    public static Path path(String name) {
        URL url = Fixtures.class.getResource("/fixtures/" + name);
        if (url == null) {
            throw new AssertionError("missing fixture " + name + "; regenerate with scripts/fixtures/*.py");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new AssertionError(e);
        }
    }

    static JsonNode json(String name) {
        try {
            return new ObjectMapper().readTree(path(name).toFile());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** A JSON array of arrays of numbers as floats; the numbers were float32 values widened to double, so exact. */
    static float[][] matrix(JsonNode rows) {
        float[][] m = new float[rows.size()][];
        for (int r = 0; r < m.length; r++) {
            JsonNode row = rows.get(r);
            m[r] = new float[row.size()];
            for (int c = 0; c < m[r].length; c++) {
                m[r][c] = (float) row.get(c).doubleValue();
            }
        }
        return m;
    }
}
