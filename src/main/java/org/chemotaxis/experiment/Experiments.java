package org.chemotaxis.experiment;

import org.chemotaxis.config.ExperimentConfig;

/** Builds the experiment a config describes. */
public final class Experiments {

    private Experiments() {
    }

    public static Experiment of(ExperimentConfig config) {
        return switch (config.data().type()) {
            case SINE, CSV -> new SequenceExperiment(config);
            case CHEMOTAXIS -> new ChemotaxisExperiment(config);
        };
    }
}
