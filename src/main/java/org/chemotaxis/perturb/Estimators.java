package org.chemotaxis.perturb;

import java.util.List;

/** Builds an estimator from its config name. */
public final class Estimators {

    public static final List<String> NAMES = List.of("forward", "central", "gaussian", "spsa", "node", "bptt");

    private Estimators() {
    }

    public static GradientEstimator create(String type, double sigma, int directions) {
        return switch (type) {
            case "forward" -> WeightPerturbation.forward(sigma);
            case "central" -> WeightPerturbation.central(sigma);
            case "gaussian" -> RandomDirections.gaussian(sigma, directions);
            case "spsa" -> RandomDirections.rademacher(sigma, directions);
            case "node" -> new NodePerturbation(sigma, directions);
            case "bptt" -> new Backpropagation();
            default -> throw new IllegalArgumentException(
                    "estimator type must be one of " + String.join(", ", NAMES) + ", but was '" + type + "'");
        };
    }
}
