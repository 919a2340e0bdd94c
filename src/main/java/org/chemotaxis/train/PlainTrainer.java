package org.chemotaxis.train;

import java.util.ArrayList;
import java.util.List;
import org.chemotaxis.perturb.GradientEstimator;
import org.chemotaxis.task.Evaluator;

/**
 * The single-threaded training loop of the library API: no actors, every perturbation evaluated
 * in this thread, in index order. The reference the actor runtime must match bit for bit.
 */
public final class PlainTrainer {

    /** One finished epoch. */
    public record Epoch(long epoch, double trainLoss, double validationLoss, boolean improved) {
    }

    private final Training training;
    private final Evaluator evaluator;

    public PlainTrainer(Training training) {
        this.training = training;
        this.evaluator = training.objective().newEvaluator();
    }

    /** Runs one optimizer step. */
    public StepOutcome step() {
        StepPlan plan = training.planStep(Integer.MAX_VALUE);
        GradientEstimator est = training.estimator();
        double[] values = new double[plan.indexCount()];
        if (plan.indexCount() > 0) {
            evaluator.select(plan.sample());
            est.evaluate(evaluator, training.theta(), plan.key(), 0, plan.indexCount(), values);
        }
        return training.completeStep(plan, values);
    }

    /** Runs epochs until {@code epochs} are done in total or early stopping says stop. */
    public List<Epoch> run(long epochs) {
        List<Epoch> history = new ArrayList<>();
        while (training.epochsDone() < epochs) {
            double sum = 0;
            int n = training.stepsPerEpoch();
            for (int i = 0; i < n; i++) {
                sum += step().loss();
            }
            long epoch = training.epochsDone() - 1;
            double val = training.validationLoss();
            EarlyStoppingRule.Verdict v = training.endEpoch(epoch, val);
            history.add(new Epoch(epoch, sum / n, val, v.improved()));
            if (v.stop()) {
                break;
            }
        }
        return history;
    }
}
