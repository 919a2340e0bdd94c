package org.chemotaxis.perturb;

import org.chemotaxis.task.Evaluator;

/**
 * Per-weight perturbation (Jabri and Flower 1992): every parameter is nudged on its own and the
 * change in loss gives one gradient component. Index i stands for parameter i.
 *
 * <ul>
 *   <li>forward difference: value_i = L(theta + sigma e_i); P + 1 passes a step (the base loss
 *       comes from the coordinator), O(sigma) bias;</li>
 *   <li>central difference: value_i = L(theta + sigma e_i) - L(theta - sigma e_i); 2P passes,
 *       O(sigma^2) bias.</li>
 * </ul>
 * The divisor is the step actually taken in floating point, (theta_i + sigma) - (theta_i - sigma),
 * not 2 sigma: this removes the rounding of the perturbed weight from the estimate.
 *
 * <p>The evaluator computes the values ({@link Evaluator#perturbedLosses}): one loss call per
 * copy, or the same numbers with work shared between the copies where the objective can.
 */
public final class WeightPerturbation implements GradientEstimator {

    private final boolean central;
    private final double sigma;

    private WeightPerturbation(boolean central, double sigma) {
        if (!(sigma > 0) || Double.isInfinite(sigma)) {
            throw new IllegalArgumentException("sigma must be > 0 and finite, but was " + sigma);
        }
        this.central = central;
        this.sigma = sigma;
    }

    public static WeightPerturbation forward(double sigma) {
        return new WeightPerturbation(false, sigma);
    }

    public static WeightPerturbation central(double sigma) {
        return new WeightPerturbation(true, sigma);
    }

    public double sigma() {
        return sigma;
    }

    @Override
    public String name() {
        return central ? "central" : "forward";
    }

    @Override
    public int indexCount(int parameterCount) {
        return parameterCount;
    }

    @Override
    public int passesPerIndex() {
        return central ? 2 : 1;
    }

    @Override
    public void evaluate(Evaluator ev, double[] theta, StepKey key, int from, int to, double[] out) {
        ev.perturbedLosses(theta, sigma, central, from, to, out);
    }

    @Override
    public void reduce(Evaluator ev, double[] theta, StepKey key, double baseLoss, double[] values, double[] grad) {
        int n = theta.length;
        for (int i = 0; i < n; i++) {
            double t = theta[i];
            if (central) {
                grad[i] = values[i] / ((t + sigma) - (t - sigma));
            } else {
                grad[i] = (values[i] - baseLoss) / ((t + sigma) - t);
            }
        }
    }
}
