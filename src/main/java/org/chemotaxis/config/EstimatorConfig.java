package org.chemotaxis.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Objects;

/**
 * Section {@code estimator}: how the gradient is estimated (README, "Estimators").
 *
 * @param type       forward, central, gaussian, spsa, node, bptt, pgpe, snes, ars or cmaes
 * @param sigma      perturbation size (the initial sigma or step size of pgpe, snes and cmaes)
 * @param directions random directions (antithetic pairs) per step, for gaussian, spsa, node, pgpe and ars
 * @param shaping    none, or centered_rank: the step's losses replaced by their centered ranks
 * @param sigmaLr    learning rate of the adaptive sigma of pgpe and snes; null: the method's default
 * @param sigmaMaxChange largest relative change of pgpe's sigma per step
 * @param population samples per step of snes and cmaes; null: the method's default (4 + floor(3 ln P))
 * @param topDirections the b best directions ars keeps; null: all
 */
public record EstimatorConfig(Type type, double sigma, int directions, Shaping shaping, Double sigmaLr,
                              double sigmaMaxChange, Integer population, Integer topDirections) {

    public enum Type {
        FORWARD, CENTRAL, GAUSSIAN, SPSA, NODE, BPTT, PGPE, SNES, ARS, CMAES;

        @JsonValue
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** True for the random-direction estimators, whose losses {@code estimator.shaping} can rank. */
        public boolean shapeable() {
            return switch (this) {
                case GAUSSIAN, SPSA, NODE, PGPE, SNES, ARS -> true;
                default -> false;
            };
        }
    }

    public enum Shaping {
        NONE, CENTERED_RANK;

        @JsonValue
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public EstimatorConfig {
        Objects.requireNonNull(type, "estimator.type");
        Objects.requireNonNull(shaping, "estimator.shaping");
    }

    /** The defaults of this section live here and nowhere else; a null argument means "default". */
    @JsonCreator
    public static EstimatorConfig of(Type type, Double sigma, Integer directions, Shaping shaping, Double sigmaLr,
                                     Double sigmaMaxChange, Integer population, Integer topDirections) {
        return new EstimatorConfig(
                type != null ? type : Type.CENTRAL,
                sigma != null ? sigma : 1e-3,
                directions != null ? directions : 16,
                shaping != null ? shaping : Shaping.NONE,
                sigmaLr,
                sigmaMaxChange != null ? sigmaMaxChange : 0.2,
                population,
                topDirections);
    }

    public static EstimatorConfig defaults() {
        return of(null, null, null, null, null, null, null, null);
    }
}
