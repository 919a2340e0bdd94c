package org.chemotaxis.cli;

import org.chemotaxis.experiment.Configs;
import org.chemotaxis.experiment.Experiments;
import org.chemotaxis.runtime.JobFactory;

/** How a worker rebuilds a run: from the resolved config that travels in the job. */
final class JobFactories {

    private JobFactories() {
    }

    static JobFactory fromConfig() {
        return spec -> Experiments.of(Configs.parse(spec.configYaml(), "job " + spec.runId())).job();
    }
}
