package org.chemotaxis.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** PNG line charts of the run: loss curves, target vs generated sequences. Written atomically. */
public final class Charts {

    /** One named line. */
    public record Line(String name, double[] x, double[] y) {
    }

    static {
        // Charts are drawn off-screen; a server has no display.
        System.setProperty("java.awt.headless", "true");
    }

    private Charts() {
    }

    public static void lines(Path png, String title, String xLabel, String yLabel, boolean logY, List<Line> lines) {
        XYChart chart = new XYChartBuilder().width(900).height(520).title(title)
                .xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        chart.getStyler().setYAxisLogarithmic(logY);
        chart.getStyler().setMarkerSize(4);
        for (Line line : lines) {
            double[] y = line.y();
            if (logY) {
                y = positive(y);
            }
            XYSeries s = chart.addSeries(line.name(), line.x(), y);
            s.setMarker(line.x().length > 60 ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
        }
        try {
            AtomicFiles.write(png, BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot draw " + png + ": " + e.getMessage(), e);
        }
    }

    /** A log axis cannot show zero or negative values: they are floored at the smallest positive one. */
    private static double[] positive(double[] y) {
        double min = Double.POSITIVE_INFINITY;
        for (double v : y) {
            if (v > 0 && v < min) {
                min = v;
            }
        }
        double floor = Double.isInfinite(min) ? 1e-12 : min;
        double[] out = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            out[i] = y[i] > 0 ? y[i] : floor;
        }
        return out;
    }
}
