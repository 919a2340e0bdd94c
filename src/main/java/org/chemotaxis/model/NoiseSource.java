package org.chemotaxis.model;

/** Per-time-step values at the units' noise sites (node perturbation), regenerated on demand. */
@FunctionalInterface
public interface NoiseSource {
    /** Writes the values of time step {@code t} into {@code out} (batch x noiseSize). Called with t = 0, 1, 2, ... in order. */
    void fill(int t, double[] out);
}
