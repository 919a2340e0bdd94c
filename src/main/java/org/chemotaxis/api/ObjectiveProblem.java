package org.chemotaxis.api;

/**
 * Any loss of a recurrent network: the problem runs the {@link Network} it is handed on inputs of
 * its own choosing and says how good the outputs were. For sequence regression, system
 * identification, or a simulator that wants to drive the network itself.
 */
public non-sealed interface ObjectiveProblem extends Problem {

    /** Doubles the network reads each step. */
    int inputSize();

    /** Doubles the network writes each step. */
    int outputSize();

    /**
     * The loss of {@code network} on the sample that {@code key} names; lower is better, finite.
     * Called from many threads at once, each with its own network; must not keep state between
     * calls other than buffers it owns per thread.
     */
    double loss(Network network, SampleKey key);

    /**
     * The losses of every copy of {@code network} on the sample {@code key} names: {@code out[c]}
     * for copy c, each exactly what {@link #loss} gives for that copy alone. The project calls
     * this to score many perturbations of one step together; a problem whose items can be shared
     * between copies (the same episode start, the same noise) overrides it to compute that once
     * and step all copies in one batch ({@code rows = copies x items}, copy-major). The default
     * scores the copies one after another.
     */
    default void losses(Network network, SampleKey key, double[] out) {
        for (int c = 0; c < network.copies(); c++) {
            out[c] = loss(network.copy(c), key);
        }
    }
}
