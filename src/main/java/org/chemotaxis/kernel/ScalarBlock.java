package org.chemotaxis.kernel;

/**
 * {@link RecurrentBlock} in plain Java: the reference arithmetic, and the fallback when the
 * JDK's vector module is not present. Every other implementation must give its exact bits.
 */
public final class ScalarBlock implements RecurrentBlock {

    public static final ScalarBlock INSTANCE = new ScalarBlock();

    private ScalarBlock() {
    }

    @Override
    public void step(int hidden, int inputs, int rows,
                     double[] hPrev, int prevOff, double[] hNext, int nextOff, double[] x, int xOff,
                     double[] bias, int biasOff, double[] wxT, double[] whT,
                     int ovCol, int ovRow, double[] ov, int ovOff) {
        final int H = hidden;
        final int I = inputs;
        for (int r = 0; r < rows; r++) {
            final int hp = prevOff + r * H;
            final int hn = nextOff + r * H;
            final int xr = xOff + r * I;
            for (int i = 0; i < H; i++) {
                hNext[hn + i] = Tanh.tanh(preActivation(H, I, i, hPrev, hp, x, xr, bias, biasOff, wxT, whT,
                        ovCol, ovRow, ov, ovOff));
            }
        }
    }

    /** Unit i's pre-activation for one row, in the order that every implementation follows. */
    static double preActivation(int H, int I, int i, double[] hPrev, int hp, double[] x, int xr,
                                double[] bias, int biasOff, double[] wxT, double[] whT,
                                int ovCol, int ovRow, double[] ov, int ovOff) {
        double a = bias[biasOff + i];
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
