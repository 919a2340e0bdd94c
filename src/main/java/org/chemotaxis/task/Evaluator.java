package org.chemotaxis.task;

import org.chemotaxis.model.NoiseSource;

/**
 * Computes losses for one {@link Objective} on the currently selected {@link Sample}. Not
 * thread-safe; owns all buffers, so repeated calls do not allocate. None of the methods
 * modifies {@code theta}.
 */
public interface Evaluator {

    /** Chooses the sample that the following calls measure. */
    void select(Sample sample);

    /** The loss of {@code theta} on the selected sample. */
    double loss(double[] theta);

    /**
     * The loss with node-perturbation noise added at every unit's noise site;
     * {@code noise.fill(t, buf)} is asked for {@code buf} of length {@link #noiseWidth()} at t = 0, 1, ....
     */
    double loss(double[] theta, NoiseSource noise);

    /** The exact loss and gradient (BPTT); {@code grad} (length P) is overwritten. */
    double lossAndGradient(double[] theta, double[] grad);

    /**
     * Runs the noiseless forward pass and adds, for every time step t, the model's local
     * gradient of the cotangent {@code cotangent.fill(t, ...)} to {@code grad}. Returns the loss.
     */
    double localGradient(double[] theta, NoiseSource cotangent, double[] grad);

    /**
     * Per-weight perturbation: for every parameter index i in [from, to) writes
     * {@code out[i - from]} = L(theta + sigma e_i) - L(theta - sigma e_i) if {@code central}, else
     * L(theta + sigma e_i), on the selected sample, where the perturbed weight is
     * {@code theta[i] + sigma} (and {@code theta[i] - sigma}) in double arithmetic and L is
     * {@link #loss(double[])}. The value of an index does not depend on the range it is computed
     * in; {@code out} must not alias {@code theta}.
     *
     * <p>By default one loss per perturbed copy; an evaluator that can share work between the
     * copies overrides this with the same values.
     */
    default void perturbedLosses(double[] theta, double sigma, boolean central, int from, int to, double[] out) {
        OneWeightAtATime.losses(this, theta, theta.clone(), sigma, central, from, to, out);
    }

    /** Doubles of noise per time step for the selected sample: rows x model noise size. */
    int noiseWidth();

    /** Time steps of the selected sample (how often a NoiseSource is asked). */
    int timeSteps();
}
