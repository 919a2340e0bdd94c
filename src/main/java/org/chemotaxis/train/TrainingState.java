package org.chemotaxis.train;

import org.chemotaxis.optim.OptimizerState;

/**
 * Everything the next step depends on, for checkpoints: parameters, optimizer state, the global
 * step counter (epoch and data cursor follow from it, and every random stream is keyed by it),
 * and the early-stopping memory with the best parameters so far.
 */
public record TrainingState(long step, double[] theta, OptimizerState optimizer,
                            EarlyStoppingRule.State stopping, double[] bestTheta) {

    public TrainingState {
        theta = theta.clone();
        bestTheta = bestTheta.clone();
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
