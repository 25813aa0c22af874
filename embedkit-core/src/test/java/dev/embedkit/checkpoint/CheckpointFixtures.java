package dev.embedkit.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.embedkit.io.Fixtures;
import dev.embedkit.tensor.FloatMatrix;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The checkpoints made by scripts/fixtures/make-checkpoint-fixtures.py, and the values it recorded for them. */
public final class CheckpointFixtures {
    private CheckpointFixtures() {
    }

    public static Path path(String name) {
        return Fixtures.path("checkpoints/" + name);
    }

    /** expected.json's entry {@code group.key}. */
    public static JsonNode expected(String group, String key) {
        try {
            JsonNode node = new ObjectMapper().readTree(path("expected.json").toFile()).path(group).path(key);
            assertThat(node.isMissingNode()).as("expected.json has %s.%s", group, key).isFalse();
            return node;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    public static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    /** Every element of {@code m} has exactly the bits of the recorded float32 value (widened to double in JSON). */
    public static void assertSameValues(FloatMatrix m, JsonNode rows) {
        assertThat(m.rows()).isEqualTo(rows.size());
        assertThat(m.cols()).isEqualTo(rows.get(0).size());
        for (int r = 0; r < m.rows(); r++) {
            float[] row = m.row(r);
            for (int c = 0; c < row.length; c++) {
                assertThat(Float.floatToRawIntBits(row[c])).as("(%d, %d)", r, c)
                        .isEqualTo(Float.floatToRawIntBits((float) rows.get(r).get(c).doubleValue()));
            }
        }
    }
}
