package org.chemotaxis.kernel;

/**
 * One tanh recurrent step for a block of rows that share their weights, except for at most one
 * replaced weight vector (the entry that a per-weight perturbation changes):
 * <pre>
 *   hNext[r][i] = tanh( bias[i] + sum_c wx[c][i] x[r][c] + sum_j wh[j][i] hPrev[r][j] )
 * </pre>
 * with the sums taken in exactly this order (bias, then c = 0 .. I-1, then j = 0 .. H-1), one
 * rounding per multiply and per add, which is the order of {@code ElmanModel.step}. So every
 * implementation gives the same bits, and a row's result does not depend on its neighbours.
 *
 * <p>Weights are stored transposed (column-major for the model, see {@link RecurrentLayout}), so
 * that for fixed c or j the H outputs read consecutive doubles. The {@link Substitution} gives
 * the bias and the replaced column of wxT or row of whT, if any.
 *
 * <p>Implementations are stateless and thread-safe.
 */
public interface RecurrentBlock {

    /**
     * Advances {@code rows} rows: row r reads {@code hPrev[prevOff + r*H ..+H)} and
     * {@code x[xOff + r*I ..+I)} and writes {@code hNext[nextOff + r*H ..+H)}. Only the written
     * range is modified; it must not overlap any range read.
     */
    void step(RecurrentLayout layout, Substitution copy, int rows,
              double[] hPrev, int prevOff, double[] hNext, int nextOff, double[] x, int xOff);

    /** A short name for reports: "scalar" or "vector-&lt;bits&gt;". */
    String name();
}
