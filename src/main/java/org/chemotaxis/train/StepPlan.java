package org.chemotaxis.train;

import java.util.List;
import org.chemotaxis.perturb.StepKey;
import org.chemotaxis.task.Sample;

/**
 * The work of one optimizer step: its key, its training sample and its perturbation tasks in index
 * order; each index yields {@code valuesPerIndex} values, so the step has {@link #valueCount} of
 * them. {@code scale} is what the workers need of the estimator's adaptive state to regenerate the
 * step's perturbations (empty for most estimators); it travels with theta, and must not be modified.
 */
public record StepPlan(StepKey key, long epoch, int batchInEpoch, Sample sample, int indexCount, int valuesPerIndex,
                       double[] scale, List<TaskRange> tasks) {

    public StepPlan {
        if (valuesPerIndex < 1) {
            throw new IllegalArgumentException("valuesPerIndex must be >= 1, but was " + valuesPerIndex);
        }
        tasks = List.copyOf(tasks);
        scale = scale.clone();
    }

    /** A step of an estimator with one value per index and no adaptive state. */
    public StepPlan(StepKey key, long epoch, int batchInEpoch, Sample sample, int indexCount, List<TaskRange> tasks) {
        this(key, epoch, batchInEpoch, sample, indexCount, 1, new double[0], tasks);
    }

    public long step() {
        return key.step();
    }

    /** Values of the whole step: indexCount * valuesPerIndex. */
    public int valueCount() {
        return indexCount * valuesPerIndex;
    }
}
