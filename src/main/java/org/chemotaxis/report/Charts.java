package org.chemotaxis.report;

import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** PNG line charts of the run: loss curves, target vs generated sequences. Written atomically. */
public final class Charts {

    /** One named line. */
    public record Line(String name, double[] x, double[] y) {
    }

    /** One highlighted point, named in the legend (the best epoch, say). */
    public record Point(String name, double x, double y) {
    }

    static {
        // Charts are drawn off-screen; a server has no display.
        System.setProperty("java.awt.headless", "true");
    }

    private Charts() {
    }

    public static void lines(Path png, String title, String xLabel, String yLabel, boolean logY,
                             List<Line> lines) {
        lines(png, title, xLabel, yLabel, logY, lines, List.of());
    }

    /**
     * Draws the lines and points. {@code logY} asks for a log axis; it is given only when the
     * positive values span two powers of ten, so that the axis carries at least two labels,
     * and the plot is linear otherwise.
     */
    public static void lines(Path png, String title, String xLabel, String yLabel, boolean logY,
                             List<Line> lines, List<Point> points) {
        XYChart chart = chart(title, xLabel, yLabel, logY, lines, points);
        try {
            AtomicFiles.write(png, BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot draw " + png + ": " + e.getMessage(), e);
        }
    }

    static XYChart chart(String title, String xLabel, String yLabel, boolean logY, List<Line> lines,
                         List<Point> points) {
        boolean log = logY && LogAxis.labelled(lines);
        XYChart chart = new XYChartBuilder().width(900).height(520).title(title)
                .xAxisTitle(xLabel).yAxisTitle(log ? yLabel + " (log scale)" : yLabel).build();
        chart.getStyler().setYAxisLogarithmic(log);
        chart.getStyler().setMarkerSize(4);
        // Below the plot, where it never hides a curve.
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        if (log) {
            // Otherwise the library writes "0.001" beside "1E-4".
            chart.getStyler().setYAxisDecimalPattern("0E0");
        }
        for (Line line : lines) {
            double[] y = log ? LogAxis.positive(line.y()) : line.y();
            XYSeries s = chart.addSeries(line.name(), line.x(), y);
            s.setMarker(line.x().length > 60 ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
        }
        for (Point p : points) {
            XYSeries s = chart.addSeries(p.name(), new double[] {p.x()}, new double[] {p.y()});
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            s.setMarker(SeriesMarkers.DIAMOND);
            s.setMarkerColor(Color.RED);
        }
        if (!points.isEmpty()) {
            chart.getStyler().setMarkerSize(9);
        }
        return chart;
    }
}
