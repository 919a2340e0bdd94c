package org.chemotaxis.train;

/** Where a coordinator keeps what must survive it: checkpoints and the final model. */
public interface RunRecorder {

    /** Writes a checkpoint atomically; returns where (for the event). */
    String checkpoint(TrainingState state, long epochsDone);

    /** Writes the model to keep (atomically); returns where. */
    String model(double[] theta, long epoch, double validationLoss);
}
