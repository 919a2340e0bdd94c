package org.chemotaxis.kernel;

/**
 * One Euler step of a CTRNN for a block of rows that share their weights, except for at most one
 * replaced weight vector, gain vector or bias vector (what a per-weight perturbation changes):
 * <pre>
 *   f[r][i]     = -y[r][i] + sum_c vT[c][i] x[r][c] + sum_j w[j][i] s[r][j]
 *   yNext[r][i] = y[r][i] + gain[i] * f[r][i]
 *   sNext[r][i] = sigma(yNext[r][i] + bias[i])
 * </pre>
 * with s = sigma(y + bias) of the previous step, the sums taken in exactly this order (c = 0 ..
 * I-1, then j = 0 .. N-1), one rounding per multiply and per add, and sigma {@link Logistic#sigma}:
 * the arithmetic of {@code CtrnnModel.step} with gain = dt * exp(-log tau). So every
 * implementation gives the same bits, and a row's result does not depend on its neighbours.
 *
 * <p>Weights are stored so that for fixed c or j the N targets read consecutive doubles (see
 * {@link CtrnnLayout}). The {@link Substitution} gives the gain and bias vectors and the replaced
 * column of vT or row of w, if any.
 *
 * <p>Implementations are stateless and thread-safe.
 */
public interface CtrnnBlock {

    /**
     * Advances {@code rows} rows: row r reads {@code yPrev[prevOff + r*N ..+N)},
     * {@code sPrev[prevOff + r*N ..+N)} and {@code x[xOff + r*I ..+I)} and writes
     * {@code yNext[nextOff + r*N ..+N)} and {@code sNext[nextOff + r*N ..+N)}. Only the written
     * ranges are modified; they must not overlap each other or any range read.
     */
    void step(CtrnnLayout layout, Substitution copy, int rows,
              double[] yPrev, double[] sPrev, int prevOff, double[] yNext, double[] sNext, int nextOff,
              double[] x, int xOff);

    /** A short name for reports: "scalar" or "vector-&lt;bits&gt;". */
    String name();
}
