package org.chemotaxis.kernel;

import java.util.Arrays;

/**
 * Per-weight perturbation losses (Jabri and Flower 1992) of a one-layer Elman network on a
 * teacher-forced batch, computed with the structure of the problem instead of one full forward
 * pass per perturbed copy of the parameters:
 * <ul>
 *   <li>a perturbed recurrent-side weight (w_xh, w_hh, b_h) changes one entry of one weight
 *       vector, so K such copies advance together, each B rows of one K*B-row state matrix,
 *       all reading the shared base weights; each copy only substitutes its one changed weight
 *       vector (the {@link RecurrentBlock} contract). The sums keep the reference order, so the
 *       losses are bit for bit those of {@code ElmanModel} + {@code SequenceRegression};</li>
 *   <li>a perturbed readout weight (w_hy, b_y) leaves the hidden states alone: one base pass
 *       stores them, and each such copy only recomputes the one output that it changes.</li>
 * </ul>
 * The loss of a copy is computed from that copy's rows alone, in the reference order, so the
 * value of an index does not depend on which other indices are in the same call.
 *
 * <p>Parameter layout: that of {@code ElmanModel} with one layer: w_xh (H x I), w_hh (H x H),
 * b_h (H), w_hy (O x H), b_y (O). Loss: the mean squared error over the B rows, the steps
 * t = washout .. T-1 and the O outputs, summed in the order (t, row, output).
 *
 * <p>Not thread-safe: holds its buffers (allocated on first use and when the batch grows), so
 * steady-state calls allocate nothing. Each thread takes its own instance.
 */
public final class ElmanPerturbation extends PerWeightKernel {

    /** State doubles per buffer that a group of copies may use (two such buffers). */
    private static final int GROUP_STATE_DOUBLES = 1 << 14;

    private final int in;
    private final int hidden;
    private final int wxh;
    private final int whh;
    private final int bh;
    private final RecurrentBlock block;

    private final double[] wxT;
    private final double[] whT;
    private final RecurrentLayout layout;
    /** The unperturbed network: shared weights, theta's biases. */
    private final Substitution base = new Substitution();

    private int rowsCapacity;
    private int groupCapacity;
    private double[] stateA = new double[0];
    private double[] stateB = new double[0];
    private double[] zeros = new double[0];
    private double[] overrides = new double[0];
    private Substitution[] copies = new Substitution[0];
    private double[] hAll = new double[0];

    /**
     * @param inputSize  I
     * @param hidden     H
     * @param outputSize O
     * @param steps      T, time steps of every sequence
     * @param washout    leading steps whose error is not counted, 0 &lt;= washout &lt; T
     * @param block      the arithmetic of a recurrent step (e.g. {@link Kernels#preferred()})
     */
    public ElmanPerturbation(int inputSize, int hidden, int outputSize, int steps, int washout,
                             RecurrentBlock block) {
        super(steps, washout, outputSize, hidden, hidden * inputSize + hidden * hidden + hidden);
        if (inputSize <= 0 || hidden <= 0 || outputSize <= 0) {
            throw new IllegalArgumentException("sizes must be > 0, but were inputSize " + inputSize + ", hidden "
                    + hidden + ", outputSize " + outputSize);
        }
        this.in = inputSize;
        this.hidden = hidden;
        this.wxh = 0;
        this.whh = hidden * inputSize;
        this.bh = whh + hidden * hidden;
        this.block = block;
        this.wxT = new double[inputSize * hidden];
        this.whT = new double[hidden * hidden];
        this.layout = new RecurrentLayout(hidden, inputSize, wxT, whT);
    }

    public RecurrentBlock block() {
        return block;
    }

    @Override
    int groupCapacity() {
        return groupCapacity;
    }

    @Override
    void ensureCapacity(int rows) {
        if (rows <= rowsCapacity) {
            return;
        }
        rowsCapacity = rows;
        groupCapacity = Math.max(1, GROUP_STATE_DOUBLES / (rows * hidden));
        stateA = new double[groupCapacity * rows * hidden];
        stateB = new double[groupCapacity * rows * hidden];
        zeros = new double[rows * hidden];
        overrides = new double[groupCapacity * hidden];
        copies = new Substitution[groupCapacity];
        for (int k = 0; k < groupCapacity; k++) {
            copies[k] = new Substitution();
        }
        hAll = new double[steps * rows * hidden];
        growReadoutBuffers(rows);
    }

    @Override
    void prepareWeights(double[] theta) {
        final int H = hidden;
        for (int i = 0; i < H; i++) {
            for (int c = 0; c < in; c++) {
                wxT[c * H + i] = theta[wxh + i * in + c];
            }
            for (int j = 0; j < H; j++) {
                whT[j * H + i] = theta[whh + i * H + j];
            }
        }
    }

    /** Copy k of the group: base weights with parameter {@code index} set to {@code value}. */
    @Override
    void setUpCopy(int k, double[] theta, int index, double value) {
        final int H = hidden;
        final int ov = k * H;
        final Substitution copy = copies[k].bias(theta, bh);
        if (index < whh) {
            final int unit = (index - wxh) / in;
            final int col = (index - wxh) % in;
            System.arraycopy(wxT, col * H, overrides, ov, H);
            overrides[ov + unit] = value;
            copy.replace(col, -1, overrides, ov);
        } else if (index < bh) {
            final int unit = (index - whh) / H;
            final int col = (index - whh) % H;
            System.arraycopy(whT, col * H, overrides, ov, H);
            overrides[ov + unit] = value;
            copy.replace(-1, col, overrides, ov);
        } else {
            System.arraycopy(theta, bh, overrides, ov, H);
            overrides[ov + index - bh] = value;
            copy.shared().bias(overrides, ov);
        }
    }

    @Override
    void runGroup(double[] theta, int g, int rows, double[] inputs, double[] targets, double[] sums) {
        final int H = hidden;
        final int rowBlock = rows * H;
        Arrays.fill(stateA, 0, g * rowBlock, 0.0);
        Arrays.fill(sums, 0, g, 0.0);
        double[] prev = stateA;
        double[] next = stateB;
        for (int t = 0; t < steps; t++) {
            final int xOff = t * rows * in;
            final int yOff = t * rows * out;
            for (int k = 0; k < g; k++) {
                final int off = k * rowBlock;
                block.step(layout, copies[k], rows, prev, off, next, off, inputs, xOff);
                if (t >= washout) {
                    sums[k] = addSquaredErrors(sums[k], theta, next, off, targets, yOff, rows);
                }
            }
            final double[] swap = prev;
            prev = next;
            next = swap;
        }
    }

    /** The unperturbed hidden states of every step into {@code hAll}, the counted outputs kept. */
    @Override
    void basePass(double[] theta, int rows, double[] inputs) {
        final int rowBlock = rows * hidden;
        base.bias(theta, bh);
        for (int t = 0; t < steps; t++) {
            final double[] prev = t == 0 ? zeros : hAll;
            final int prevOff = t == 0 ? 0 : (t - 1) * rowBlock;
            block.step(layout, base, rows, prev, prevOff, hAll, t * rowBlock, inputs, t * rows * in);
            if (t >= washout) {
                keepBaseOutputs(theta, hAll, t * rowBlock, rows, t);
            }
        }
    }

    @Override
    double[] baseStates() {
        return hAll;
    }

    @Override
    int baseStateOffset(int t, int rows) {
        return t * rows * hidden;
    }
}
