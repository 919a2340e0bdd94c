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
}
