package org.chemotaxis.train;

import java.util.ArrayList;
import java.util.List;

/** Cuts a step's perturbation indices into tasks of at most {@code taskSize} indices, in index order. */
public final class TaskPartition {

    private TaskPartition() {
    }

    public static List<TaskRange> split(int indexCount, int taskSize) {
        if (taskSize <= 0) {
            throw new IllegalArgumentException("task size must be > 0, but was " + taskSize);
        }
        // long arithmetic: a task size of Integer.MAX_VALUE means "one task"
        List<TaskRange> tasks = new ArrayList<>((int) ((indexCount + (long) taskSize - 1) / taskSize));
        int id = 0;
        for (long from = 0; from < indexCount; from += taskSize, id++) {
            tasks.add(new TaskRange(id, (int) from, (int) Math.min(indexCount, from + taskSize)));
        }
        return tasks;
    }
}
