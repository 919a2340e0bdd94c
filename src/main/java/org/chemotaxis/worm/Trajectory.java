package org.chemotaxis.worm;

import java.util.Arrays;

/** The path of one worm: positions in cm at the recorded steps. Immutable. */
public record Trajectory(double[] x, double[] y) {

    public Trajectory {
        if (x == null || y == null || x.length != y.length) {
            throw new IllegalArgumentException("x and y must be given with equal lengths");
        }
        x = x.clone();
        y = y.clone();
    }

    @Override
    public double[] x() {
        return x.clone();
    }

    @Override
    public double[] y() {
        return y.clone();
    }

    public int size() {
        return x.length;
    }

    public double x(int k) {
        return x[k];
    }

    public double y(int k) {
        return y[k];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Trajectory t && Arrays.equals(t.x, x) && Arrays.equals(t.y, y);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(x) + Arrays.hashCode(y);
    }

    @Override
    public String toString() {
        return "Trajectory[" + x.length + " points]";
    }
}
