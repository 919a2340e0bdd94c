package org.chemotaxis.cli;

import java.util.List;
import org.chemotaxis.experiment.Configs;
import org.chemotaxis.problem.ProblemRegistry;
import org.chemotaxis.experiment.Experiment;
import org.chemotaxis.experiment.Experiments;
import org.chemotaxis.runtime.JobFactory;

/** How a worker gets a run's compute side: from memory on the trainer's node, from the job's config elsewhere. */
final class JobFactories {

    private JobFactories() {
    }

    /**
     * The trainer's own workers share the experiment the trainer built, so the config is not
     * parsed again and the data not read twice.
     */
    static JobFactory inMemory(Experiment experiment, String runId) {
        return spec -> {
            if (!spec.runId().equals(runId)) {
                throw new IllegalArgumentException("this node runs " + runId + ", not " + spec.runId());
            }
            return experiment.job();
        };
    }

    /** A worker node rebuilds the run from the resolved config that travels in the job. */
    static JobFactory fromConfig(ProblemRegistry problems) {
        return spec -> Experiments.of(Configs.parse(spec.configYaml(), "job " + spec.runId(), List.of(), problems),
                problems).job();
    }
}
