package org.chemotaxis.train;

import java.util.Objects;
import org.chemotaxis.optim.OptimizerState;
import org.chemotaxis.perturb.EstimatorState;

/**
 * Everything the next step depends on, for checkpoints: parameters, optimizer state, the
 * estimator's adaptive state (its search distribution's sigma, paths, covariance), the global step
 * counter (epoch and data cursor follow from it, and every random stream is keyed by it), and the
 * early-stopping memory with the best parameters so far.
 */
public record TrainingState(long step, double[] theta, OptimizerState optimizer, EstimatorState estimator,
                            EarlyStoppingRule.State stopping, double[] bestTheta) {

    public TrainingState {
        theta = theta.clone();
        bestTheta = bestTheta.clone();
        Objects.requireNonNull(estimator, "estimator");
    }

    @Override
    public double[] theta() {
        return theta.clone();
    }

    @Override
    public double[] bestTheta() {
        return bestTheta.clone();
    }
}
