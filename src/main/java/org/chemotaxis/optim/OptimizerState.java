package org.chemotaxis.optim;

import java.util.LinkedHashMap;
import java.util.Map;

/** The state of an optimizer for checkpoints: its type, step count and named buffers (copied). */
public record OptimizerState(String type, long steps, Map<String, double[]> buffers) {

    public OptimizerState {
        Map<String, double[]> copy = new LinkedHashMap<>();
        buffers.forEach((k, v) -> copy.put(k, v.clone()));
        buffers = java.util.Collections.unmodifiableMap(copy);
    }

    /** A copy of one buffer. */
    public double[] buffer(String name) {
        double[] b = buffers.get(name);
        if (b == null) {
            throw new IllegalArgumentException("optimizer state of " + type + " has no buffer '" + name + "'");
        }
        return b.clone();
    }
}
