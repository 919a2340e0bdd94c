package org.chemotaxis.kernel;

import org.chemotaxis.math.Tanh;

/**
 * {@link RecurrentBlock} in plain Java: the reference arithmetic, and the fallback when the
 * JDK's vector module is not present. Every other implementation must give its exact bits.
 */
public final class ScalarBlock implements RecurrentBlock {

    public static final ScalarBlock INSTANCE = new ScalarBlock();

    private ScalarBlock() {
    }

    @Override
    public void step(RecurrentLayout layout, Substitution copy, int rows,
                     double[] hPrev, int prevOff, double[] hNext, int nextOff, double[] x, int xOff) {
        final int H = layout.hidden();
        final int I = layout.inputs();
        for (int r = 0; r < rows; r++) {
            final int hp = prevOff + r * H;
            final int hn = nextOff + r * H;
            final int xr = xOff + r * I;
            for (int i = 0; i < H; i++) {
                hNext[hn + i] = Tanh.tanh(preActivation(layout, copy, i, hPrev, hp, x, xr));
            }
        }
    }

    /** Unit i's pre-activation for one row, in the order that every implementation follows. */
    static double preActivation(RecurrentLayout layout, Substitution copy, int i, double[] hPrev, int hp,
                                double[] x, int xr) {
        final int H = layout.hidden();
        final int I = layout.inputs();
        final double[] wxT = layout.wxT();
        final double[] whT = layout.whT();
        final int ovCol = copy.column();
        final int ovRow = copy.row();
        final double[] ov = copy.vector();
        final int ovOff = copy.vectorOffset();
        double a = copy.bias()[copy.biasOffset() + i];
        for (int c = 0; c < I; c++) {
            final double w = c == ovCol ? ov[ovOff + i] : wxT[c * H + i];
            a += w * x[xr + c];
        }
        for (int j = 0; j < H; j++) {
            final double w = j == ovRow ? ov[ovOff + i] : whT[j * H + i];
            a += w * hPrev[hp + j];
        }
        return a;
    }

    @Override
    public String name() {
        return "scalar";
    }
}
