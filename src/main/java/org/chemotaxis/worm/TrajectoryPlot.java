package org.chemotaxis.worm;

import java.awt.Color;
import java.io.IOException;
import java.util.List;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A PNG of worm paths over the concentration map: iso-concentration lines of the field (at
 * 90 %, 70 %, 50 %, 30 %, 10 %, 3 % and 1 % of the largest value in view, by marching squares
 * on a grid, each labelled with its percentage), the paths, their starts and the peak, with a
 * legend that says which is which. Axes are in cm at equal scale. The caller writes the bytes
 * (atomically, with the run's file mode).
 */
public final class TrajectoryPlot {

    private static final double[] LEVELS = {0.9, 0.7, 0.5, 0.3, 0.1, 0.03, 0.01};
    private static final int GRID = 160;
    private static final int SIZE = 800;
    /** Room below the plot for the legend, so that the plot area stays about square. */
    private static final int LEGEND_HEIGHT = 60;

    /** The square of the plane in view: lower left corner and side, cm. */
    public record View(double x0, double y0, double span) {

        /**
         * A square around the peak (every spot of a spot field), every path of every list and the
         * disc around the peak they reach, with a margin.
         */
        @SafeVarargs
        public static View around(ConcentrationField field, List<Trajectory>... paths) {
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
            for (List<Trajectory> list : paths) {
                for (Trajectory t : list) {
                    for (int k = 0; k < t.size(); k++) {
                        minX = Math.min(minX, t.x(k));
                        maxX = Math.max(maxX, t.x(k));
                        minY = Math.min(minY, t.y(k));
                        maxY = Math.max(maxY, t.y(k));
                    }
                }
            }
            // Hold the whole disc around the peak that the paths reach: rings are drawn whole, and
            // paths that start on a circle are seen on it.
            double reach = 0;
            for (List<Trajectory> list : paths) {
                for (Trajectory t : list) {
                    for (int k = 0; k < t.size(); k++) {
                        reach = Math.max(reach, Math.hypot(t.x(k) - field.peakX(), t.y(k) - field.peakY()));
                    }
                }
            }
            minX = Math.min(minX, field.peakX() - reach);
            maxX = Math.max(maxX, field.peakX() + reach);
            minY = Math.min(minY, field.peakY() - reach);
            maxY = Math.max(maxY, field.peakY() + reach);
            double half = 0.55 * Math.max(Math.max(maxX - minX, maxY - minY), 1.0);
            double cx = 0.5 * (minX + maxX);
            double cy = 0.5 * (minY + maxY);
            return new View(cx - half, cy - half, 2 * half);
        }
    }

    /**
     * A view for plots that are compared side by side: the disc around the peak that holds every
     * start, with room for paths that wander out (a path that leaves it is cut at the edge).
     */
    public static View startDisc(ConcentrationField field, List<Trajectory> paths) {
        double r = 1.0;
        for (Trajectory t : paths) {
            r = Math.max(r, Math.hypot(t.x(0) - field.peakX(), t.y(0) - field.peakY()));
        }
        double half = 1.45 * r;
        return new View(field.peakX() - half, field.peakY() - half, 2 * half);
    }

    private TrajectoryPlot() {
    }

    /** The plot as PNG bytes, in a view that holds these paths. */
    public static byte[] png(ConcentrationField field, List<Trajectory> trajectories, String title) throws IOException {
        return png(field, trajectories, title, View.around(field, trajectories));
    }

    /** The plot as PNG bytes, in the given view (plots meant to be compared share one). */
    public static byte[] png(ConcentrationField field, List<Trajectory> trajectories, String title, View view)
            throws IOException {
        return BitmapEncoder.getBitmapBytes(chart(field, trajectories, title, view), BitmapEncoder.BitmapFormat.PNG);
    }

    static XYChart chart(ConcentrationField field, List<Trajectory> trajectories, String title, View view) {
        double x0 = view.x0();
        double y0 = view.y0();
        double span = view.span();

        XYChart chart = new XYChartBuilder().width(SIZE).height(SIZE + LEGEND_HEIGHT).title(title)
                .xAxisTitle("x (cm)").yAxisTitle("y (cm)").build();
        XYStyler st = chart.getStyler();
        st.setXAxisMin(x0);
        st.setXAxisMax(x0 + span);
        st.setYAxisMin(y0);
        st.setYAxisMax(y0 + span);
        st.setLegendVisible(true);
        st.setLegendPosition(Styler.LegendPosition.OutsideS);
        st.setLegendLayout(Styler.LegendLayout.Horizontal);
        st.setPlotGridLinesVisible(false);
        st.setChartBackgroundColor(Color.WHITE);
        st.setAnnotationTextFontColor(new Color(70, 70, 200));

        double[][] grid = new double[GRID + 1][GRID + 1];
        double top = 0;
        for (int i = 0; i <= GRID; i++) {
            for (int j = 0; j <= GRID; j++) {
                grid[i][j] = field.at(x0 + span * i / GRID, y0 + span * j / GRID);
                top = Math.max(top, grid[i][j]);
            }
        }
        boolean legendDone = false;
        for (int l = 0; l < LEVELS.length; l++) {
            double[][] line = contour(grid, LEVELS[l] * top, x0, y0, span / GRID);
            if (line[0].length == 0 || touchesEdge(line, view)) {
                // A ring cut by the edge of the view would read as a shape of the field.
                continue;
            }
            XYSeries s = chart.addSeries("C = " + LEVELS[l] + " max", line[0], line[1]);
            int grey = 120 + (int) (110.0 * l / (LEVELS.length - 1));
            s.setMarker(SeriesMarkers.NONE);
            s.setLineColor(new Color(grey, grey, 255));
            s.setLineWidth(1.2f);
            if (legendDone) {
                s.setShowInLegend(false);
            } else {
                s.setLabel("iso-concentration, % of max");
                legendDone = true;
            }
            int k = labelPoint(line);
            chart.addAnnotation(new AnnotationText(percent(LEVELS[l]), line[0][k], line[1][k], false));
        }
        for (int k = 0; k < trajectories.size(); k++) {
            Trajectory t = trajectories.get(k);
            XYSeries s = chart.addSeries("worm " + k, t.x(), t.y());
            s.setMarker(SeriesMarkers.NONE);
            s.setLineColor(Color.getHSBColor((float) k / Math.max(1, trajectories.size()), 0.85f, 0.75f));
            s.setLineWidth(1.0f);
            if (k == 0) {
                int out = leaving(trajectories, view);
                s.setLabel("paths of " + trajectories.size() + " worms" + (out > 0 ? ", " + out + (out == 1 ? " leaves" : " leave") + " the view" : ""));
            } else {
                s.setShowInLegend(false);
            }
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
        XYSeries peak = chart.addSeries("peak", new double[] {field.peakX()},
                new double[] {field.peakY()});
        peak.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        peak.setMarker(SeriesMarkers.DIAMOND);
        peak.setMarkerColor(Color.BLACK);
        return chart;
    }

    private static String percent(double level) {
        return (level * 100 == Math.rint(level * 100) ? String.valueOf((int) Math.rint(level * 100))
                : String.valueOf(level * 100)) + "%";
    }

    private static boolean touchesEdge(double[][] line, View view) {
        double eps = 1e-9 * view.span();
        for (int k = 0; k < line[0].length; k++) {
            double x = line[0][k];
            double y = line[1][k];
            if (Math.abs(x - view.x0()) < eps || Math.abs(x - view.x0() - view.span()) < eps
                    || (!Double.isNaN(y) && (Math.abs(y - view.y0()) < eps || Math.abs(y - view.y0() - view.span()) < eps))) {
                return true;
            }
        }
        return false;
    }

    /** Index of the lower right point of a contour polyline: where its label goes, the labels of nested rings spread on a diagonal. */
    private static int labelPoint(double[][] line) {
        int best = 0;
        for (int k = 0; k < line[0].length; k++) {
            if (!Double.isNaN(line[1][k])
                    && (Double.isNaN(line[1][best]) || line[0][k] - line[1][k] > line[0][best] - line[1][best])) {
                best = k;
            }
        }
        return best;
    }

    private static int leaving(List<Trajectory> paths, View v) {
        int n = 0;
        for (Trajectory t : paths) {
            for (int k = 0; k < t.size(); k++) {
                if (t.x(k) < v.x0() || t.x(k) > v.x0() + v.span() || t.y(k) < v.y0() || t.y(k) > v.y0() + v.span()) {
                    n++;
                    break;
                }
            }
        }
        return n;
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
