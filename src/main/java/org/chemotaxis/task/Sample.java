package org.chemotaxis.task;

import java.util.Arrays;

/**
 * What one loss is measured on: the sequences of a batch (indices into a dataset) and/or a
 * seed for stochastic episodes. Small on purpose: it travels with every step to every worker.
 */
public record Sample(int[] indices, long seed) {

    public Sample {
        indices = indices.clone();
    }

    public static Sample of(int[] indices) {
        return new Sample(indices, 0L);
    }

    public static Sample ofSeed(long seed) {
        return new Sample(new int[0], seed);
    }

    @Override
    public int[] indices() {
        return indices.clone();
    }

    public int size() {
        return indices.length;
    }

    public int index(int i) {
        return indices[i];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Sample s && s.seed == seed && Arrays.equals(s.indices, indices);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(indices) + Long.hashCode(seed);
    }

    @Override
    public String toString() {
        return "Sample[indices=" + Arrays.toString(indices) + ", seed=" + seed + "]";
    }
}
