package org.chemotaxis.cli;

import java.util.List;
import org.chemotaxis.config.BadInputException;
import org.chemotaxis.config.ConfigLoader;
import org.chemotaxis.config.ExperimentConfig;
import org.chemotaxis.report.RunFolder;
import org.chemotaxis.runtime.EventLog;
import org.chemotaxis.runtime.RunEvent;

/**
 * {@code train --resume RUN_DIR --set training.epochs=N}: the one change a resumed run accepts.
 * The new length goes into the run's config.yml and a RunExtended event, so the folder still
 * describes the run it holds; the learning-rate schedule follows the new length from the
 * checkpoint on, so the hash then identifies the longer run.
 */
final class RunExtension {

    static final String KEY = "training.epochs";

    private RunExtension() {
    }

    /** The stored config, or with its new length when the overrides give one; anything else is refused. */
    static ExperimentConfig apply(ExperimentConfig stored, List<String> overrides) {
        if (overrides.isEmpty()) {
            return stored;
        }
        for (String o : overrides) {
            if (!o.strip().startsWith(KEY + "=")) {
                throw new BadInputException("--resume continues a run as configured; only --set " + KEY
                        + "=N may change it, but got --set " + o);
            }
        }
        ExperimentConfig changed = ConfigLoader.applyOverrides(stored, overrides);
        return changed.training().epochs() == stored.training().epochs() ? stored : changed;
    }

    /** Checks the new length against the epochs done; called once the checkpoint is known to fit. */
    static void check(ExperimentConfig changed, long epochsDone) {
        if (changed.training().epochs() < epochsDone) {
            throw new BadInputException(KEY + " must be at least the " + epochsDone + " epochs done, but was "
                    + changed.training().epochs() + " (--set " + KEY + ")");
        }
    }

    /** Writes the new length into config.yml and the event log; called under the run's lock, before the run starts. */
    static void record(RunFolder folder, ExperimentConfig stored, ExperimentConfig changed, long epochsDone) {
        check(changed, epochsDone);
        folder.writeConfig(ConfigLoader.toYaml(changed));
        EventLog.append(folder.dir(), new RunEvent.RunExtended(folder.runId(), System.currentTimeMillis(), epochsDone,
                stored.training().epochs(), changed.training().epochs()));
    }
}
