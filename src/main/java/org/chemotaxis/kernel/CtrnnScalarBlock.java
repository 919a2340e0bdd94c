package org.chemotaxis.kernel;

/**
 * {@link CtrnnBlock} in plain Java: the reference arithmetic, and the fallback when the JDK's
 * vector module is not present. Every other implementation must give its exact bits. Each
 * target's sum is one chain of adds in the contract's order, four rows side by side.
 */
public final class CtrnnScalarBlock implements CtrnnBlock {

    public static final CtrnnScalarBlock INSTANCE = new CtrnnScalarBlock();

    private CtrnnScalarBlock() {
    }

    @Override
    public void step(CtrnnLayout layout, Substitution copy, int rows,
                     double[] yPrev, double[] sPrev, int prevOff, double[] yNext, double[] sNext, int nextOff,
                     double[] x, int xOff) {
        final int N = layout.neurons();
        final int I = layout.inputs();
        int r = 0;
        for (; r + 4 <= rows; r += 4) {
            final int p = prevOff + r * N;
            final int n = nextOff + r * N;
            final int xr = xOff + r * I;
            for (int i = 0; i < N; i++) {
                bracket4(layout, copy, i, yPrev, sPrev, p, yNext, n, x, xr);
            }
            for (int q = 0; q < 4; q++) {
                finish(N, copy, yPrev, p + q * N, yNext, sNext, n + q * N, 0);
            }
        }
        for (; r < rows; r++) {
            final int p = prevOff + r * N;
            final int n = nextOff + r * N;
            final int xr = xOff + r * I;
            for (int i = 0; i < N; i++) {
                yNext[n + i] = bracket(layout, copy, i, yPrev, sPrev, p, x, xr);
            }
            finish(N, copy, yPrev, p, yNext, sNext, n, 0);
        }
    }

    /**
     * Unit i's bracket f for four consecutive rows into yNext: four independent chains of adds
     * keep the floating-point units busy where one row's chain would wait on each add.
     */
    private static void bracket4(CtrnnLayout layout, Substitution copy, int i, double[] yPrev, double[] sPrev, int p,
                                 double[] yNext, int n, double[] x, int xr) {
        final int N = layout.neurons();
        final int I = layout.inputs();
        final double[] vT = layout.vT();
        final double[] w = layout.w();
        final int ovCol = copy.column();
        final int ovRow = copy.row();
        final double[] ov = copy.vector();
        final int ovOff = copy.vectorOffset();
        double f0 = -yPrev[p + i];
        double f1 = -yPrev[p + N + i];
        double f2 = -yPrev[p + 2 * N + i];
        double f3 = -yPrev[p + 3 * N + i];
        for (int c = 0; c < I; c++) {
            final double wc = c == ovCol ? ov[ovOff + i] : vT[c * N + i];
            f0 += wc * x[xr + c];
            f1 += wc * x[xr + I + c];
            f2 += wc * x[xr + 2 * I + c];
            f3 += wc * x[xr + 3 * I + c];
        }
        for (int j = 0; j < N; j++) {
            final double wj = j == ovRow ? ov[ovOff + i] : w[j * N + i];
            f0 += wj * sPrev[p + j];
            f1 += wj * sPrev[p + N + j];
            f2 += wj * sPrev[p + 2 * N + j];
            f3 += wj * sPrev[p + 3 * N + j];
        }
        yNext[n + i] = f0;
        yNext[n + N + i] = f1;
        yNext[n + 2 * N + i] = f2;
        yNext[n + 3 * N + i] = f3;
    }

    /** The Euler update and sigma of one row's units from {@code i0} on, yNext holding f. */
    static void finish(int N, Substitution copy, double[] yPrev, int p, double[] yNext, double[] sNext, int n, int i0) {
        final double[] gain = copy.gain();
        final int gainOff = copy.gainOffset();
        final double[] bias = copy.bias();
        final int biasOff = copy.biasOffset();
        for (int i = i0; i < N; i++) {
            final double y = yPrev[p + i] + gain[gainOff + i] * yNext[n + i];
            yNext[n + i] = y;
            sNext[n + i] = Logistic.sigma(y + bias[biasOff + i]);
        }
    }

    /** Unit i's bracket f for one row, in the contract's order (for the vector block's tail units). */
    static double bracket(CtrnnLayout layout, Substitution copy, int i, double[] yPrev, double[] sPrev, int p,
                          double[] x, int xr) {
        final int N = layout.neurons();
        final int I = layout.inputs();
        final double[] vT = layout.vT();
        final double[] w = layout.w();
        final int ovCol = copy.column();
        final int ovRow = copy.row();
        final double[] ov = copy.vector();
        final int ovOff = copy.vectorOffset();
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
