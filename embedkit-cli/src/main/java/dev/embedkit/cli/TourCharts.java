package dev.embedkit.cli;

import dev.embedkit.io.AtomicFiles;
import dev.embedkit.story.Distribution;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
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
    static final int BINS = 40;

    static {
        System.setProperty("java.awt.headless", "true"); // no display needed, before any AWT class loads
    }

    private TourCharts() {
    }

    /**
     * Distributions drawn as frequency polygons over one range (fraction of each sample per bin), so samples of
     * different sizes compare directly.
     */
    static void histograms(Path file, String title, String xLabel, Map<String, Distribution> series, double low,
                           double high) {
        XYSeriesCollection data = new XYSeriesCollection();
        series.forEach((name, distribution) -> {
            XYSeries line = new XYSeries(name);
            long[] counts = distribution.histogram(low, high, BINS);
            for (int bin = 0; bin < BINS; bin++) {
                line.add(low + (bin + 0.5) * (high - low) / BINS, counts[bin] / (double) distribution.count());
            }
            data.addSeries(line);
        });
        save(file, ChartFactory.createXYLineChart(title, xLabel, "fraction of pairs", data, PlotOrientation.VERTICAL,
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
    static void bars(Path file, String title, String valueLabel, Map<String, Map<String, Double>> groups) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        groups.forEach((group, values) -> values.forEach((label, value) -> data.addValue(value, group, label)));
        save(file, ChartFactory.createBarChart(title, null, valueLabel, data, PlotOrientation.VERTICAL,
                groups.size() > 1, false, false));
    }

    static Map<String, Map<String, Double>> single(String group, Map<String, Double> values) {
        Map<String, Map<String, Double>> groups = new LinkedHashMap<>();
        groups.put(group, values);
        return groups;
    }

    private static void save(Path file, JFreeChart chart) {
        AtomicFiles.write(file, temp -> ChartUtils.saveChartAsPNG(temp.toFile(), chart, WIDTH, HEIGHT));
    }
}
