package org.chemotaxis.train;

import org.chemotaxis.perturb.GradientEstimator;
import org.chemotaxis.task.Evaluator;
import org.chemotaxis.task.Objective;

/** Every task in the calling thread, in index order: the reference the other fan-outs match bit for bit. */
public final class SameThreadFanOut implements FanOut {

    private final GradientEstimator estimator;
    private final Evaluator evaluator;

    public SameThreadFanOut(Objective objective, GradientEstimator estimator) {
        this.estimator = estimator;
        this.evaluator = objective.newEvaluator();
    }

    @Override
    public int workers() {
        return 1;
    }

    @Override
    public Pending start(StepPlan plan, double[] theta, double[] values) {
        evaluator.select(plan.sample());
        for (TaskRange task : plan.tasks()) {
            TaskEvaluation.into(estimator, evaluator, theta, plan, task, values);
        }
        return () -> { };
    }

    @Override
    public void close() {
    }
}
