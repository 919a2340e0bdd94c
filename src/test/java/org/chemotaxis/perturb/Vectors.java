package org.chemotaxis.perturb;

/** Small vector helpers for tests. */
final class Vectors {
    private Vectors() {
    }

    static double dot(double[] x, double[] y) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += x[i] * y[i];
        }
        return s;
    }

    static double cosine(double[] x, double[] y) {
        return dot(x, y) / Math.sqrt(dot(x, x) * dot(y, y));
    }
}
