package org.chemotaxis.perturb;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Fitness shaping of the losses of one step (config {@code estimator.shaping}).
 *
 * <ul>
 *   <li>{@link #NONE}: the losses as they are;</li>
 *   <li>{@link #CENTERED_RANK}: each of the step's 2N individual losses is replaced by its rank,
 *       scaled to [-0.5, 0.5] (the lowest loss -0.5, the highest +0.5): Salimans, Ho, Chen, Sidor and
 *       Sutskever 2017, "Evolution Strategies as a Scalable Alternative to Reinforcement Learning",
 *       section 2.2 and their {@code compute_centered_ranks}. The update then no longer depends on the
 *       scale of the loss or on outliers, only on the order. Equal losses share the mean of their
 *       ranks, so that an antithetic pair with equal losses contributes nothing.</li>
 * </ul>
 */
public enum Shaping {
    NONE, CENTERED_RANK;

    /** The accepted config values, in the order messages list them. */
    public static final List<String> NAMES = List.of("none", "centered_rank");

    /** The config name. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Shaping of(String key) {
        for (Shaping s : values()) {
            if (s.key().equals(key)) {
                return s;
            }
        }
        throw new IllegalArgumentException("shaping must be one of " + String.join(", ", NAMES) + ", but was '" + key + "'");
    }

    /** The shaped values: a copy for {@link #NONE}, the centered ranks otherwise. */
    public double[] apply(double[] losses) {
        return this == NONE ? losses.clone() : centeredRanks(losses);
    }

    /**
     * rank / (n - 1) - 0.5 for each value, the rank counted from 0 at the lowest value; tied values
     * get the mean of their ranks. One value gets 0. If any value is NaN, every entry is NaN (so a
     * broken loss fails the step as it would without shaping).
     */
    public static double[] centeredRanks(double[] x) {
        int n = x.length;
        double[] out = new double[n];
        if (n == 1) {
            out[0] = Double.isNaN(x[0]) ? Double.NaN : 0.0;
            return out;
        }
        double[] ranks = ranks(x);
        if (ranks == null) {
            Arrays.fill(out, Double.NaN);
            return out;
        }
        for (int i = 0; i < n; i++) {
            out[i] = ranks[i] / (n - 1) - 0.5;
        }
        return out;
    }

    /**
     * {@code weights[r]} for the value of rank r (0: the lowest), tied values sharing the mean of
     * their ranks' weights; every entry NaN if a value is NaN.
     */
    static double[] byRank(double[] x, double[] weights) {
        int n = x.length;
        double[] out = new double[n];
        Integer[] order = sortedIndices(x);
        if (order == null) {
            Arrays.fill(out, Double.NaN);
            return out;
        }
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && x[order[j + 1]] == x[order[i]]) {
                j++;
            }
            double sum = 0;
            for (int k = i; k <= j; k++) {
                sum += weights[k];
            }
            double mean = i == j ? weights[i] : sum / (j - i + 1);
            for (int k = i; k <= j; k++) {
                out[order[k]] = mean;
            }
            i = j + 1;
        }
        return out;
    }

    /** Ranks from 0 (lowest value) to n - 1, ties sharing their mean rank; null if a value is NaN. */
    static double[] ranks(double[] x) {
        int n = x.length;
        Integer[] order = sortedIndices(x);
        if (order == null) {
            return null;
        }
        double[] ranks = new double[n];
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && x[order[j + 1]] == x[order[i]]) {
                j++;
            }
            double mean = (i + j) / 2.0;
            for (int k = i; k <= j; k++) {
                ranks[order[k]] = mean;
            }
            i = j + 1;
        }
        return ranks;
    }

    /** Indices in ascending order of value, equal values by index; null if a value is NaN. */
    static Integer[] sortedIndices(double[] x) {
        Integer[] order = new Integer[x.length];
        for (int i = 0; i < x.length; i++) {
            if (Double.isNaN(x[i])) {
                return null;
            }
            order[i] = i;
        }
        Arrays.sort(order, Comparator.<Integer>comparingDouble(i -> x[i]).thenComparingInt(i -> i));
        return order;
    }
}
