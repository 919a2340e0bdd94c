package org.chemotaxis.runtime;

import java.nio.file.Path;
import org.chemotaxis.config.ConfigLoader;
import org.chemotaxis.config.ExperimentConfig;
import org.chemotaxis.experiment.SequenceExperiment;
import org.chemotaxis.report.RunFolder;
import org.chemotaxis.train.Training;

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
            """;

    final ExperimentConfig config = ConfigLoader.parse(YAML, "tiny.yml");
    final SequenceExperiment experiment = new SequenceExperiment(config);

    LocalRun.Parts parts(Path out, String name, JobFactory jobs, int taskSize) {
        RunFolder folder = RunFolder.create(out, name).describing(experiment.model());
        Training training = experiment.newTraining();
        var settings = new Coordinator.Settings(folder.runId(), config.name(), folder.dir().toString(),
                config.training().epochs(), taskSize, 3, experiment.metricName(), experiment.lossToMetric(),
                "elman", "adam");
        return new LocalRun.Parts(training, settings, folder, JobSpec.of(folder.runId(), ConfigLoader.toYaml(config)),
                jobs, experiment.stopRule(), folder.dir());
    }
}
