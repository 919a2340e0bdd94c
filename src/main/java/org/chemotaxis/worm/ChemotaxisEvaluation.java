package org.chemotaxis.worm;

import java.util.Arrays;

/**
 * Scores a controller over many starts: the fitness F of Izquierdo and Lockery (2010), how many
 * worms reach the peak and when, and for two-spot fields the assay chemotaxis index
 * CI = (N_A - N_C) / (N_A + N_C) (Bargmann, Hartwieg and Horvitz 1993), counting the worms that
 * end within {@link #ASSAY_RADIUS} of the attractant spot A (largest weight) and of the control
 * spot C.
 */
public final class ChemotaxisEvaluation {

    /** Radius around a spot within which a worm counts for the assay, cm. */
    public static final double ASSAY_RADIUS = 1.05;

    /** Episodes simulated together; bounds memory for large evaluations. */
    private static final int BATCH = 1000;

    /**
     * @param controller         the controller's name
     * @param starts             episodes run
     * @param fitness            mean of F over the episodes
     * @param fitnessStdErr      standard error of that mean (sample sd / sqrt(n); 0 for one episode)
     * @param reachFraction      fraction of worms that came within the reach radius at any time
     * @param medianReachSeconds median first-reach time over the worms that reached, s; NaN if none
     * @param chemotaxisIndex    (N_A - N_C) / (N_A + N_C) at the end; NaN unless the field has two
     *                           spots and some worm ends at one of them
     * @param atAttractant       N_A (0 unless the field has two spots)
     * @param atControl          N_C (0 unless the field has two spots)
     */
    public record Result(String controller, int starts, double fitness, double fitnessStdErr, double reachFraction,
                         double medianReachSeconds, double chemotaxisIndex, int atAttractant, int atControl) {
    }

    private ChemotaxisEvaluation() {
    }

    /**
     * Runs episodes 0 .. starts-1 of (seed, step 0) and summarises them. The controller is
     * reset per batch; the field and world are as given (evaluation should use dt = 0.01 s).
     */
    public static Result evaluate(ConcentrationField field, WorldConfig world, Controller controller, long seed,
                                  int starts) {
        Checks.positive(starts, "evaluation.starts");
        WormSimulator sim = new WormSimulator(field, world, Math.min(starts, BATCH));
        double[] f = new double[starts];
        double[] reach = new double[starts];
        double[] endX = new double[starts];
        double[] endY = new double[starts];
        for (int from = 0; from < starts; from += BATCH) {
            int n = Math.min(BATCH, starts - from);
            sim.run(controller, seed, 0, from, n);
            for (int i = 0; i < n; i++) {
                f[from + i] = sim.score(i);
                reach[from + i] = sim.reachTime(i);
                endX[from + i] = sim.x(i);
                endY[from + i] = sim.y(i);
            }
        }
        return summarise(controller.name(), field, f, reach, endX, endY);
    }

    /** The summary of per-episode scores, first-reach times (NaN: never) and end positions. */
    static Result summarise(String name, ConcentrationField field, double[] f, double[] reach, double[] endX,
                            double[] endY) {
        int n = f.length;
        double sum = 0;
        for (double v : f) {
            sum += v;
        }
        double mean = sum / n;
        double ss = 0;
        for (double v : f) {
            ss += (v - mean) * (v - mean);
        }
        double se = n > 1 ? Math.sqrt(ss / (n - 1) / n) : 0;
        double[] times = new double[n];
        int reached = 0;
        for (double t : reach) {
            if (!Double.isNaN(t)) {
                times[reached++] = t;
            }
        }
        double median = median(Arrays.copyOf(times, reached));
        double ci = Double.NaN;
        int nA = 0;
        int nC = 0;
        if (field instanceof SpotField spots && spots.spots().size() == 2) {
            SpotField.Spot a = spots.spots().get(spots.peakIndex());
            SpotField.Spot c = spots.spots().get(1 - spots.peakIndex());
            nA = countWithin(endX, endY, a.x(), a.y(), ASSAY_RADIUS);
            nC = countWithin(endX, endY, c.x(), c.y(), ASSAY_RADIUS);
            ci = chemotaxisIndex(nA, nC);
        }
        return new Result(name, n, mean, se, (double) reached / n, median, ci, nA, nC);
    }

    /** CI = (nA - nC) / (nA + nC); NaN when both are 0. */
    public static double chemotaxisIndex(int nA, int nC) {
        return nA + nC == 0 ? Double.NaN : (double) (nA - nC) / (nA + nC);
    }

    /** Worms (x[i], y[i]) within {@code radius} of (cx, cy), the boundary included. */
    static int countWithin(double[] x, double[] y, double cx, double cy, double radius) {
        int k = 0;
        for (int i = 0; i < x.length; i++) {
            double dx = x[i] - cx;
            double dy = y[i] - cy;
            if (dx * dx + dy * dy <= radius * radius) {
                k++;
            }
        }
        return k;
    }

    /** The median of v (sorted in place); NaN when empty. */
    static double median(double[] v) {
        if (v.length == 0) {
            return Double.NaN;
        }
        Arrays.sort(v);
        int m = v.length / 2;
        return v.length % 2 == 1 ? v[m] : 0.5 * (v[m - 1] + v[m]);
    }
}
