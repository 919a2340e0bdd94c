package org.chemotaxis.experiment;

import org.chemotaxis.config.ExperimentConfig;

/** Builds the experiment a config describes. */
public final class Experiments {

    private Experiments() {
    }

    public static Experiment of(ExperimentConfig config) {
        return new SequenceExperiment(config);
    }
}
