package org.chemotaxis.model;

import org.chemotaxis.kernel.Kernels;
import org.chemotaxis.kernel.RecurrentBlock;
import org.chemotaxis.kernel.RecurrentLayout;
import org.chemotaxis.kernel.Substitution;

/**
 * Several parameter vectors of one one-layer {@link ElmanModel} stepped together, each over its
 * own block of rows (copy-major: row = copy * rowsPerCopy + i): the hidden step of each copy on
 * {@link Kernels#preferred()} with its weights transposed once per {@link #reset}, the readout in
 * the order {@link ElmanModel#step} uses. Same bits as {@link ElmanModel#step} per copy (all
 * blocks give the same bits), without its per-row weight walk. No node noise. Allocates only when
 * a run is larger than every earlier one. Not thread-safe.
 */
public final class ElmanCopies {

    private final RecurrentBlock block;
    private final int H;
    private final int I;
    private final int O;
    private final int P;
    private final int wxh;
    private final int whh;
    private final int bh;
    private final int why;
    private final int by;
    private final Substitution substitution = new Substitution();

    private double[] thetas;
    private int copies;
    private int rowsPerCopy;
    private double[][] wxT = new double[0][];
    private double[][] whT = new double[0][];
    private RecurrentLayout[] layouts = new RecurrentLayout[0];
    private double[] stateIn = new double[0];
    private double[] stateOut = new double[0];

    public ElmanCopies(ElmanModel model) {
        this(model, Kernels.preferred());
    }

    /** With the given implementation of the hidden step (all give the same bits). */
    public ElmanCopies(ElmanModel model, RecurrentBlock block) {
        if (!supports(model)) {
            throw new IllegalArgumentException("ElmanCopies runs one-layer Elman networks only");
        }
        this.block = block;
        this.H = model.hidden();
        this.I = model.inputSize();
        this.O = model.outputSize();
        this.P = model.parameterCount();
        this.wxh = model.layout().slice("w_xh").offset();
        this.whh = model.layout().slice("w_hh").offset();
        this.bh = model.layout().slice("b_h").offset();
        this.why = model.layout().slice("w_hy").offset();
        this.by = model.layout().slice("b_y").offset();
    }

    /** True for the models this class runs: a one-layer Elman network. */
    public static boolean supports(RecurrentModel model) {
        return model instanceof ElmanModel e && e.layers() == 1;
    }

    /**
     * Starts {@code rowsPerCopy} rows of each of {@code copies} parameter vectors
     * {@code thetas[c * P .. (c + 1) * P)} (held by reference) from the zero state.
     */
    public void reset(double[] thetas, int copies, int rowsPerCopy) {
        if (copies < 1 || rowsPerCopy < 1 || thetas.length < copies * P) {
            throw new IllegalArgumentException("need at least one copy of " + P + " parameters and one row");
        }
        if (copies > layouts.length) {
            wxT = new double[copies][I * H];
            whT = new double[copies][H * H];
            layouts = new RecurrentLayout[copies];
            for (int c = 0; c < copies; c++) {
                layouts[c] = new RecurrentLayout(H, I, wxT[c], whT[c]);
            }
        }
        int rows = copies * rowsPerCopy;
        if (rows * H > stateIn.length) {
            stateIn = new double[rows * H];
            stateOut = new double[rows * H];
        }
        this.thetas = thetas;
        this.copies = copies;
        this.rowsPerCopy = rowsPerCopy;
        for (int c = 0; c < copies; c++) {
            transposeWeights(c);
        }
        java.util.Arrays.fill(stateIn, 0, rows * H, 0.0);
    }

    /** One step of every row: input rows x I (read), output rows x O (written). */
    public void step(double[] input, double[] output) {
        final int count = rowsPerCopy;
        for (int c = 0; c < copies; c++) {
            final int r0 = c * count;
            block.step(layouts[c], substitution.shared().bias(thetas, c * P + bh), count, stateIn, r0 * H, stateOut,
                    r0 * H, input, r0 * I);
        }
        double[] swap = stateIn;
        stateIn = stateOut;
        stateOut = swap;
        for (int c = 0; c < copies; c++) {
            final int t0 = c * P;
            for (int r = c * count, end = r + count; r < end; r++) {
                for (int o = 0; o < O; o++) {
                    output[r * O + o] = readout(t0, r, o);
                }
            }
        }
    }

    /** Output o of row r: b_y + sum_j w_hy(o, j) h_j in j order, as ElmanModel computes it. */
    private double readout(int t0, int r, int o) {
        double v = thetas[t0 + by + o];
        final int row = t0 + why + o * H;
        final int h = r * H;
        for (int j = 0; j < H; j++) {
            v += thetas[row + j] * stateIn[h + j];
        }
        return v;
    }

    private void transposeWeights(int c) {
        final int t0 = c * P;
        for (int i = 0; i < H; i++) {
            for (int j = 0; j < I; j++) {
                wxT[c][j * H + i] = thetas[t0 + wxh + i * I + j];
            }
            for (int j = 0; j < H; j++) {
                whT[c][j * H + i] = thetas[t0 + whh + i * H + j];
            }
        }
    }
}
