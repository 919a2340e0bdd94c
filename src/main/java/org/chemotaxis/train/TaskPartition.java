package org.chemotaxis.train;

import java.util.ArrayList;
import java.util.List;

/** Cuts a step's perturbation indices into tasks of at most {@code taskSize} indices, in index order. */
public final class TaskPartition {

    private TaskPartition() {
    }

    public static List<TaskRange> split(int indexCount, int taskSize) {
        if (taskSize <= 0) {
            throw new IllegalArgumentException("task size must be > 0, but was " + taskSize + " (runtime.task_size)");
        }
        List<TaskRange> tasks = new ArrayList<>((indexCount + taskSize - 1) / taskSize);
        for (int from = 0, id = 0; from < indexCount; from += taskSize, id++) {
            tasks.add(new TaskRange(id, from, Math.min(indexCount, from + taskSize)));
        }
        return tasks;
    }
}
