package org.chemotaxis.kernel;

/**
 * The shared weights of a {@link RecurrentBlock} step: H hidden units, I inputs and the weight
 * matrices stored transposed, {@code wxT[c * H + i]} = w_xh(i, c) and {@code whT[j * H + i]} =
 * w_hh(i, j). The arrays are held, not copied: a kernel refills them when theta changes.
 */
public record RecurrentLayout(int hidden, int inputs, double[] wxT, double[] whT) {

    public RecurrentLayout {
        if (wxT.length < hidden * inputs || whT.length < hidden * hidden) {
            throw new IllegalArgumentException("weights too short for hidden " + hidden + ", inputs " + inputs
                    + ": wxT " + wxT.length + ", whT " + whT.length);
        }
    }
}
