package org.chemotaxis.kernel;

import java.util.Arrays;

/**
 * Per-weight perturbation losses (Jabri and Flower 1992) of a CTRNN (Beer 1995, Euler-integrated
 * as in {@code CtrnnModel}) on a teacher-forced batch, computed with the structure of the
 * problem instead of one full forward pass per perturbed copy of the parameters:
 * <ul>
 *   <li>a perturbed dynamics parameter changes one entry of one vector: log tau_i one neuron's
 *       Euler factor dt exp(-log tau_i), theta_j the bias of sigma(y_j + theta_j) (which every
 *       target and the readout see), w_ji one row of w, v_ik one column of v. So K such copies
 *       advance together, each B rows of one K*B-row state, all reading the shared base weights;
 *       each copy only substitutes its one changed vector (the {@link CtrnnBlock} contract). The
 *       sums keep the reference order, so the losses are bit for bit those of
 *       {@code CtrnnModel} + {@code SequenceRegression};</li>
 *   <li>a perturbed readout parameter (r, b) leaves the states alone: one base pass stores
 *       sigma(y_t + theta) of every step, and each such copy only recomputes the one output
 *       that it changes.</li>
 * </ul>
 * The loss of a copy is computed from that copy's rows alone, in the reference order, so the
 * value of an index does not depend on which other indices are in the same call.
 *
 * <p>Parameter layout: that of {@code CtrnnModel}: log_tau (N), theta (N), w (N x N, entry (j, i)
 * = w_ji), v (N x I), r (O x N), b (O). The Euler factors are dt * {@link StrictMath#exp}(-log tau),
 * as in the model, computed once per call (and once per perturbed log tau). Loss: the mean squared
 * error over the B rows, the steps t = washout .. T-1 and the O outputs, summed in the order
 * (t, row, output). No noise.
 *
 * <p>Not thread-safe: holds its buffers (allocated on first use and when the batch grows), so
 * steady-state calls allocate nothing. Each thread takes its own instance.
 */
public final class CtrnnPerturbation extends PerWeightKernel {

    /** State doubles per buffer that a group of copies may use (four such buffers: y and s, twice). */
    private static final int GROUP_STATE_DOUBLES = 1 << 13;

    private final int in;
    private final int neurons;
    private final double dt;
    private final int logTau;
    private final int bias;
    private final int w;
    private final int v;
    private final CtrnnBlock block;

    private final double[] vT;
    private final double[] wBase;
    private final double[] gain;
    private final CtrnnLayout layout;
    /** The unperturbed network: shared weights, the base gains and theta's biases. */
    private final Substitution base = new Substitution();

    private int rowsCapacity;
    private int groupCapacity;
    private double[] yA = new double[0];
    private double[] yB = new double[0];
    private double[] sA = new double[0];
    private double[] sB = new double[0];
    private double[] overrides = new double[0];
    private Substitution[] copies = new Substitution[0];
    private double[] yAll = new double[0];
    private double[] sAll = new double[0];

    /**
     * @param inputSize  I
     * @param neurons    N
     * @param outputSize O
     * @param dt         the Euler step of the model
     * @param steps      T, time steps of every sequence
     * @param washout    leading steps whose error is not counted, 0 &lt;= washout &lt; T
     * @param block      the arithmetic of a step (e.g. {@link Kernels#preferredCtrnn()})
     */
    public CtrnnPerturbation(int inputSize, int neurons, int outputSize, double dt, int steps, int washout,
                             CtrnnBlock block) {
        super(steps, washout, outputSize, neurons, 2 * neurons + neurons * neurons + neurons * inputSize);
        if (inputSize <= 0 || neurons <= 0 || outputSize <= 0) {
            throw new IllegalArgumentException("sizes must be > 0, but were inputSize " + inputSize + ", neurons "
                    + neurons + ", outputSize " + outputSize);
        }
        if (!(dt > 0.0) || Double.isInfinite(dt)) {
            throw new IllegalArgumentException("dt must be a finite number > 0, but was " + dt);
        }
        this.in = inputSize;
        this.neurons = neurons;
        this.dt = dt;
        this.logTau = 0;
        this.bias = neurons;
        this.w = 2 * neurons;
        this.v = w + neurons * neurons;
        this.block = block;
        this.vT = new double[inputSize * neurons];
        this.wBase = new double[neurons * neurons];
        this.gain = new double[neurons];
        this.layout = new CtrnnLayout(neurons, inputSize, vT, wBase);
    }

    public CtrnnBlock block() {
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
        final int N = neurons;
        rowsCapacity = rows;
        groupCapacity = Math.max(1, GROUP_STATE_DOUBLES / (rows * N));
        yA = new double[groupCapacity * rows * N];
        yB = new double[groupCapacity * rows * N];
        sA = new double[groupCapacity * rows * N];
        sB = new double[groupCapacity * rows * N];
        overrides = new double[groupCapacity * N];
        copies = new Substitution[groupCapacity];
        for (int k = 0; k < groupCapacity; k++) {
            copies[k] = new Substitution();
        }
        // The state before step 0 first, then that after every step.
        yAll = new double[(steps + 1) * rows * N];
        sAll = new double[(steps + 1) * rows * N];
        growReadoutBuffers(rows);
    }

    @Override
    void prepareWeights(double[] theta) {
        final int N = neurons;
        for (int i = 0; i < N; i++) {
            for (int c = 0; c < in; c++) {
                vT[c * N + i] = theta[v + i * in + c];
            }
            gain[i] = dt * StrictMath.exp(-theta[logTau + i]);
        }
        System.arraycopy(theta, w, wBase, 0, N * N);
    }

    /** Copy k of the group: base parameters with parameter {@code index} set to {@code value}. */
    @Override
    void setUpCopy(int k, double[] theta, int index, double value) {
        final int N = neurons;
        final int ov = k * N;
        final Substitution copy = copies[k].shared().gain(gain, 0).bias(theta, bias);
        if (index < bias) {
            final int unit = index - logTau;
            System.arraycopy(gain, 0, overrides, ov, N);
            overrides[ov + unit] = dt * StrictMath.exp(-value);
            copy.gain(overrides, ov);
        } else if (index < w) {
            System.arraycopy(theta, bias, overrides, ov, N);
            overrides[ov + index - bias] = value;
            copy.bias(overrides, ov);
        } else if (index < v) {
            final int source = (index - w) / N;
            final int target = (index - w) % N;
            System.arraycopy(wBase, source * N, overrides, ov, N);
            overrides[ov + target] = value;
            copy.replace(-1, source, overrides, ov);
        } else {
            final int unit = (index - v) / in;
            final int col = (index - v) % in;
            System.arraycopy(vT, col * N, overrides, ov, N);
            overrides[ov + unit] = value;
            copy.replace(col, -1, overrides, ov);
        }
    }

    /** s = sigma(0 + bias) in every row of a block: the state before step 0, where y = 0. */
    private static void initialState(int N, int rows, double[] y, double[] s, int off, double[] bias, int biasOff) {
        Arrays.fill(y, off, off + rows * N, 0.0);
        for (int i = 0; i < N; i++) {
            s[off + i] = Logistic.sigma(0.0 + bias[biasOff + i]);
        }
        for (int row = 1; row < rows; row++) {
            System.arraycopy(s, off, s, off + row * N, N);
        }
    }

    @Override
    void runGroup(double[] theta, int g, int rows, double[] inputs, double[] targets, double[] sums) {
        final int N = neurons;
        final int rowBlock = rows * N;
        Arrays.fill(sums, 0, g, 0.0);
        for (int k = 0; k < g; k++) {
            initialState(N, rows, yA, sA, k * rowBlock, copies[k].bias(), copies[k].biasOffset());
        }
        double[] yPrev = yA;
        double[] sPrev = sA;
        double[] yNext = yB;
        double[] sNext = sB;
        for (int t = 0; t < steps; t++) {
            final int xOff = t * rows * in;
            final int tOff = t * rows * out;
            for (int k = 0; k < g; k++) {
                final int off = k * rowBlock;
                block.step(layout, copies[k], rows, yPrev, sPrev, off, yNext, sNext, off, inputs, xOff);
                if (t >= washout) {
                    sums[k] = addSquaredErrors(sums[k], theta, sNext, off, targets, tOff, rows);
                }
            }
            double[] swap = yPrev;
            yPrev = yNext;
            yNext = swap;
            swap = sPrev;
            sPrev = sNext;
            sNext = swap;
        }
    }

    /**
     * The unperturbed y_t and sigma(y_t + theta) of every step into {@code yAll} and {@code sAll}
     * (step t at block t + 1, the initial state at block 0), the counted outputs kept.
     */
    @Override
    void basePass(double[] theta, int rows, double[] inputs) {
        final int rowBlock = rows * neurons;
        base.gain(gain, 0).bias(theta, bias);
        initialState(neurons, rows, yAll, sAll, 0, theta, bias);
        for (int t = 0; t < steps; t++) {
            final int next = (t + 1) * rowBlock;
            block.step(layout, base, rows, yAll, sAll, t * rowBlock, yAll, sAll, next, inputs, t * rows * in);
            if (t >= washout) {
                keepBaseOutputs(theta, sAll, next, rows, t);
            }
        }
    }

    @Override
    double[] baseStates() {
        return sAll;
    }

    @Override
    int baseStateOffset(int t, int rows) {
        return (t + 1) * rows * neurons;
    }
}
