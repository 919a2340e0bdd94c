package org.chemotaxis.worm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Records the paths of the first {@code rows} worms of a run, every {@code every}-th world step
 * (step 0 included). For plots and tests; it allocates as paths grow, so leave it out of
 * training.
 */
public final class TrajectoryRecorder implements TrajectoryObserver {

    private final int rows;
    private final int every;
    private double[][] xs = new double[0][];
    private double[][] ys = new double[0][];
    private int kept;
    private int recorded;

    public TrajectoryRecorder(int rows, int every) {
        this.rows = Checks.positive(rows, "plot.worms");
        this.every = Checks.positive(every, "plot.every");
    }

    @Override
    public void observe(int step, double t, double[] x, double[] y, int count) {
        if (step == 0) {
            recorded = Math.min(rows, count);
            xs = new double[recorded][64];
            ys = new double[recorded][64];
            kept = 0;
        }
        if (step % every != 0) {
            return;
        }
        if (kept == xs[0].length) {
            for (int i = 0; i < recorded; i++) {
                xs[i] = Arrays.copyOf(xs[i], 2 * kept);
                ys[i] = Arrays.copyOf(ys[i], 2 * kept);
            }
        }
        for (int i = 0; i < recorded; i++) {
            xs[i][kept] = x[i];
            ys[i][kept] = y[i];
        }
        kept++;
    }

    /** The paths of the last run, one per recorded worm. */
    public List<Trajectory> trajectories() {
        List<Trajectory> out = new ArrayList<>(recorded);
        for (int i = 0; i < recorded; i++) {
            out.add(new Trajectory(Arrays.copyOf(xs[i], kept), Arrays.copyOf(ys[i], kept)));
        }
        return out;
    }
}
