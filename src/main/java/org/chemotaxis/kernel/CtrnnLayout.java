package org.chemotaxis.kernel;

/**
 * The shared weights of a {@link CtrnnBlock} step: N neurons, I inputs, {@code vT[c * N + i]} =
 * v(i, c) and {@code w[j * N + i]} = w_ji. The arrays are held, not copied: a kernel refills them
 * when theta changes.
 */
public record CtrnnLayout(int neurons, int inputs, double[] vT, double[] w) {

    public CtrnnLayout {
        if (vT.length < neurons * inputs || w.length < neurons * neurons) {
            throw new IllegalArgumentException("weights too short for neurons " + neurons + ", inputs " + inputs
                    + ": vT " + vT.length + ", w " + w.length);
        }
    }
}
