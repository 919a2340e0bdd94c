package org.chemotaxis.perturb;

import java.util.Objects;

/**
 * The hyperparameters of every estimator type; each reads only the ones it uses.
 *
 * @param sigma      perturbation size (the initial one where the distribution adapts)
 * @param directions random directions (antithetic pairs) per step
 * @param shaping    how the losses of a step are shaped before they are used
 */
public record EstimatorSettings(double sigma, int directions, Shaping shaping) {

    public EstimatorSettings {
        Objects.requireNonNull(shaping, "shaping");
    }

    /** sigma and directions as given, no shaping. */
    public static EstimatorSettings of(double sigma, int directions) {
        return new EstimatorSettings(sigma, directions, Shaping.NONE);
    }
}
