package org.chemotaxis.task;

/**
 * An {@link Evaluator} that computes the losses of per-weight perturbations (one parameter
 * nudged at a time) faster than one {@link Evaluator#loss(double[])} per perturbed copy, with
 * exactly the same values.
 */
public interface PerWeightEvaluator {

    /**
     * For every parameter index i in [from, to) writes {@code out[i - from]} =
     * L(theta + sigma e_i) - L(theta - sigma e_i) if {@code central}, else L(theta + sigma e_i),
     * on the selected sample, where the perturbed weight is {@code theta[i] + sigma} (and
     * {@code theta[i] - sigma}) in double arithmetic and L is {@link Evaluator#loss(double[])}.
     * The value of an index does not depend on the range it is computed in. {@code theta} is not
     * modified; {@code out} must not alias it.
     */
    void perturbedLosses(double[] theta, double sigma, boolean central, int from, int to, double[] out);
}
