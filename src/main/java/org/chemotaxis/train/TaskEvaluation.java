package org.chemotaxis.train;

import org.chemotaxis.perturb.GradientEstimator;
import org.chemotaxis.task.Evaluator;

/** One task of a step: the estimator's values of the task's indices, written at those indices. */
final class TaskEvaluation {

    private TaskEvaluation() {
    }

    /** {@code evaluator} must have the plan's sample selected. */
    static void into(GradientEstimator estimator, Evaluator evaluator, double[] theta, StepPlan plan, TaskRange task,
                     double[] values) {
        int width = plan.valuesPerIndex();
        double[] out = new double[task.size() * width];
        estimator.atScale(plan.scale()).evaluate(evaluator, theta, plan.key(), task.from(), task.to(), out);
        System.arraycopy(out, 0, values, task.from() * width, out.length);
    }
}
