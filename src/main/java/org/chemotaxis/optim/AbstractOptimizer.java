package org.chemotaxis.optim;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What every optimizer here shares: the parameter count, the step counter, argument checks and
 * the copying of named buffers in and out of an {@link OptimizerState}. Subclasses allocate
 * their buffers once in the constructor and register them with {@link #buffer}.
 */
abstract class AbstractOptimizer implements Optimizer {

    protected final int parameterCount;
    protected final double weightDecay;
    private final Map<String, double[]> buffers = new LinkedHashMap<>();
    private long steps;

    AbstractOptimizer(int parameterCount, double weightDecay) {
        if (parameterCount <= 0) {
            throw new IllegalArgumentException("parameterCount must be > 0, but was " + parameterCount);
        }
        OptimizerSettings.requireNonNegative("weightDecay", weightDecay);
        this.parameterCount = parameterCount;
        this.weightDecay = weightDecay;
    }

    /** Allocates a zeroed buffer of the parameter count that is exported and restored under {@code name}. */
    protected final double[] buffer(String name) {
        double[] b = new double[parameterCount];
        buffers.put(name, b);
        return b;
    }

    @Override
    public final void step(double[] theta, double[] grad, double lr) {
        if (theta.length != parameterCount || grad.length != parameterCount) {
            throw new IllegalArgumentException(name() + " expects " + parameterCount
                    + " parameters, but theta has " + theta.length + " and grad " + grad.length);
        }
        if (theta == grad) {
            throw new IllegalArgumentException("theta and grad must not be the same array");
        }
        if (!(lr >= 0.0 && lr < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("lr must be finite and >= 0, but was " + lr);
        }
        steps++;
        update(theta, grad, lr, steps);
    }

    /**
     * The update proper; {@code t} is the 1-based number of this step. Modifies theta and the
     * buffers; must not modify grad.
     */
    protected abstract void update(double[] theta, double[] grad, double lr, long t);

    @Override
    public final long steps() {
        return steps;
    }

    @Override
    public final OptimizerState exportState() {
        return new OptimizerState(name(), steps, buffers);
    }

    /**
     * Copies the state's buffers into this optimizer's own (no reallocation). Checks everything
     * before changing anything, so a rejected state leaves this optimizer as it was.
     */
    @Override
    public final void restoreState(OptimizerState state) {
        if (!name().equals(state.type())) {
            throw new IllegalArgumentException(
                    "cannot restore a '" + state.type() + "' optimizer state into a '" + name() + "' optimizer");
        }
        if (state.steps() < 0) {
            throw new IllegalArgumentException("optimizer state has a negative step count: " + state.steps());
        }
        if (!state.buffers().keySet().equals(buffers.keySet())) {
            throw new IllegalArgumentException("a state of type " + name() + " must have buffers "
                    + buffers.keySet() + ", but had " + state.buffers().keySet());
        }
        for (Map.Entry<String, double[]> e : state.buffers().entrySet()) {
            if (e.getValue().length != parameterCount) {
                throw new IllegalArgumentException("optimizer state buffer '" + e.getKey() + "' has length "
                        + e.getValue().length + ", but this " + name() + " optimizer has " + parameterCount
                        + " parameters");
            }
        }
        for (Map.Entry<String, double[]> e : state.buffers().entrySet()) {
            double[] own = buffers.get(e.getKey());
            System.arraycopy(e.getValue(), 0, own, 0, parameterCount);
        }
        steps = state.steps();
    }

    /** The number of parameters this optimizer was built for. */
    public final int parameterCount() {
        return parameterCount;
    }

    @Override
    public String toString() {
        return name() + "(parameters=" + parameterCount + ", steps=" + steps + ")";
    }
}
