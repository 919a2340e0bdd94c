package org.chemotaxis.worm;

/** Sees the positions of a batch of worms after every world step (and once at the start, step 0). */
@FunctionalInterface
public interface TrajectoryObserver {

    /**
     * @param step world steps taken so far (0 before the first)
     * @param t    time, s
     * @param x    x per row (read only; valid during the call)
     * @param y    y per row (read only; valid during the call)
     */
    void observe(int step, double t, double[] x, double[] y, int count);
}
