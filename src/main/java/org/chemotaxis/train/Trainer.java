package org.chemotaxis.train;

import java.util.ArrayList;
import java.util.List;

/**
 * The training loop without actors: each step's tasks go to a {@link FanOut} (this thread or a
 * thread pool), the unperturbed loss is measured meanwhile, and {@link Training} reduces the
 * values in index order. Gives the same parameters as the actor runtime, bit for bit.
 */
public final class Trainer implements AutoCloseable {

    /** One finished epoch. */
    public record Epoch(long epoch, double trainLoss, double validationLoss, boolean improved) {
    }

    private final Training training;
    private final FanOut fanOut;

    public Trainer(Training training, FanOut fanOut) {
        this.training = training;
        this.fanOut = fanOut;
    }

    /** Every perturbation in the calling thread: the reference. */
    public static Trainer plain(Training training) {
        return new Trainer(training, new SameThreadFanOut(training.objective(), training.estimator()));
    }

    /** The perturbations on a pool of {@code threads} threads. */
    public static Trainer threads(Training training, int threads) {
        return new Trainer(training, new ThreadPoolFanOut(training.objective(), training.estimator(), threads));
    }

    /** Runs one optimizer step. */
    public StepOutcome step() {
        int n = training.estimator().indexCount(training.parameterCount());
        StepPlan plan = training.planStep(TaskSizing.taskSize(0, n, fanOut.workers()));
        double[] values = new double[plan.valueCount()];
        FanOut.Pending pending = fanOut.start(plan, training.theta(), values);
        double loss = training.measure(plan);
        pending.await();
        return training.completeStep(plan, loss, values);
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

    @Override
    public void close() {
        fanOut.close();
    }
}
