package org.chemotaxis.perturb;

import org.chemotaxis.task.Evaluator;

/** An estimator that does what another does; tests override {@link #evaluate} to interfere with tasks. */
public abstract class ForwardingEstimator implements GradientEstimator {

    protected final GradientEstimator inner;

    protected ForwardingEstimator(GradientEstimator inner) {
        this.inner = inner;
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public int indexCount(int p) {
        return inner.indexCount(p);
    }

    @Override
    public int passesPerIndex() {
        return inner.passesPerIndex();
    }

    @Override
    public void evaluate(Evaluator ev, double[] theta, StepKey key, int from, int to, double[] out) {
        inner.evaluate(ev, theta, key, from, to, out);
    }

    @Override
    public void reduce(Evaluator ev, double[] theta, StepKey key, double baseLoss, double[] values, double[] grad) {
        inner.reduce(ev, theta, key, baseLoss, values, grad);
    }
}
