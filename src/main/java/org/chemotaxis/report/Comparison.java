package org.chemotaxis.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Runs compared in groups (a technique over several seeds): per group the median and
 * interquartile range over its runs of the episodes spent until the validation metric first
 * reached a threshold, of the final test metric and of the training's wall time; as a markdown
 * table and as a chart of the validation metric against training episodes. Plain data in, text and
 * PNG out: the numbers come from the caller.
 */
public final class Comparison {

    /**
     * One run, scored.
     *
     * @param episodesToThreshold training episodes until the validation metric first reached the
     *                            threshold (+infinity: never)
     * @param curveEpisodes       training episodes at the end of each epoch
     * @param curveMetric         the validation metric of each epoch
     */
    public record Run(String group, String run, long seed, String metricName, double episodesToThreshold,
                      long trainEpisodes, long validationEpisodes, double testMetric, double testStdErr,
                      double wallSeconds, double[] curveEpisodes, double[] curveMetric) {
    }

    /** A group's summary over its runs. */
    public record Group(String name, List<Run> runs, int reached, Quartiles episodes, Quartiles test,
                        Quartiles wall) {
    }

    private Comparison() {
    }

    /** The runs grouped by {@link Run#group}, in the order groups first appear. */
    public static List<Group> groups(List<Run> runs) {
        Map<String, List<Run>> by = new LinkedHashMap<>();
        for (Run r : runs) {
            by.computeIfAbsent(r.group(), k -> new ArrayList<>()).add(r);
        }
        List<Group> out = new ArrayList<>();
        for (var e : by.entrySet()) {
            List<Run> g = e.getValue();
            double[] episodes = new double[g.size()];
            double[] test = new double[g.size()];
            double[] wall = new double[g.size()];
            int reached = 0;
            for (int i = 0; i < g.size(); i++) {
                episodes[i] = g.get(i).episodesToThreshold();
                test[i] = g.get(i).testMetric();
                wall[i] = g.get(i).wallSeconds();
                if (Double.isFinite(episodes[i])) {
                    reached++;
                }
            }
            out.add(new Group(e.getKey(), List.copyOf(g), reached, Quartiles.of(episodes), Quartiles.of(test),
                    Quartiles.of(wall)));
        }
        return out;
    }

    /** The summary table and the table of every run, in markdown. */
    public static String markdown(List<Group> groups, double threshold) {
        String metric = groups.isEmpty() ? "metric" : groups.get(0).runs().get(0).metricName();
        String t = format(threshold, 2);
        StringBuilder md = new StringBuilder();
        md.append("| group | runs | reached ").append(metric).append(' ').append(t)
                .append(" | training episodes to ").append(metric).append(' ').append(t).append(", median [IQR]")
                .append(" | test ").append(metric).append(", median [IQR] | lowest test ").append(metric)
                .append(" | training wall time s, median [IQR] |\n");
        md.append("|---|---|---|---|---|---|---|\n");
        for (Group g : groups) {
            md.append("| ").append(g.name()).append(" | ").append(g.runs().size()).append(" | ").append(g.reached())
                    .append(" | ").append(episodes(g.episodes().median())).append(" [").append(episodes(g.episodes().q1()))
                    .append(", ").append(episodes(g.episodes().q3())).append("] | ")
                    .append(format(g.test().median(), 3)).append(" [").append(format(g.test().q1(), 3)).append(", ")
                    .append(format(g.test().q3(), 3)).append("] | ").append(format(g.test().min(), 3)).append(" | ")
                    .append(format(g.wall().median(), 0)).append(" [").append(format(g.wall().q1(), 0)).append(", ")
                    .append(format(g.wall().q3(), 0)).append("] |\n");
        }
        md.append("\nEvery run:\n\n| group | run | seed | training episodes to ").append(metric).append(' ').append(t)
                .append(" | training episodes | validation episodes | test ").append(metric)
                .append(" ± se | wall time s |\n|---|---|---|---|---|---|---|---|\n");
        for (Group g : groups) {
            for (Run r : g.runs()) {
                md.append("| ").append(g.name()).append(" | ").append(r.run()).append(" | ").append(r.seed())
                        .append(" | ").append(episodes(r.episodesToThreshold())).append(" | ").append(r.trainEpisodes())
                        .append(" | ").append(r.validationEpisodes()).append(" | ").append(format(r.testMetric(), 3))
                        .append(" ± ").append(format(r.testStdErr(), 3)).append(" | ").append(format(r.wallSeconds(), 0))
                        .append(" |\n");
            }
        }
        return md.toString();
    }

    /**
     * The validation metric against training episodes: per group the median over its runs (a thick
     * line) and the quartiles (thin lines of the same colour), with the threshold as a dashed line.
     */
    public static void chart(Path png, List<Group> groups, double threshold, String title) {
        String metric = groups.isEmpty() ? "metric" : groups.get(0).runs().get(0).metricName();
        XYChart chart = new XYChartBuilder().width(1000).height(600).title(title)
                .xAxisTitle("training episodes").yAxisTitle("validation " + metric).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        chart.getStyler().setMarkerSize(0);
        double xMax = 0;
        for (Group g : groups) {
            double[][] band = band(g.runs());
            if (band[0].length == 0) {
                continue;
            }
            xMax = Math.max(xMax, band[0][band[0].length - 1]);
            XYSeries median = chart.addSeries(g.name(), band[0], band[2]);
            median.setMarker(SeriesMarkers.NONE);
            median.setLineWidth(2.5f);
            for (int q : new int[] {1, 3}) {
                XYSeries s = chart.addSeries(g.name() + (q == 1 ? " q1" : " q3"), band[0], band[q]);
                s.setMarker(SeriesMarkers.NONE);
                s.setLineWidth(0.8f);
                s.setLineColor(median.getLineColor());
                s.setShowInLegend(false);
            }
        }
        if (xMax > 0) {
            XYSeries bar = chart.addSeries(metric + " " + format(threshold, 2), new double[] {0, xMax},
                    new double[] {threshold, threshold});
            bar.setMarker(SeriesMarkers.NONE);
            bar.setLineStyle(SeriesLines.DASH_DASH);
            bar.setLineColor(java.awt.Color.GRAY);
        }
        try {
            AtomicFiles.write(png, BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot draw " + png + ": " + e.getMessage(), e);
        }
    }

    /**
     * Rows x, q1, median, q3 of the runs' curves, epoch by epoch as far as every run goes (runs of
     * one group share their episodes per epoch; x is their median).
     */
    static double[][] band(List<Run> runs) {
        int n = Integer.MAX_VALUE;
        for (Run r : runs) {
            n = Math.min(n, r.curveMetric().length);
        }
        double[][] out = new double[4][n];
        double[] x = new double[runs.size()];
        double[] y = new double[runs.size()];
        for (int k = 0; k < n; k++) {
            for (int i = 0; i < runs.size(); i++) {
                x[i] = runs.get(i).curveEpisodes()[k];
                y[i] = runs.get(i).curveMetric()[k];
            }
            Quartiles q = Quartiles.of(y);
            out[0][k] = Quartiles.of(x).median();
            out[1][k] = q.q1();
            out[2][k] = q.median();
            out[3][k] = q.q3();
        }
        return out;
    }

    private static String episodes(double v) {
        return Double.isInfinite(v) ? "not reached" : String.format(Locale.ROOT, "%,.0f", v);
    }

    private static String format(double v, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }
}
