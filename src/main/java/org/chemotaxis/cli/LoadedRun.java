package org.chemotaxis.cli;

import java.nio.file.Path;
import java.util.List;
import org.chemotaxis.problem.ProblemRegistry;
import org.chemotaxis.experiment.Configs;
import org.chemotaxis.config.BadInputException;
import org.chemotaxis.config.ExperimentConfig;
import org.chemotaxis.experiment.Experiment;
import org.chemotaxis.experiment.Experiments;
import org.chemotaxis.experiment.SequenceExperiment;
import org.chemotaxis.report.ModelFile;
import org.chemotaxis.report.RunFolder;

/** A finished run read back from its folder: config, experiment and the saved model. */
record LoadedRun(RunFolder folder, ExperimentConfig config, Experiment experiment, ModelFile.Loaded model, double[] theta) {

    static LoadedRun open(Path dir, ProblemRegistry problems) {
        RunFolder folder = RunFolder.open(dir);
        ExperimentConfig config = Configs.load(folder.file(RunFolder.CONFIG), List.of(), problems);
        Experiment exp = Experiments.of(config, problems);
        Path modelFile = folder.file(RunFolder.MODEL);
        ModelFile.Loaded model = ModelFile.read(modelFile);
        double[] theta = ModelFile.parametersFor(model, exp.model(), modelFile);
        return new LoadedRun(folder, config, exp, model, theta);
    }

    /** The files the run reads besides its folder: its CSV data, if any. */
    List<Path> inputs() {
        String data = config.data().path();
        return data == null || data.isBlank() ? List.of() : List.of(Path.of(data));
    }

    SequenceExperiment sequence(String command) {
        if (experiment instanceof SequenceExperiment s) {
            return s;
        }
        throw new BadInputException(command + " needs a sequence experiment, but " + folder.dir() + " is not one");
    }
}
