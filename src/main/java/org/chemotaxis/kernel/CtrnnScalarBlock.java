package org.chemotaxis.kernel;

/**
 * {@link CtrnnBlock} in plain Java: the reference arithmetic, and the fallback when the JDK's
 * vector module is not present. Every other implementation must give its exact bits. The sums
 * run in axpy form (one input or source neuron at a time over all N targets), the loop order of
 * {@code CtrnnModel.step}; each target's sum still adds its terms in the contract's order.
 */
public final class CtrnnScalarBlock implements CtrnnBlock {

    public static final CtrnnScalarBlock INSTANCE = new CtrnnScalarBlock();

    private CtrnnScalarBlock() {
    }

    @Override
    public void step(int neurons, int inputs, int rows,
                     double[] yPrev, double[] sPrev, int prevOff, double[] yNext, double[] sNext, int nextOff,
                     double[] x, int xOff, double[] vT, double[] w, int ovCol, int ovRow, double[] ov, int ovOff,
                     double[] gain, int gainOff, double[] bias, int biasOff) {
        final int N = neurons;
        final int I = inputs;
        for (int r = 0; r < rows; r++) {
            final int p = prevOff + r * N;
            final int n = nextOff + r * N;
            final int xr = xOff + r * I;
            // yNext holds the bracket f until the Euler update replaces it.
            for (int i = 0; i < N; i++) {
                yNext[n + i] = -yPrev[p + i];
            }
            for (int c = 0; c < I; c++) {
                final boolean o = c == ovCol;
                final double[] wa = o ? ov : vT;
                final int wo = o ? ovOff : c * N;
                final double xc = x[xr + c];
                for (int i = 0; i < N; i++) {
                    yNext[n + i] += wa[wo + i] * xc;
                }
            }
            for (int j = 0; j < N; j++) {
                final boolean o = j == ovRow;
                final double[] wa = o ? ov : w;
                final int wo = o ? ovOff : j * N;
                final double sj = sPrev[p + j];
                for (int i = 0; i < N; i++) {
                    yNext[n + i] += wa[wo + i] * sj;
                }
            }
            finish(N, yPrev, p, yNext, sNext, n, gain, gainOff, bias, biasOff, 0);
        }
    }

    /** The Euler update and sigma of one row's units from {@code i0} on, yNext holding f. */
    static void finish(int N, double[] yPrev, int p, double[] yNext, double[] sNext, int n,
                       double[] gain, int gainOff, double[] bias, int biasOff, int i0) {
        for (int i = i0; i < N; i++) {
            final double y = yPrev[p + i] + gain[gainOff + i] * yNext[n + i];
            yNext[n + i] = y;
            sNext[n + i] = Logistic.sigma(y + bias[biasOff + i]);
        }
    }

    /** Unit i's bracket f for one row, in the contract's order (for the vector block's tail units). */
    static double bracket(int N, int I, int i, double[] yPrev, double[] sPrev, int p, double[] x, int xr,
                          double[] vT, double[] w, int ovCol, int ovRow, double[] ov, int ovOff) {
        double f = -yPrev[p + i];
        for (int c = 0; c < I; c++) {
            f += (c == ovCol ? ov[ovOff + i] : vT[c * N + i]) * x[xr + c];
        }
        for (int j = 0; j < N; j++) {
            f += (j == ovRow ? ov[ovOff + i] : w[j * N + i]) * sPrev[p + j];
        }
        return f;
    }

    @Override
    public String name() {
        return "scalar";
    }
}
