package org.chemotaxis.train;

/**
 * Evaluates the perturbation tasks of one step, each task's values at their own indices, so the
 * values (and so the update) are the same whoever computed which task. Implementations: this
 * thread ({@link SameThreadFanOut}) and a thread pool ({@link ThreadPoolFanOut}), both driven by
 * {@link Trainer}; the actor runtime is the third, message-driven form of the same contract
 * (its Coordinator hands the tasks of {@link Training#planStep} to workers through a
 * StepScheduler), with the same {@link TaskSizing} rule.
 */
public interface FanOut extends AutoCloseable {

    /** Workers that share a step, for {@link TaskSizing}. */
    int workers();

    /**
     * Starts evaluating every task of {@code plan} at {@code theta} into {@code values} (all of the
     * plan's indices); the caller may do other work (measure the unperturbed loss) before
     * {@link Pending#await()}. Neither array may change until then.
     */
    Pending start(StepPlan plan, double[] theta, double[] values);

    /** A step's tasks under way. */
    interface Pending {
        /** Returns when every value is written; a task's exception is rethrown as an IllegalStateException. */
        void await();
    }

    /** Evaluates everything and waits. */
    default void evaluate(StepPlan plan, double[] theta, double[] values) {
        start(plan, theta, values).await();
    }

    @Override
    void close();
}
