package org.chemotaxis.experiment;

import org.chemotaxis.config.ExperimentConfig;
import org.chemotaxis.problem.ProblemRegistry;

/** Builds the experiment a config describes. */
public final class Experiments {

    private Experiments() {
    }

    /** The experiment of {@code config}; a plugin problem is looked up on the class path only. */
    public static Experiment of(ExperimentConfig config) {
        return of(config, classPathProblems());
    }

    /** The experiment of {@code config}, its plugin problem (problem.type) looked up in {@code problems}. */
    public static Experiment of(ExperimentConfig config, ProblemRegistry problems) {
        if (config.problem().given()) {
            return new ProblemExperiment(config, problems);
        }
        return switch (config.data().type()) {
            case SINE, CSV -> new SequenceExperiment(config);
            case CHEMOTAXIS -> new ChemotaxisExperiment(config);
        };
    }

    /** The problems on the class path, looked up once. */
    static ProblemRegistry classPathProblems() {
        return ClassPathProblems.REGISTRY;
    }

    private static final class ClassPathProblems {
        static final ProblemRegistry REGISTRY = ProblemRegistry.classPath();
    }
}
