package dev.embedkit.cli;

import dev.embedkit.io.AtomicFiles;
import dev.embedkit.story.Distribution.Summary;
import dev.embedkit.story.OffsetDirections.Projection;
import dev.embedkit.story.TourResult;
import dev.embedkit.story.TourStep;
import dev.embedkit.embed.TokenScore;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The tour's plots as PNG files (JFreeChart, headless), each written atomically. */
final class TourCharts {
    private static final int WIDTH = 900;
    private static final int HEIGHT = 500;

    static {
        System.setProperty("java.awt.headless", "true"); // no display needed, before any AWT class loads
    }

    private TourCharts() {
    }

    /** Draws the plots of one step's result into {@code folder} ("1-ids.png", …); none for steps without one. */
    static List<Path> plot(Path folder, TourStep step, TourResult result) {
        Path file = folder.resolve(step.number() + "-" + step.slug() + ".png");
        switch (result) {
            case TourResult.Ids ids -> {
                Map<String, Summary> series = new LinkedHashMap<>();
                series.put("this model: adjacent IDs", ids.adjacent());
                series.put("this model: random pairs", ids.random());
                series.put("random init: adjacent IDs", ids.untrainedAdjacent());
                series.put("random init: random pairs", ids.untrainedRandom());
                histograms(file, "Cosine of rows: adjacent IDs (i, i+1) vs random pairs", series);
            }
            case TourResult.Directions directions when directions.projections() != null -> {
                Map<String, Double> bars = new LinkedHashMap<>();
                for (Projection p : directions.projections()) {
                    bars.put(p.word(), p.value());
                }
                bars(file, "Projection onto " + directions.projectionAxis().a() + " → " + directions.projectionAxis().b(),
                        "scalar projection of the unit vector", Map.of("projection", bars));
            }
            case TourResult.Lineup lineup -> {
                Map<String, Map<String, Double>> groups = new LinkedHashMap<>();
                for (TourResult.AtTemperature at : lineup.temperatures()) {
                    Map<String, Double> probabilities = new LinkedHashMap<>();
                    for (TokenScore score : at.top()) {
                        probabilities.put(score.token(), score.probability());
                    }
                    groups.put("T = " + at.temperature(), probabilities);
                }
                bars(file, "The lineup for " + lineup.expression(), "probability", groups);
            }
            case TourResult.Duplicates duplicates -> {
                histograms(file, "Cosine of each token to its nearest other token",
                        Map.of("nearest neighbour", duplicates.nearest()));
                if (duplicates.tie() != null) {
                    Path tieFile = folder.resolve(step.number() + "-" + step.slug() + "-tie.png");
                    tie(tieFile, duplicates.tie());
                    return List.of(file, tieFile);
                }
            }
            case TourResult.Space space -> {
                Map<String, Summary> series = new LinkedHashMap<>();
                for (TourResult.SpaceRow row : space.rows()) {
                    series.put(row.vectors() + ", d = " + row.dim(), row.cosines());
                }
                histograms(file, "Cosine of random pairs of directions", series);
            }
            default -> {
                return List.of();
            }
        }
        return List.of(file);
    }

    /** The tie experiment: held-out loss of both runs on the left axis, the pair's cosine on the right. */
    private static void tie(Path file, TourResult.Tie tie) {
        XYSeriesCollection losses = new XYSeriesCollection();
        XYSeriesCollection cosines = new XYSeriesCollection();
        for (var run : List.of(Map.entry("untied", tie.untied()), Map.entry("tied until step " + tie.tieSteps(), tie.tied()))) {
            XYSeries loss = new XYSeries("held-out loss, " + run.getKey());
            XYSeries cosine = new XYSeries("cosine(" + tie.a() + ", " + tie.b() + "), " + run.getKey());
            for (TourResult.TiePoint point : run.getValue()) {
                loss.add(point.step(), point.heldOutLoss());
                cosine.add(point.step(), point.cosine());
            }
            losses.addSeries(loss);
            cosines.addSeries(cosine);
        }
        JFreeChart chart = ChartFactory.createXYLineChart("Tie " + tie.a() + " and " + tie.b() + " to one vector, then"
                + " release them", "training step", "held-out loss (nats)", losses, PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        NumberAxis cosineAxis = new NumberAxis("cosine of the two rows");
        cosineAxis.setRange(-1, 1.05);
        plot.setRangeAxis(1, cosineAxis);
        plot.setDataset(1, cosines);
        plot.mapDatasetToRangeAxis(1, 1);
        plot.setRenderer(1, new XYLineAndShapeRenderer(true, false));
        save(file, chart);
    }

    /**
     * Distributions drawn as frequency polygons over their histogram's range (fraction of each sample per bin), so
     * samples of different sizes compare directly.
     */
    private static void histograms(Path file, String title, Map<String, Summary> series) {
        XYSeriesCollection data = new XYSeriesCollection();
        series.forEach((name, summary) -> {
            XYSeries line = new XYSeries(name);
            long[] counts = summary.histogram();
            double low = summary.histogramRange()[0];
            double width = (summary.histogramRange()[1] - low) / counts.length;
            for (int bin = 0; bin < counts.length; bin++) {
                line.add(low + (bin + 0.5) * width, counts[bin] / (double) summary.count());
            }
            data.addSeries(line);
        });
        save(file, ChartFactory.createXYLineChart(title, "cosine", "fraction of pairs", data, PlotOrientation.VERTICAL,
                true, false, false));
    }

    /** One line per series through its (x, y) points, in order. */
    static void lines(Path file, String title, String xLabel, String yLabel, Map<String, List<double[]>> series) {
        XYSeriesCollection data = new XYSeriesCollection();
        series.forEach((name, points) -> {
            XYSeries line = new XYSeries(name, false, true);
            points.forEach(point -> line.add(point[0], point[1]));
            data.addSeries(line);
        });
        save(file, ChartFactory.createXYLineChart(title, xLabel, yLabel, data, PlotOrientation.VERTICAL, true, false,
                false));
    }

    /** One bar per label; with several groups (e.g. temperatures) the bars of a label stand side by side. */
    private static void bars(Path file, String title, String valueLabel, Map<String, Map<String, Double>> groups) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        groups.forEach((group, values) -> values.forEach((label, value) -> data.addValue(value, group, label)));
        save(file, ChartFactory.createBarChart(title, null, valueLabel, data, PlotOrientation.VERTICAL,
                groups.size() > 1, false, false));
    }

    private static void save(Path file, JFreeChart chart) {
        AtomicFiles.write(file, temp -> ChartUtils.saveChartAsPNG(temp.toFile(), chart, WIDTH, HEIGHT));
    }
}
