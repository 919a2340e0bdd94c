package org.chemotaxis.perturb;

import java.util.List;

/** Builds an estimator from its config name. */
public final class Estimators {

    public static final List<String> NAMES = List.of("forward", "central", "gaussian", "spsa", "node", "bptt", "pgpe", "snes", "ars", "cmaes");

    private Estimators() {
    }

    public static GradientEstimator create(String type, double sigma, int directions) {
        return create(type, EstimatorSettings.of(sigma, directions));
    }

    public static GradientEstimator create(String type, EstimatorSettings s) {
        return switch (type) {
            case "forward" -> WeightPerturbation.forward(s.sigma());
            case "central" -> WeightPerturbation.central(s.sigma());
            case "gaussian" -> RandomDirections.gaussian(s.sigma(), s.directions(), s.shaping());
            case "spsa" -> RandomDirections.rademacher(s.sigma(), s.directions(), s.shaping());
            case "node" -> new NodePerturbation(s.sigma(), s.directions(), s.shaping());
            case "bptt" -> new Backpropagation();
            case "pgpe" -> new Pgpe(s.sigma(), s.directions(), s.shaping(),
                    s.sigmaLr() != null ? s.sigmaLr() : Pgpe.DEFAULT_SIGMA_LR, s.sigmaMaxChange());
            case "snes" -> new Snes(s.sigma(), s.population() != null ? s.population() : 0, s.shaping(),
                    s.sigmaLr() != null ? s.sigmaLr() : Double.NaN);
            case "cmaes" -> new CmaEs(s.sigma(), s.population() != null ? s.population() : 0);
            case "ars" -> new Ars(s.sigma(), s.directions(), s.topDirections() != null ? s.topDirections() : 0,
                    s.shaping());
            default -> throw new IllegalArgumentException(
                    "estimator type must be one of " + String.join(", ", NAMES) + ", but was '" + type + "'");
        };
    }
}
