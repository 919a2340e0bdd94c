package org.chemotaxis.api;

/**
 * The network being trained, as a problem sees it: a batch of independent rows that step in
 * lockstep, each row a network of its own state. Arrays are row-major: {@code input[row *
 * inputSize() + i]}.
 *
 * <p>A network may hold several parameter vectors ({@link #copies()}), when the project scores
 * several perturbations at once ({@link ObjectiveProblem#losses}): the rows then come in as many
 * equal blocks, block c steered by parameter vector c.
 */
public interface Network {

    int inputSize();

    int outputSize();

    /**
     * The parameter vectors this network holds: 1, or more in {@link ObjectiveProblem#losses}.
     */
    default int copies() {
        return 1;
    }

    /**
     * The network of parameter vector {@code copy} alone (a network with one copy, its own
     * state); the network itself if it has one copy.
     */
    default Network copy(int copy) {
        if (copy != 0 || copies() != 1) {
            throw new IndexOutOfBoundsException("copy " + copy + " of " + copies());
        }
        return this;
    }

    /**
     * Sets {@code rows} rows to their initial state; must be called before the first {@link #step}.
     * With several copies, rows must be a multiple of {@link #copies()}: rows
     * {@code c * rows / copies .. (c + 1) * rows / copies - 1} run copy c.
     */
    void reset(int rows);

    /**
     * One time step of every row.
     *
     * @param input  rows x inputSize (read)
     * @param output rows x outputSize (written)
     */
    void step(double[] input, double[] output);
}
