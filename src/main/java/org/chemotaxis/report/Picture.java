package org.chemotaxis.report;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A small drawing of what a network does, for the dashboard: worm paths over the field
 * ({@link #PATHS}: x and y in cm at equal scale, a coarse map of the field behind them, marked
 * points) or lines over time ({@link #LINES}: target and generated values per time step). It
 * travels in an event to every observer and is inlined in report.html, so it is kept small:
 * floats, rounded, a few series of at most {@link #MAX_POINTS} points. Arrays are compared by
 * content (events are compared to drop duplicates).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Picture(String kind, String title, String xLabel, String yLabel, List<Series> series, Grid map,
                      List<Mark> marks) {

    public static final String PATHS = "paths";
    public static final String LINES = "lines";

    /** Points per series at most: enough for a path or a wave of a few hundred steps. */
    public static final int MAX_POINTS = 250;

    public Picture {
        Objects.requireNonNull(kind, "kind");
        series = List.copyOf(series);
        marks = marks == null ? List.of() : List.copyOf(marks);
    }

    /** One line: a worm's path, a target or a generated sequence. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Series(String name, float[] x, float[] y) {

        public Series {
            if (x == null || y == null || x.length != y.length) {
                throw new IllegalArgumentException("a series needs x and y of equal length");
            }
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Series s && s.name.equals(name) && Arrays.equals(s.x, x) && Arrays.equals(s.y, y);
        }

        @Override
        public int hashCode() {
            return Objects.hash(name, Arrays.hashCode(x), Arrays.hashCode(y));
        }

        @Override
        public String toString() {
            return "Series[" + name + ", " + x.length + " points]";
        }
    }

    /**
     * Values on an n × n grid over the square (x0, y0) .. (x0 + span, y0 + span): {@code
     * values[j * n + i]} at the centre of cell (i, j), i along x, j along y, as a fraction of the
     * largest.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Grid(float x0, float y0, float span, int n, float[] values) {

        public Grid {
            if (n < 1 || values == null || values.length != n * n) {
                throw new IllegalArgumentException("a grid of n = " + n + " needs n * n values");
            }
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Grid g && g.x0 == x0 && g.y0 == y0 && g.span == span && g.n == n
                    && Arrays.equals(g.values, values);
        }

        @Override
        public int hashCode() {
            return Objects.hash(x0, y0, span, n, Arrays.hashCode(values));
        }

        @Override
        public String toString() {
            return "Grid[" + n + " x " + n + "]";
        }
    }

    /** A named point: the peak, a start. */
    public record Mark(String name, float x, float y) {
    }

    /**
     * {@code values} rounded to multiples of {@code step} (so that the JSON of the floats is
     * short): every {@code every}-th value from the first, and the last.
     */
    public static float[] sample(double[] values, int every, double step) {
        if (every < 1) {
            throw new IllegalArgumentException("every must be >= 1, but was " + every);
        }
        int last = values.length - 1;
        int n = values.length == 0 ? 0 : last / every + 1 + (last % every == 0 ? 0 : 1);
        float[] out = new float[n];
        for (int k = 0; k < n; k++) {
            out[k] = round(values[Math.min(k * every, last)], step);
        }
        return out;
    }

    /** The smallest stride with which {@link #sample} keeps at most {@link #MAX_POINTS} of {@code length} values. */
    public static int stride(int length) {
        return stride(length, MAX_POINTS);
    }

    /** The smallest stride with which {@link #sample} keeps at most {@code points} (at least 2) of {@code length} values. */
    public static int stride(int length, int points) {
        if (points < 2 || points > MAX_POINTS) {
            throw new IllegalArgumentException("points must be in 2.." + MAX_POINTS + ", but was " + points);
        }
        // sample keeps ceil((length - 1) / every) + 1 values
        return Math.max(1, (length - 1 + points - 2) / (points - 1));
    }

    /** {@code v} as a multiple of {@code step}; NaN and infinities stay as they are. */
    public static float round(double v, double step) {
        if (!Double.isFinite(v) || step <= 0) {
            return (float) v;
        }
        return (float) (Math.rint(v / step) * step);
    }

    /** A step for rounding values up to {@code magnitude} to about four significant digits. */
    public static double stepFor(double magnitude) {
        if (!(magnitude > 0) || !Double.isFinite(magnitude)) {
            return 1e-4;
        }
        return Math.pow(10, Math.floor(Math.log10(magnitude)) - 3);
    }

    /** The size of this picture's numbers in CBOR (5 bytes a float), for keeping messages small. */
    public int approximateBytes() {
        int floats = 0;
        for (Series s : series) {
            floats += 2 * s.x.length;
        }
        if (map != null) {
            floats += map.values.length;
        }
        return 5 * floats + 40 * (series.size() + marks.size()) + 200;
    }
}
