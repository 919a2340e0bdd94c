package org.chemotaxis.perturb;

import org.chemotaxis.optim.Optimizer;
import org.chemotaxis.optim.Sgd;
import org.chemotaxis.task.Objective;
import org.chemotaxis.task.Sample;
import org.chemotaxis.train.EarlyStoppingRule;
import org.chemotaxis.train.SampleSource;
import org.chemotaxis.train.Trainer;
import org.chemotaxis.train.Training;

/** Runs an estimator on a fixed objective through Training and the plain loop, as a run would. */
final class Descent {

    private Descent() {
    }

    /** One sample, one step an epoch. */
    static final SampleSource ONE = new SampleSource() {
        @Override
        public int stepsPerEpoch() {
            return 1;
        }

        @Override
        public Sample train(long epoch, int batch) {
            return Sample.of(new int[0]);
        }

        @Override
        public Sample validation() {
            return Sample.of(new int[0]);
        }
    };

    static Training training(Objective objective, GradientEstimator est, Optimizer opt, double lr, double[] theta0) {
        return new Training(objective, est, opt, step -> lr, ONE, 0.0, 17, EarlyStoppingRule.of(0, 0), theta0);
    }

    /** An estimator that moves its mean itself needs no optimizer: a placeholder stands in. */
    static Training training(Objective objective, GradientEstimator est, double[] theta0) {
        return training(objective, est, new Sgd(theta0.length, 0.0), 1.0, theta0);
    }

    /** The unperturbed loss before each of {@code steps} steps, and after the last. */
    static double[] losses(Training t, int steps) {
        double[] out = new double[steps + 1];
        Trainer trainer = Trainer.plain(t);
        for (int k = 0; k < steps; k++) {
            out[k] = trainer.step().loss();
        }
        out[steps] = t.validationLoss();
        return out;
    }
}
