package dev.embedkit.server.projection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.embedkit.BadInputException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class PcaTest {

    @Test
    void handComputedCase() {
        // Rows (3,0,0), (−3,0,0), (0,1,0), (0,−1,0): mean 0, covariance diag(18, 2, 0) / 3 = diag(6, 2/3, 0).
        float[] points = {3, 0, 0, -3, 0, 0, 0, 1, 0, 0, -1, 0};
        Pca.Result pca = Pca.fit(points, 4, 3, 2);
        assertThat(pca.variances()[0]).isCloseTo(6, within(1e-9));
        assertThat(pca.variances()[1]).isCloseTo(2.0 / 3, within(1e-9));
        assertThat(pca.total()).isCloseTo(6 + 2.0 / 3, within(1e-12));
        assertThat(pca.explainedVarianceRatio()).containsExactly(new double[] {0.9, 0.1}, within(1e-9));
        assertThat(pca.components()[0]).containsExactly(new double[] {1, 0, 0}, within(1e-7));
        assertThat(pca.components()[1]).containsExactly(new double[] {0, 1, 0}, within(1e-7));
        assertThat(pca.project(points, 1)).containsExactly(new double[] {-3, 0}, within(1e-6));
        assertThat(pca.project(points, 2)).containsExactly(new double[] {0, 1}, within(1e-6));
    }

    @Test
    void agreesWithNumpyEigh() throws IOException {
        JsonNode cases;
        try (InputStream in = PcaTest.class.getResourceAsStream("/fixtures/pca.json")) {
            cases = new ObjectMapper().readTree(in);
        }
        assertThat(cases).hasSize(2);
        for (JsonNode fixture : cases) {
            int n = fixture.get("n").intValue();
            int d = fixture.get("d").intValue();
            float[] points = new float[n * d];
            for (int i = 0; i < points.length; i++) {
                points[i] = fixture.get("points").get(i).floatValue();
            }
            Pca.Result pca = Pca.fit(points, n, d, 2);
            assertThat(pca.total()).as(fixture.get("name").asText()).isCloseTo(fixture.get("total").doubleValue(), within(1e-9));
            for (int c = 0; c < 2; c++) {
                assertThat(pca.variances()[c]).as("variance %d", c)
                        .isCloseTo(fixture.get("variances").get(c).doubleValue(), within(1e-9));
                for (int j = 0; j < d; j++) {
                    assertThat(pca.components()[c][j]).as("%s component %d[%d]", fixture.get("name").asText(), c, j)
                            .isCloseTo(fixture.get("components").get(c).get(j).doubleValue(), within(1e-5));
                }
            }
            for (int row = 0; row < n; row += 7) {
                double[] xy = pca.project(points, row);
                assertThat(xy[0]).isCloseTo(fixture.get("projected").get(row).get(0).doubleValue(), within(1e-4));
                assertThat(xy[1]).isCloseTo(fixture.get("projected").get(row).get(1).doubleValue(), within(1e-4));
            }
        }
    }

    @Test
    void identicalPointsHaveNoVarianceAndStillUnitComponents() {
        float[] points = {1, 2, 1, 2, 1, 2};
        Pca.Result pca = Pca.fit(points, 3, 2, 2);
        assertThat(pca.variances()).containsExactly(0, 0);
        assertThat(pca.explainedVarianceRatio()).containsExactly(0, 0);
        double[] first = pca.components()[0];
        assertThat(first[0] * first[0] + first[1] * first[1]).isCloseTo(1, within(1e-12));
        assertThat(pca.project(points, 0)).containsExactly(new double[] {0, 0}, within(1e-12));
    }

    @Test
    void refusesTooFewPointsOrComponents() {
        assertThatThrownBy(() -> Pca.fit(new float[] {1, 2}, 1, 2, 1)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("at least 2 points");
        assertThatThrownBy(() -> Pca.fit(new float[] {1, 2, 3, 4}, 2, 2, 3)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("1..2 components");
    }
}
