package org.chemotaxis.report;

import java.util.List;

/**
 * When a log y axis is readable, and its labels. The charting library labels a log axis only at
 * powers of ten, so values that span less than that get an axis without a single number: such
 * data is drawn on a linear axis instead.
 */
final class LogAxis {

    private LogAxis() {
    }

    /** True when the positive values of the lines include two powers of ten between them. */
    static boolean labelled(List<Charts.Line> lines) {
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (Charts.Line line : lines) {
            for (double v : line.y()) {
                if (v > 0 && Double.isFinite(v)) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        if (max == 0) {
            return false;
        }
        return Math.floor(Math.log10(max)) - Math.ceil(Math.log10(min)) >= 1;
    }

    /** A log axis cannot show zero or negative values: they are floored at the smallest positive one. */
    static double[] positive(double[] y) {
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
