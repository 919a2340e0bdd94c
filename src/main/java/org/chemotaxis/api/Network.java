package org.chemotaxis.api;

/**
 * The network being trained, as a problem sees it: a batch of independent copies (rows) that step
 * in lockstep. Arrays are row-major: {@code input[row * inputSize() + i]}.
 */
public interface Network {

    int inputSize();

    int outputSize();

    /** Sets {@code rows} copies to their initial state; must be called before the first {@link #step}. */
    void reset(int rows);

    /**
     * One time step of every row.
     *
     * @param input  rows x inputSize (read)
     * @param output rows x outputSize (written)
     */
    void step(double[] input, double[] output);
}
