package org.chemotaxis.train;

/**
 * The one rule for how many perturbation indices a task holds, whoever evaluates the tasks (this
 * thread, a thread pool, actors on many machines). The size changes only the speed, never a
 * number: each index's value depends on the index alone.
 */
public final class TaskSizing {

    /** The largest automatic task: its result message is at most ~37 KB. */
    public static final int MAX_AUTO_TASK_SIZE = 4096;

    /** Tasks per worker per step that the automatic size aims at: enough for a fast worker to take more. */
    static final int TASKS_PER_WORKER = 4;

    private TaskSizing() {
    }

    /**
     * @param configured a size > 0 wins (runtime.task_size); 0 means automatic
     * @param indexCount the step's perturbation indices
     * @param workers    workers sharing the step (at least 1 is assumed)
     */
    public static int taskSize(int configured, int indexCount, int workers) {
        if (configured > 0) {
            return configured;
        }
        long w = Math.max(1, workers);
        long perTask = (indexCount + TASKS_PER_WORKER * w - 1) / (TASKS_PER_WORKER * w);
        return (int) Math.max(1, Math.min(MAX_AUTO_TASK_SIZE, perTask));
    }
}
