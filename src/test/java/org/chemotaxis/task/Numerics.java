package org.chemotaxis.task;

import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

import org.chemotaxis.model.RecurrentModel;
import org.chemotaxis.util.RandomStreams;
import org.chemotaxis.util.RandomStreams.Purpose;

/** Test helpers: finite differences and the relative error used by the gradient checks. */
public final class Numerics {

    /** Floor of the relative error's denominator, so that near-zero components are compared absolutely. */
    public static final double FLOOR = 1e-6;

    private Numerics() {
    }

    /**
     * relErr(a, b) = |a - b| / max(|a|, |b|, FLOOR): relative where the values are not tiny,
     * absolute (scaled by 1/FLOOR) where both are below FLOOR.
     */
    public static double relErr(double a, double b) {
        return Math.abs(a - b) / Math.max(FLOOR, Math.max(Math.abs(a), Math.abs(b)));
    }

    public static double maxRelErr(double[] a, double[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, relErr(a[i], b[i]));
        }
        return m;
    }

    /**
     * Fourth-order central difference (f(x-2h) - 8f(x-h) + 8f(x+h) - f(x+2h)) / 12h of f at x
     * along every coordinate; x is restored afterwards.
     */
    public static double[] gradient(ToDoubleFunction<double[]> f, double[] x, double h) {
        double[] g = new double[x.length];
        for (int p = 0; p < x.length; p++) {
            double keep = x[p];
            x[p] = keep + h;
            double p1 = f.applyAsDouble(x);
            x[p] = keep - h;
            double m1 = f.applyAsDouble(x);
            x[p] = keep + 2 * h;
            double p2 = f.applyAsDouble(x);
            x[p] = keep - 2 * h;
            double m2 = f.applyAsDouble(x);
            x[p] = keep;
            g[p] = (8 * (p1 - m1) - (p2 - m2)) / (12 * h);
        }
        return g;
    }

    /** A generic parameter point: the model's initialisation plus U(-0.5, 0.5) on every entry. */
    public static double[] randomTheta(RecurrentModel model, long seed) {
        double[] theta = new double[model.parameterCount()];
        model.initialize(theta, seed);
        SplittableRandom rng = RandomStreams.stream(seed, Purpose.TEST, 1, 0);
        for (int p = 0; p < theta.length; p++) {
            theta[p] += rng.nextDouble() - 0.5;
        }
        return theta;
    }
}
