package org.chemotaxis.perturb;

import org.chemotaxis.model.NoiseSource;
import org.chemotaxis.task.Evaluator;
import org.chemotaxis.task.Objective;
import org.chemotaxis.task.Sample;

/**
 * Test fixture: L(theta) = sum_i (a_i theta_i^2 / 2 + b_i theta_i) + c (sum_i theta_i)^3 / 6,
 * a smooth non-quadratic loss whose gradient is known in closed form.
 */
final class SmoothObjective implements Objective {

    final double[] a;
    final double[] b;
    final double c;

    SmoothObjective(double[] a, double[] b, double c) {
        this.a = a;
        this.b = b;
        this.c = c;
    }

    static SmoothObjective random(int p, long seed, double c) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        double[] a = new double[p];
        double[] b = new double[p];
        for (int i = 0; i < p; i++) {
            a[i] = 0.5 + r.nextDouble();
            b[i] = r.nextDouble() * 2 - 1;
        }
        return new SmoothObjective(a, b, c);
    }

    double value(double[] theta) {
        double s = 0;
        double sum = 0;
        for (int i = 0; i < theta.length; i++) {
            s += a[i] * theta[i] * theta[i] / 2 + b[i] * theta[i];
            sum += theta[i];
        }
        return s + c * sum * sum * sum / 6;
    }

    double[] gradient(double[] theta) {
        double sum = 0;
        for (double t : theta) {
            sum += t;
        }
        double[] g = new double[theta.length];
        for (int i = 0; i < theta.length; i++) {
            g[i] = a[i] * theta[i] + b[i] + c * sum * sum / 2;
        }
        return g;
    }

    @Override
    public int parameterCount() {
        return a.length;
    }

    @Override
    public boolean supportsGradient() {
        return true;
    }

    @Override
    public boolean supportsNodeNoise() {
        return false;
    }

    @Override
    public Evaluator newEvaluator() {
        return new Evaluator() {
            @Override
            public void select(Sample sample) {
            }

            @Override
            public double loss(double[] theta) {
                return value(theta);
            }

            @Override
            public double loss(double[] theta, NoiseSource noise) {
                throw new UnsupportedOperationException();
            }

            @Override
            public double lossAndGradient(double[] theta, double[] grad) {
                System.arraycopy(gradient(theta), 0, grad, 0, grad.length);
                return value(theta);
            }

            @Override
            public double localGradient(double[] theta, NoiseSource cotangent, double[] grad) {
                throw new UnsupportedOperationException();
            }

            @Override
            public int noiseWidth() {
                return 0;
            }

            @Override
            public int timeSteps() {
                return 0;
            }
        };
    }
}
