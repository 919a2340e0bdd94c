package org.chemotaxis.perturb;

import org.chemotaxis.task.Evaluator;

/**
 * The exact gradient by backpropagation through time: no perturbation tasks, the coordinator
 * computes it in {@link #reduce}. The reference every perturbation estimator is checked against,
 * available for differentiable objectives only.
 */
public final class Backpropagation implements GradientEstimator {

    @Override
    public String name() {
        return "bptt";
    }

    @Override
    public boolean needsGradient() {
        return true;
    }

    @Override
    public int indexCount(int parameterCount) {
        return 0;
    }

    @Override
    public int passesPerIndex() {
        return 0;
    }

    @Override
    public void evaluate(Evaluator ev, double[] theta, StepKey key, int from, int to, double[] out) {
        if (from != to) {
            throw new IllegalArgumentException("bptt has no perturbation tasks, but was asked for [" + from + ", " + to + ")");
        }
    }

    @Override
    public void reduce(Evaluator ev, double[] theta, StepKey key, double baseLoss, double[] values, double[] grad) {
        ev.lossAndGradient(theta, grad);
    }
}
