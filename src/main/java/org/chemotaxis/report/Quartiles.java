package org.chemotaxis.report;

import java.util.Arrays;

/**
 * Median and interquartile range of a few numbers (one per seed), by linear interpolation
 * between order statistics (Hyndman and Fan's type 7, the default of R and NumPy). Infinite values
 * are allowed: a run that never reached a threshold counts as +infinity, and a quartile that
 * falls among such runs is infinite too ("not reached"), never NaN.
 */
public record Quartiles(double q1, double median, double q3, double min, double max, int n) {

    public static Quartiles of(double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no values");
        }
        double[] v = values.clone();
        for (double x : v) {
            if (Double.isNaN(x)) {
                throw new IllegalArgumentException("NaN among " + Arrays.toString(values));
            }
        }
        Arrays.sort(v);
        return new Quartiles(quantile(v, 0.25), quantile(v, 0.5), quantile(v, 0.75), v[0], v[v.length - 1], v.length);
    }

    /** The p-quantile of sorted values, type 7. */
    static double quantile(double[] sorted, double p) {
        double h = (sorted.length - 1) * p;
        int lo = (int) Math.floor(h);
        double frac = h - lo;
        if (frac == 0 || lo + 1 >= sorted.length) {
            return sorted[lo];
        }
        double a = sorted[lo];
        double b = sorted[lo + 1];
        if (Double.isInfinite(b)) {
            return b;
        }
        return a + frac * (b - a);
    }
}
