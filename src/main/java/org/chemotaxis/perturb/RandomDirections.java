package org.chemotaxis.perturb;

import java.util.SplittableRandom;
import org.chemotaxis.task.BatchEvaluator;
import org.chemotaxis.task.Evaluator;
import org.chemotaxis.util.RandomStreams;

/**
 * Antithetic random-direction perturbation: N directions u_j, each regenerated from
 * (seed, step, j) and never stored or shipped; value_j = L(theta + sigma u_j) - L(theta - sigma u_j)
 * and the estimate is g = (1/N) sum_j value_j / (2 sigma) u_j.
 *
 * <p>Gaussian directions give an unbiased estimate of the gradient of the Gaussian-smoothed loss
 * (Salimans et al. 2017, with antithetic pairs); Rademacher (+-1) directions are SPSA
 * (Spall 1992), for which 1/u = u. For a locally linear loss with gradient a and Gaussian
 * directions, E[g] = a and E|g|^2 = |a|^2 (N + P + 1) / N, so the cosine to the true gradient is
 * about sqrt(N / (N + P + 1)).
 */
public final class RandomDirections implements GradientEstimator {

    /** How a direction's entries are drawn. */
    public enum Distribution { GAUSSIAN, RADEMACHER }

    private final Distribution distribution;
    private final double sigma;
    private final int directions;

    private RandomDirections(Distribution distribution, double sigma, int directions) {
        if (!(sigma > 0) || Double.isInfinite(sigma)) {
            throw new IllegalArgumentException("sigma must be > 0 and finite, but was " + sigma);
        }
        if (directions <= 0) {
            throw new IllegalArgumentException("directions must be > 0, but was " + directions);
        }
        this.distribution = distribution;
        this.sigma = sigma;
        this.directions = directions;
    }

    public static RandomDirections gaussian(double sigma, int directions) {
        return new RandomDirections(Distribution.GAUSSIAN, sigma, directions);
    }

    public static RandomDirections rademacher(double sigma, int directions) {
        return new RandomDirections(Distribution.RADEMACHER, sigma, directions);
    }

    public int directions() {
        return directions;
    }

    @Override
    public String name() {
        return distribution == Distribution.GAUSSIAN ? "gaussian" : "spsa";
    }

    @Override
    public int indexCount(int parameterCount) {
        return directions;
    }

    @Override
    public int passesPerIndex() {
        return 2;
    }

    /** Writes direction {@code index} of step {@code key} into {@code u} (overwritten). */
    public void direction(StepKey key, int index, double[] u) {
        SplittableRandom r = RandomStreams.stream(key.seed(), RandomStreams.Purpose.PERTURBATION, key.step(), index);
        if (distribution == Distribution.GAUSSIAN) {
            for (int i = 0; i < u.length; i++) {
                u[i] = r.nextGaussian();
            }
        } else {
            for (int i = 0; i < u.length; i++) {
                u[i] = r.nextBoolean() ? 1.0 : -1.0;
            }
        }
    }

    @Override
    public void evaluate(Evaluator ev, double[] theta, StepKey key, int from, int to, double[] out) {
        if (ev instanceof BatchEvaluator batch) {
            evaluateBatch(batch, theta, key, from, to, out);
            return;
        }
        int n = theta.length;
        double[] u = new double[n];
        double[] p = new double[n];
        for (int j = from; j < to; j++) {
            direction(key, j, u);
            for (int i = 0; i < n; i++) {
                p[i] = theta[i] + sigma * u[i];
            }
            double plus = ev.loss(p);
            for (int i = 0; i < n; i++) {
                p[i] = theta[i] - sigma * u[i];
            }
            out[j - from] = plus - ev.loss(p);
        }
    }

    /** The same values from one batch: copies 2j and 2j + 1 are theta + sigma u_j and theta - sigma u_j. */
    private void evaluateBatch(BatchEvaluator batch, double[] theta, StepKey key, int from, int to, double[] out) {
        int n = theta.length;
        int k = to - from;
        double[] u = new double[n];
        double[] copies = new double[2 * k * n];
        for (int j = from; j < to; j++) {
            direction(key, j, u);
            int plus = 2 * (j - from) * n;
            int minus = plus + n;
            for (int i = 0; i < n; i++) {
                copies[plus + i] = theta[i] + sigma * u[i];
                copies[minus + i] = theta[i] - sigma * u[i];
            }
        }
        double[] losses = new double[2 * k];
        batch.losses(copies, 2 * k, losses);
        for (int j = 0; j < k; j++) {
            out[j] = losses[2 * j] - losses[2 * j + 1];
        }
    }

    @Override
    public void reduce(Evaluator ev, double[] theta, StepKey key, double baseLoss, double[] values, double[] grad) {
        int n = theta.length;
        java.util.Arrays.fill(grad, 0.0);
        double[] u = new double[n];
        double scale = 1.0 / (2.0 * sigma * directions);
        for (int j = 0; j < directions; j++) {
            direction(key, j, u);
            double c = values[j] * scale;
            for (int i = 0; i < n; i++) {
                grad[i] += c * u[i];
            }
        }
    }
}
