package org.chemotaxis.train;

/** Where a coordinator keeps what must survive it: checkpoints and the final model. */
public interface RunRecorder {

    /**
     * Writes a checkpoint atomically; returns where (for the event). {@code epochRecord} (may be
     * null) is the record of the epoch it completes, one JSON line, kept with it so that a resume
     * can complete the run's event files if they lost it (a full disk).
     */
    String checkpoint(TrainingState state, long epochsDone, String epochRecord);

    /** Writes the model to keep (atomically); returns where. */
    String model(double[] theta, long epoch, double validationLoss);
}
