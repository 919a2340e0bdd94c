package org.chemotaxis.cli;

import java.nio.file.Path;
import org.chemotaxis.experiment.Experiment;
import org.chemotaxis.report.ModelFile;
import org.chemotaxis.report.RunFolder;
import org.chemotaxis.runtime.EventLog;
import org.chemotaxis.runtime.RunEvent;
import org.chemotaxis.train.Training;
import org.chemotaxis.train.TrainingState;

/**
 * {@code train CONFIG --init-from RUN_DIR}: a fresh run whose initial parameters are another
 * run's saved model. Step, optimizer state and early-stopping memory start afresh; a
 * WarmStarted event names the model, since config.yml alone no longer describes the start.
 */
final class WarmStart {

    private final Path modelFile;
    private final ModelFile.Loaded model;

    private WarmStart(Path modelFile, ModelFile.Loaded model) {
        this.modelFile = modelFile;
        this.model = model;
    }

    /** Reads RUN_DIR's model.json, checks that it fits the experiment's model and puts it into {@code training}. */
    static WarmStart from(Path runDir, Experiment exp, Training training) {
        Path file = RunFolder.open(runDir).file(RunFolder.MODEL);
        ModelFile.Loaded model = ModelFile.read(file);
        double[] theta = ModelFile.parametersFor(model, exp.model(), file);
        TrainingState fresh = training.exportState();
        training.restoreState(new TrainingState(0, theta, fresh.optimizer(), fresh.estimator(), fresh.stopping(), theta));
        return new WarmStart(file, model);
    }

    void record(RunFolder folder) {
        EventLog.append(folder.dir(), new RunEvent.WarmStarted(folder.runId(), System.currentTimeMillis(),
                modelFile.toString(), model.epoch(), model.sha256()));
    }
}
