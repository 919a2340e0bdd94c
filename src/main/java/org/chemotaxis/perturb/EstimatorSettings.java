package org.chemotaxis.perturb;

import java.util.Objects;

/**
 * The hyperparameters of every estimator type; each reads only the ones it uses.
 *
 * @param sigma          perturbation size (the initial one where the distribution adapts)
 * @param directions     random directions (antithetic pairs) per step
 * @param shaping        how the losses of a step are shaped before they are used
 * @param sigmaLr        learning rate of an adaptive sigma (pgpe, snes); null: the method's default
 * @param sigmaMaxChange largest relative change of PGPE's sigma_i in one step
 * @param population     samples per step of snes and cmaes; null: the method's default
 * @param topDirections  directions ARS keeps; null: all
 */
public record EstimatorSettings(double sigma, int directions, Shaping shaping, Double sigmaLr, double sigmaMaxChange,
                                Integer population, Integer topDirections) {

    /** The largest relative change of PGPE's sigma in one step when none is configured (EvoTorch's). */
    public static final double DEFAULT_SIGMA_MAX_CHANGE = 0.2;

    public EstimatorSettings {
        Objects.requireNonNull(shaping, "shaping");
    }

    /** sigma and directions as given, every other setting its default. */
    public static EstimatorSettings of(double sigma, int directions) {
        return new EstimatorSettings(sigma, directions, Shaping.NONE, null, DEFAULT_SIGMA_MAX_CHANGE, null, null);
    }

    public EstimatorSettings withShaping(Shaping value) {
        return new EstimatorSettings(sigma, directions, value, sigmaLr, sigmaMaxChange, population, topDirections);
    }
}
