package org.chemotaxis.worm;

import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A PNG of worm paths over the concentration map: iso-concentration lines of the field (at
 * 90 %, 70 %, 50 %, 30 %, 10 %, 3 % and 1 % of the largest value in view, by marching squares
 * on a grid), the paths, their starts and the peak. Axes are in cm at equal scale.
 */
public final class TrajectoryPlot {

    private static final double[] LEVELS = {0.9, 0.7, 0.5, 0.3, 0.1, 0.03, 0.01};
    private static final int GRID = 160;
    private static final int SIZE = 800;

    private TrajectoryPlot() {
    }

    /** Writes the plot to {@code png} (replaced atomically). */
    public static void write(Path png, ConcentrationField field, List<Trajectory> trajectories) throws IOException {
        write(png, field, trajectories, "worm paths");
    }

    public static void write(Path png, ConcentrationField field, List<Trajectory> trajectories, String title)
            throws IOException {
        XYChart chart = chart(field, trajectories, title);
        Path dir = png.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".plot", ".png");
        try {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
            }
            Files.move(tmp, png, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    static XYChart chart(ConcentrationField field, List<Trajectory> trajectories, String title) {
        // A square view around the peak (every spot of a spot field) and every path, with a margin.
        double minX = field.peakX();
        double maxX = field.peakX();
        double minY = field.peakY();
        double maxY = field.peakY();
        if (field instanceof SpotField spots) {
            for (SpotField.Spot sp : spots.spots()) {
                minX = Math.min(minX, sp.x());
                maxX = Math.max(maxX, sp.x());
                minY = Math.min(minY, sp.y());
                maxY = Math.max(maxY, sp.y());
            }
        }
        for (Trajectory t : trajectories) {
            for (int k = 0; k < t.size(); k++) {
                minX = Math.min(minX, t.x(k));
                maxX = Math.max(maxX, t.x(k));
                minY = Math.min(minY, t.y(k));
                maxY = Math.max(maxY, t.y(k));
            }
        }
        double half = 0.55 * Math.max(Math.max(maxX - minX, maxY - minY), 1.0);
        double cx = 0.5 * (minX + maxX);
        double cy = 0.5 * (minY + maxY);
        double x0 = cx - half;
        double y0 = cy - half;
        double span = 2 * half;

        XYChart chart = new XYChartBuilder().width(SIZE).height(SIZE).title(title).xAxisTitle("x (cm)")
                .yAxisTitle("y (cm)").build();
        XYStyler st = chart.getStyler();
        st.setXAxisMin(x0);
        st.setXAxisMax(x0 + span);
        st.setYAxisMin(y0);
        st.setYAxisMax(y0 + span);
        st.setLegendVisible(false);
        st.setPlotGridLinesVisible(false);
        st.setChartBackgroundColor(Color.WHITE);

        double[][] grid = new double[GRID + 1][GRID + 1];
        double top = 0;
        for (int i = 0; i <= GRID; i++) {
            for (int j = 0; j <= GRID; j++) {
                grid[i][j] = field.at(x0 + span * i / GRID, y0 + span * j / GRID);
                top = Math.max(top, grid[i][j]);
            }
        }
        for (int l = 0; l < LEVELS.length; l++) {
            double[][] line = contour(grid, LEVELS[l] * top, x0, y0, span / GRID);
            if (line[0].length == 0) {
                continue;
            }
            XYSeries s = chart.addSeries("C = " + LEVELS[l] + " max", line[0], line[1]);
            int grey = 120 + (int) (110.0 * l / (LEVELS.length - 1));
            s.setMarker(SeriesMarkers.NONE);
            s.setLineColor(new Color(grey, grey, 255));
            s.setLineWidth(1.2f);
        }
        for (int k = 0; k < trajectories.size(); k++) {
            Trajectory t = trajectories.get(k);
            XYSeries s = chart.addSeries("worm " + k, t.x(), t.y());
            s.setMarker(SeriesMarkers.NONE);
            s.setLineColor(Color.getHSBColor((float) k / Math.max(1, trajectories.size()), 0.85f, 0.75f));
            s.setLineWidth(1.0f);
        }
        if (!trajectories.isEmpty()) {
            double[] sx = new double[trajectories.size()];
            double[] sy = new double[trajectories.size()];
            for (int k = 0; k < sx.length; k++) {
                sx[k] = trajectories.get(k).x(0);
                sy[k] = trajectories.get(k).y(0);
            }
            XYSeries starts = chart.addSeries("starts", sx, sy);
            starts.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            starts.setMarker(SeriesMarkers.CIRCLE);
            starts.setMarkerColor(Color.DARK_GRAY);
        }
        XYSeries peak = chart.addSeries("peak", new double[] {field.peakX()}, new double[] {field.peakY()});
        peak.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        peak.setMarker(SeriesMarkers.DIAMOND);
        peak.setMarkerColor(Color.BLACK);
        return chart;
    }

    /**
     * Marching squares: the segments where the gridded field crosses {@code level}, as one
     * polyline {x, y} whose segments are separated by a NaN y (a gap for the plot).
     */
    static double[][] contour(double[][] g, double level, double x0, double y0, double h) {
        int n = g.length - 1;
        double[] xs = new double[64];
        double[] ys = new double[64];
        int k = 0;
        double[] px = new double[4];
        double[] py = new double[4];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                // Corners counter-clockwise: (i,j), (i+1,j), (i+1,j+1), (i,j+1); edge e joins corner e and e+1.
                double[] v = {g[i][j], g[i + 1][j], g[i + 1][j + 1], g[i][j + 1]};
                double[] cxs = {i, i + 1, i + 1, i};
                double[] cys = {j, j, j + 1, j + 1};
                int m = 0;
                for (int e = 0; e < 4; e++) {
                    double a = v[e];
                    double b = v[(e + 1) % 4];
                    if ((a < level) != (b < level)) {
                        double f = (level - a) / (b - a);
                        px[m] = x0 + h * (cxs[e] + f * (cxs[(e + 1) % 4] - cxs[e]));
                        py[m] = y0 + h * (cys[e] + f * (cys[(e + 1) % 4] - cys[e]));
                        m++;
                    }
                }
                // Two or four crossings; with four (a saddle) pair them in edge order.
                for (int p = 0; p + 1 < m; p += 2) {
                    if (k + 3 > xs.length) {
                        xs = java.util.Arrays.copyOf(xs, 2 * xs.length);
                        ys = java.util.Arrays.copyOf(ys, 2 * ys.length);
                    }
                    xs[k] = px[p];
                    ys[k++] = py[p];
                    xs[k] = px[p + 1];
                    ys[k++] = py[p + 1];
                    xs[k] = px[p + 1];
                    ys[k++] = Double.NaN;
                }
            }
        }
        return new double[][] {java.util.Arrays.copyOf(xs, k), java.util.Arrays.copyOf(ys, k)};
    }
}
