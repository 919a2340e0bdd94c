package org.chemotaxis.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.chemotaxis.config.BadInputException;
import org.chemotaxis.config.ExperimentConfig;
import org.chemotaxis.report.CheckpointCodec;
import org.chemotaxis.report.EventHistory;
import org.chemotaxis.report.FileProblems;
import org.chemotaxis.report.ModelFile;
import org.chemotaxis.report.RunFolder;
import org.chemotaxis.runtime.EventLog;
import org.chemotaxis.train.Training;
import org.chemotaxis.train.TrainingState;

/**
 * What {@code train --resume} checks beyond each file's own integrity (the checkpoint's hash, the
 * config's rules): that checkpoint, config and events tell one story. A checkpoint is written at
 * the end of an epoch, before that epoch's events, so its step is its epochs times the steps per
 * epoch, the optimizer has taken as many steps (none when the estimator moves its mean itself), and no event records an epoch it has not done or
 * another step for its last epoch. A checkpoint whose step was edited, or one copied in from
 * another point of the run, fails here instead of yielding another run.
 */
final class ResumeCheck {

    private ResumeCheck() {
    }

    static void consistent(RunFolder folder, ExperimentConfig stored, CheckpointCodec.Decoded checkpoint,
                           Training training, EventHistory.Read history) {
        Path file = folder.file(RunFolder.CHECKPOINT);
        TrainingState s = checkpoint.state();
        long epochs = checkpoint.epochsDone();
        long perEpoch = training.stepsPerEpoch();
        String where = "checkpoint " + file + ": ";
        if (epochs > stored.training().epochs()) {
            throw new BadInputException(where + "epochs_done " + epochs + " exceeds the run's training.epochs "
                    + stored.training().epochs() + " (" + folder.file(RunFolder.CONFIG) + ")");
        }
        if (s.step() != epochs * perEpoch) {
            throw new BadInputException(where + "step " + s.step() + " does not fit epochs_done " + epochs + " at "
                    + perEpoch + " steps per epoch (edited, or from another config?)");
        }
        // a distribution that moves its mean itself (snes, cmaes) never steps the optimizer
        long optimizerSteps = training.estimator().takesOwnStep() ? 0 : s.step();
        if (s.optimizer().steps() != optimizerSteps) {
            throw new BadInputException(where + "the optimizer has taken " + s.optimizer().steps()
                    + " steps, but step is " + s.step() + (optimizerSteps == 0 ? " and " + training.estimator().name()
                    + " takes no optimizer steps" : "") + " (edited?)");
        }
        if (s.stopping().bestEpoch() >= epochs || s.stopping().epochsWithoutImprovement() > epochs) {
            throw new BadInputException(where + "the early-stopping memory (best_epoch " + s.stopping().bestEpoch()
                    + ", epochs_without_improvement " + s.stopping().epochsWithoutImprovement() + ") does not fit "
                    + epochs + " epochs done");
        }
        Path events = folder.file(RunFolder.EVENTS);
        for (JsonNode e : history.events()) {
            String type = e.path("event").asText();
            long epoch = e.path("epoch").asLong(-1);
            if (type.equals("EpochEnded") && epoch >= epochs) {
                throw new BadInputException(where + "it has " + epochs + " epochs done, but " + events
                        + " records epoch " + (epoch + 1) + ": the checkpoint is older than the run's events");
            }
            if (type.equals("Checkpointed") && epoch == epochs - 1 && e.path("step").asLong(-1) != s.step()) {
                throw new BadInputException(where + "step " + s.step() + " after epoch " + epochs + ", but " + events
                        + " records step " + e.path("step").asLong(-1) + " there");
            }
        }
    }

    /**
     * Whether model.json lags the checkpoint's best epoch: the checkpoint is written first, so a
     * write that failed after it (a full disk) or a kill in between leaves the older best model;
     * the resume writes it again from the checkpoint's best parameters. A model.json that cannot
     * be read counts as behind: the run's own file, rewritten from the checkpoint.
     */
    static boolean modelBehind(RunFolder folder, CheckpointCodec.Decoded checkpoint) {
        long best = checkpoint.state().stopping().bestEpoch();
        if (best < 0 || checkpoint.epochsDone() == 0) {
            return false;
        }
        Path file = folder.file(RunFolder.MODEL);
        if (!Files.exists(file)) {
            return true;
        }
        try {
            return ModelFile.read(file).epoch() != best;
        } catch (BadInputException e) {
            return true;
        }
    }

    /** metrics.csv, when there is one, is this project's table: it begins with the header the run wrote. */
    static void metrics(RunFolder folder) {
        Path file = folder.file(RunFolder.METRICS);
        if (!Files.exists(file)) {
            return;
        }
        FileProblems.requireReadableFile(file, "metrics table");
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(EventLog.METRICS_HEADER.length() + 1);
        } catch (IOException e) {
            throw new BadInputException("cannot read metrics table " + file + ": " + FileProblems.why(e));
        }
        String text = new String(head, StandardCharsets.UTF_8);
        if (head.length > 0 && !text.equals(EventLog.METRICS_HEADER + "\n")) {
            throw new BadInputException("metrics table " + file + " does not begin with the line '"
                    + EventLog.METRICS_HEADER + "': not this run's table; restore it, or remove it");
        }
    }
}
