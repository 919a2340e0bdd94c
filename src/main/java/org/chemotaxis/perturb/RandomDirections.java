package org.chemotaxis.perturb;

import java.util.SplittableRandom;
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
 *
 * <p>With {@link Shaping#CENTERED_RANK} each index yields its two losses instead of their
 * difference, and the reducer uses the centered ranks of all 2N losses in their place (Salimans et
 * al. 2017): value_j becomes rank(L+_j) - rank(L-_j).
 */
public final class RandomDirections implements GradientEstimator {

    /** How a direction's entries are drawn. */
    public enum Distribution { GAUSSIAN, RADEMACHER }

    private final Distribution distribution;
    private final double sigma;
    private final int directions;
    private final Shaping shaping;

    private RandomDirections(Distribution distribution, double sigma, int directions, Shaping shaping) {
        if (!(sigma > 0) || Double.isInfinite(sigma)) {
            throw new IllegalArgumentException("sigma must be > 0 and finite, but was " + sigma);
        }
        if (directions <= 0) {
            throw new IllegalArgumentException("directions must be > 0, but was " + directions);
        }
        this.distribution = distribution;
        this.sigma = sigma;
        this.directions = directions;
        this.shaping = shaping;
    }

    public static RandomDirections gaussian(double sigma, int directions) {
        return gaussian(sigma, directions, Shaping.NONE);
    }

    public static RandomDirections rademacher(double sigma, int directions) {
        return rademacher(sigma, directions, Shaping.NONE);
    }

    public static RandomDirections gaussian(double sigma, int directions, Shaping shaping) {
        return new RandomDirections(Distribution.GAUSSIAN, sigma, directions, shaping);
    }

    public static RandomDirections rademacher(double sigma, int directions, Shaping shaping) {
        return new RandomDirections(Distribution.RADEMACHER, sigma, directions, shaping);
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

    /** 1 (the loss difference) without shaping; 2 (both losses of the pair) with it. */
    @Override
    public int valuesPerIndex() {
        return shaping == Shaping.NONE ? 1 : 2;
    }

    /** Writes direction {@code index} of step {@code key} into {@code u} (overwritten). */
    public void direction(StepKey key, int index, double[] u) {
        if (distribution == Distribution.GAUSSIAN) {
            GaussianDirections.fill(key, index, u);
        } else {
            SplittableRandom r = RandomStreams.stream(key.seed(), RandomStreams.Purpose.PERTURBATION, key.step(), index);
            for (int i = 0; i < u.length; i++) {
                u[i] = r.nextBoolean() ? 1.0 : -1.0;
            }
        }
    }

    @Override
    public void evaluate(Evaluator ev, double[] theta, StepKey key, int from, int to, double[] out) {
        int k = to - from;
        double[] u = new double[theta.length];
        double[] losses = shaping == Shaping.NONE ? new double[2 * k] : out;
        PerturbedLosses.pairs(ev, theta, from, to, (j, e) -> {
            direction(key, j, u);
            for (int i = 0; i < e.length; i++) {
                e[i] = sigma * u[i];
            }
        }, losses);
        if (shaping == Shaping.NONE) {
            for (int j = 0; j < k; j++) {
                out[j] = losses[2 * j] - losses[2 * j + 1];
            }
        }
    }

    @Override
    public void reduce(Evaluator ev, double[] theta, StepKey key, double baseLoss, double[] values, double[] grad) {
        int n = theta.length;
        java.util.Arrays.fill(grad, 0.0);
        double[] u = new double[n];
        double scale = 1.0 / (2.0 * sigma * directions);
        double[] differences = shaping == Shaping.NONE ? values : pairDifferences(shaping.apply(values));
        for (int j = 0; j < directions; j++) {
            direction(key, j, u);
            double c = differences[j] * scale;
            for (int i = 0; i < n; i++) {
                grad[i] += c * u[i];
            }
        }
    }

    /** d_j = v[2j] - v[2j + 1]: the value of pair j from its two (shaped) losses. */
    static double[] pairDifferences(double[] v) {
        double[] d = new double[v.length / 2];
        for (int j = 0; j < d.length; j++) {
            d[j] = v[2 * j] - v[2 * j + 1];
        }
        return d;
    }
}
