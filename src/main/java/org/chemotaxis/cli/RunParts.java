package org.chemotaxis.cli;

import org.chemotaxis.config.ConfigLoader;
import org.chemotaxis.config.ExperimentConfig;
import org.chemotaxis.report.RunFolder;
import org.chemotaxis.experiment.Experiment;
import org.chemotaxis.experiment.Pictures;
import org.chemotaxis.experiment.ProblemExperiment;
import org.chemotaxis.runtime.Coordinator;
import org.chemotaxis.runtime.JobFactory;
import org.chemotaxis.runtime.JobSpec;
import org.chemotaxis.runtime.LocalRun;
import org.chemotaxis.train.Training;

/** Everything a trainer node needs to run an experiment into a run folder, assembled in one place. */
public final class RunParts {

    /** Attempts of a task (on different workers where possible) before the run fails. */
    public static final int MAX_ATTEMPTS = 3;

    private RunParts() {
    }

    /**
     * @param training a fresh or restored training of {@code exp}
     * @param jobs     how this node's own workers rebuild the job (null when it has none)
     */
    public static LocalRun.Parts of(Experiment exp, Training training, RunFolder folder, JobFactory jobs) {
        ExperimentConfig c = exp.config();
        var settings = new Coordinator.Settings(folder.runId(), c.name(), folder.dir().toString(), c.training().epochs(),
                c.runtime().taskSize(), MAX_ATTEMPTS, exp.metricName(), exp.lossToMetric(), c.model().type().key(),
                // a distribution that moves its mean itself (snes, cmaes) uses no optimizer
                training.estimator().takesOwnStep() ? "none" : c.optimizer().type().key());
        // A plugin's problem travels with the hash of its jar, so that a worker with another build declines.
        JobSpec job = exp instanceof ProblemExperiment p
                ? JobSpec.of(folder.runId(), ConfigLoader.toYaml(c), p.entry().name(), p.entry().sha256())
                : JobSpec.of(folder.runId(), ConfigLoader.toYaml(c));
        return new LocalRun.Parts(training, settings, folder.describing(exp.model()), job, jobs, exp.stopRule(),
                folder.dir(), Pictures.painter(exp));
    }
}
