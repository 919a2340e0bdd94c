package org.chemotaxis.optim;

/**
 * A first-order optimizer over a flat parameter vector. Buffers are allocated once in the
 * constructor (from the parameter count); {@link #step} updates theta in place.
 */
public interface Optimizer {

    /** The config name: sgd, momentum, nesterov, rmsprop, adam or clipup. */
    String name();

    /**
     * One update. Modifies {@code theta} in place; reads {@code grad} without modifying it.
     * The two must not alias.
     *
     * @param lr the learning rate of this step (from the schedule)
     */
    void step(double[] theta, double[] grad, double lr);

    /** Number of steps taken so far. */
    long steps();

    /** A deep copy of everything the next step depends on. */
    OptimizerState exportState();

    /** Restores an exported state exactly; the next step is bit-identical to the one the exporter would have taken. */
    void restoreState(OptimizerState state);
}
