package org.chemotaxis.train;

import java.util.List;
import org.chemotaxis.perturb.StepKey;
import org.chemotaxis.task.Sample;

/** The work of one optimizer step: its key, its training sample and its perturbation tasks in index order. */
public record StepPlan(StepKey key, long epoch, int batchInEpoch, Sample sample, int indexCount, List<TaskRange> tasks) {

    public StepPlan {
        tasks = List.copyOf(tasks);
    }

    public long step() {
        return key.step();
    }
}
