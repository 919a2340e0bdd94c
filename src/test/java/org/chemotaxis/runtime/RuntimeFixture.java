package org.chemotaxis.runtime;

import java.nio.file.Path;
import org.chemotaxis.cli.RunParts;
import org.chemotaxis.config.ConfigLoader;
import org.chemotaxis.config.ExperimentConfig;
import org.chemotaxis.experiment.SequenceExperiment;
import org.chemotaxis.report.RunFolder;

/** Builds the parts of a local run of a tiny sine experiment, for runtime tests. */
final class RuntimeFixture {

    static final String YAML = """
            name: tiny
            seed: 5
            model: {type: elman, hidden: 4}
            data: {type: sine, count: 48, length: 16, dt: 0.1, validation_fraction: 0.25}
            objective: {washout: 2}
            estimator: {type: central, sigma: 1.0e-4}
            optimizer: {type: adam, lr: 0.02}
            training: {epochs: 2, batch: 12}
            runtime: {task_size: 5}
            """;

    final ExperimentConfig config = ConfigLoader.parse(YAML, "tiny.yml");
    final SequenceExperiment experiment = new SequenceExperiment(config);

    LocalRun.Parts parts(Path out, String name, JobFactory jobs) {
        return RunParts.of(experiment, experiment.newTraining(), RunFolder.create(out, name), jobs);
    }
}
