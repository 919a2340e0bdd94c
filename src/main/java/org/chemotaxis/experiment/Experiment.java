package org.chemotaxis.experiment;

import org.chemotaxis.train.RunJob;
import java.util.function.DoubleUnaryOperator;
import org.chemotaxis.config.ExperimentConfig;
import org.chemotaxis.model.RecurrentModel;
import org.chemotaxis.optim.LearningRateSchedule;
import org.chemotaxis.optim.Optimizer;
import org.chemotaxis.optim.OptimizerSettings;
import org.chemotaxis.optim.Optimizers;
import org.chemotaxis.perturb.EstimatorSettings;
import org.chemotaxis.perturb.Estimators;
import org.chemotaxis.perturb.GradientEstimator;
import org.chemotaxis.perturb.Shaping;
import org.chemotaxis.task.Objective;
import org.chemotaxis.train.EarlyStoppingRule;
import org.chemotaxis.train.SampleSource;
import org.chemotaxis.train.Training;

/**
 * An experiment built from its config: the model, the objective and where each step's sample
 * comes from. Everything else (optimizer, schedule, estimator, stop rule) follows from the config
 * in the same way for every experiment, so it lives here once.
 */
public interface Experiment {

    ExperimentConfig config();

    RecurrentModel model();

    /** Parameters of the model, P. */
    default int parameterCount() {
        return model().parameterCount();
    }

    Objective objective();

    /**
     * The objective validation losses are measured on: the training objective unless the experiment
     * validates elsewhere (chemotaxis: in the world of the test).
     */
    default Objective validationObjective() {
        return objective();
    }

    SampleSource samples();

    /** Name of the per-epoch metric in events (e.g. "r2", "F"). */
    String metricName();

    /** The metric as a function of the validation loss. */
    DoubleUnaryOperator lossToMetric();

    default GradientEstimator estimator() {
        var e = config().estimator();
        return Estimators.create(e.type().key(),
                new EstimatorSettings(e.sigma(), e.directions(), Shaping.of(e.shaping().key()), e.sigmaLr(),
                        e.sigmaMaxChange(), e.population(), e.topDirections()));
    }

    default long initSeed() {
        Long s = config().model().initSeed();
        return s == null ? config().seed() : s;
    }

    default double[] initialTheta() {
        double[] theta = new double[model().parameterCount()];
        model().initialize(theta, initSeed());
        return theta;
    }

    default Optimizer newOptimizer() {
        var o = config().optimizer();
        OptimizerSettings s = new OptimizerSettings(o.momentum(), o.beta1(), o.beta2(), o.eps(), o.rho(), o.weightDecay(),
                o.maxSpeed() != null ? o.maxSpeed() : 0.0);
        return Optimizers.create(o.type().key(), model().parameterCount(), s);
    }

    /** Total optimizer steps of the configured run: the cosine schedule ends there. */
    default long totalSteps() {
        return (long) config().training().epochs() * samples().stepsPerEpoch();
    }

    default LearningRateSchedule schedule() {
        var o = config().optimizer();
        return switch (o.schedule()) {
            case CONSTANT -> LearningRateSchedule.constant(o.lr());
            case STEP -> LearningRateSchedule.step(o.lr(), o.stepEvery(), o.stepGamma());
            case COSINE -> LearningRateSchedule.cosine(o.lr(), totalSteps(), o.lrMin(), o.warmupSteps());
        };
    }

    default EarlyStoppingRule stopRule() {
        var s = config().earlyStopping();
        return EarlyStoppingRule.of(s.patience(), s.minDelta());
    }

    /** A fresh training at step 0 with the seeded initial parameters. */
    default Training newTraining() {
        LearningRateSchedule schedule = schedule();
        return new Training(objective(), estimator(), newOptimizer(), schedule::rate, samples(),
                config().optimizer().clipNorm(), config().seed(), stopRule(), initialTheta(), validationObjective());
    }

    /** The compute side that a worker needs. */
    default RunJob job() {
        return new RunJob(objective(), estimator());
    }
}
