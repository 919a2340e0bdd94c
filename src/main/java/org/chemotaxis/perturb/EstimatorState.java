package org.chemotaxis.perturb;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The part of an estimator that changes from step to step: the search distribution's own state
 * (PGPE's and SNES's sigma per parameter; CMA-ES's step size, evolution paths, covariance and its
 * eigendecomposition), as named buffers, like an optimizer's. The estimators themselves stay
 * immutable: {@link GradientEstimator#adapt} returns the next state, Training owns the current one
 * and checkpoints it, so a resumed run continues bit for bit. Immutable (buffers are copied in and out).
 *
 * @param type    the estimator's name, or "none" for estimators whose distribution does not adapt
 * @param buffers named vectors; a scalar is a buffer of length 1
 */
public record EstimatorState(String type, Map<String, double[]> buffers) {

    /** The state of every estimator whose distribution does not adapt. */
    public static final EstimatorState NONE = new EstimatorState("none", Map.of());

    public EstimatorState {
        Map<String, double[]> copy = new LinkedHashMap<>();
        buffers.forEach((k, v) -> copy.put(k, v.clone()));
        buffers = Collections.unmodifiableMap(copy);
    }

    /** A copy of one buffer. */
    public double[] buffer(String name) {
        double[] b = buffers.get(name);
        if (b == null) {
            throw new IllegalArgumentException("estimator state of " + type + " has no buffer '" + name + "'");
        }
        return b.clone();
    }

    /** The single value of a buffer of length 1. */
    public double scalar(String name) {
        double[] b = buffers.get(name);
        if (b == null || b.length != 1) {
            throw new IllegalArgumentException("estimator state of " + type + " has no scalar '" + name + "'");
        }
        return b[0];
    }

    /**
     * Checks that {@code this} (read from a checkpoint) can stand in for {@code expected} (a fresh
     * run's state): same type, same buffer names and lengths.
     *
     * @throws IllegalArgumentException naming the first difference
     */
    public void requireShapeOf(EstimatorState expected) {
        if (!type.equals(expected.type)) {
            throw new IllegalArgumentException("the checkpoint holds estimator state '" + type + "', but the run's "
                    + "estimator needs '" + expected.type + "'" + (type.equals("none")
                    ? " (a checkpoint written before estimators kept state cannot continue an adaptive estimator)" : ""));
        }
        if (!buffers.keySet().equals(expected.buffers.keySet())) {
            throw new IllegalArgumentException("estimator state " + type + " must have buffers "
                    + expected.buffers.keySet() + ", but had " + buffers.keySet());
        }
        for (Map.Entry<String, double[]> e : buffers.entrySet()) {
            int want = expected.buffers.get(e.getKey()).length;
            if (e.getValue().length != want) {
                throw new IllegalArgumentException("estimator state buffer '" + e.getKey() + "' has length "
                        + e.getValue().length + ", expected " + want);
            }
        }
    }

    /**
     * Checks that every entry of a buffer is > 0 (a standard deviation, a step size).
     *
     * @throws IllegalArgumentException naming the buffer and the first entry that is not
     */
    public void requirePositive(String name) {
        double[] b = buffers.get(name);
        for (int i = 0; i < b.length; i++) {
            if (!(b[i] > 0)) {
                throw new IllegalArgumentException("estimator state " + type + ": entry " + i + " of '" + name
                        + "' is " + b[i] + ", but must be > 0");
            }
        }
    }

    /** One entry of a buffer. */
    public record Entry(String buffer, int index, double value) {
    }

    /** The first buffer entry that is NaN or infinite, or null when all are finite. */
    public Entry firstNonFinite() {
        for (Map.Entry<String, double[]> e : buffers.entrySet()) {
            double[] b = e.getValue();
            for (int i = 0; i < b.length; i++) {
                if (!Double.isFinite(b[i])) {
                    return new Entry(e.getKey(), i, b[i]);
                }
            }
        }
        return null;
    }
}
