package org.chemotaxis.train;

import org.chemotaxis.task.Sample;

/**
 * Which sample each optimizer step trains on, as a pure function of (epoch, batch): any machine
 * can recompute it, and a resumed run continues with the same batches.
 */
public interface SampleSource {

    /** Optimizer steps in one epoch. */
    int stepsPerEpoch();

    /** The sample of step {@code batch} (0-based) of epoch {@code epoch} (0-based). */
    Sample train(long epoch, int batch);

    /** The fixed validation sample. */
    Sample validation();
}
