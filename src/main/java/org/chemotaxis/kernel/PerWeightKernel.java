package org.chemotaxis.kernel;

/**
 * Per-weight perturbation losses of one network on a teacher-forced batch, computed with the
 * structure of the network instead of one forward pass per perturbed copy (a model offers its
 * kernel, if it has one). What the per-weight kernels ({@link ElmanPerturbation}, {@link CtrnnPerturbation}) share: the
 * walk over an index range and the linear readout that ends both layouts. Arguments are checked;
 * indices below the readout (parameters of the dynamics) become perturbed copies, run a group
 * at a time; the readout's are served from one base pass, each recomputing the one output it
 * changes. A subclass says how its weights are prepared, a copy is set up, a group is run and
 * the base pass is kept.
 *
 * <p>Not thread-safe: the subclasses hold their buffers. Each thread takes its own instance.
 */
public abstract class PerWeightKernel {

    /** T, the time steps of every sequence. */
    final int steps;
    /** Leading steps whose error is not counted, 0 &lt;= washout &lt; T. */
    final int washout;
    /** O, the outputs per step. */
    final int out;
    /** The units that the readout reads (hidden units or neurons). */
    private final int units;
    /** The first readout index: the weights (O x units), then the biases (O); the indices below change the dynamics. */
    private final int readout;
    private final int readoutBias;

    private double[] copyLoss = new double[0];
    private double[] groupSums = new double[0];
    private double[] baseOut = new double[0];
    private double[] outBuf = new double[0];

    /**
     * @param units        the units the readout reads
     * @param readoutStart the first readout parameter: the weights, O x units, then the O biases, end the layout
     */
    PerWeightKernel(int steps, int washout, int outputSize, int units, int readoutStart) {
        if (steps <= 0 || washout < 0 || washout >= steps) {
            throw new IllegalArgumentException("need steps > 0 and 0 <= washout < steps, but were steps " + steps
                    + ", washout " + washout);
        }
        this.steps = steps;
        this.washout = washout;
        this.out = outputSize;
        this.units = units;
        this.readout = readoutStart;
        this.readoutBias = readoutStart + outputSize * units;
    }

    /** P, the parameter count of the layout. */
    public final int parameterCount() {
        return readoutBias + out;
    }

    /** The number of squared errors in a loss: rows x counted steps x outputs. */
    final double lossTerms(int rows) {
        return (double) rows * (steps - washout) * out;
    }

    /** Grows the buffers for batches of {@code rows} rows (does nothing for a smaller batch). */
    abstract void ensureCapacity(int rows);

    /** Sizes the readout's buffers for batches of {@code rows} rows (a subclass's {@link #ensureCapacity} calls it). */
    final void growReadoutBuffers(int rows) {
        baseOut = new double[steps * rows * out];
        outBuf = new double[rows * out];
    }

    /** Reads theta into the layout the blocks want (once per call). */
    abstract void prepareWeights(double[] theta);

    /** How many copies run together, for the current capacity. */
    abstract int groupCapacity();

    /** Makes slot k of the group the copy whose parameter {@code index} is {@code value}. */
    abstract void setUpCopy(int k, double[] theta, int index, double value);

    /** Runs slots 0 .. g-1 over the batch and writes the sum of slot k's squared errors to {@code sums[k]}. */
    abstract void runGroup(double[] theta, int g, int rows, double[] inputs, double[] targets, double[] sums);

    /**
     * Runs the unperturbed parameters once, keeping the readout's inputs of every step (see
     * {@link #baseStates}) and, through {@link #keepBaseOutputs}, the counted outputs.
     */
    abstract void basePass(double[] theta, int rows, double[] inputs);

    /** Where {@link #basePass} keeps the readout's inputs: row r of step t at {@link #baseStateOffset}(t, rows) + r x units. */
    abstract double[] baseStates();

    abstract int baseStateOffset(int t, int rows);

    /** The outputs of {@code rows} rows of one step into {@code outBuf}, from the units' values at {@code states[off ..]}. */
    private void outputs(double[] theta, double[] states, int off, int rows) {
        for (int o = 0; o < out; o++) {
            Readout.outputs(theta, readout + o * units, theta[readoutBias + o], states, off, units, rows, outBuf, out, o);
        }
    }

    /** Adds the squared errors of {@code rows} rows of one step to {@code sum}, in (row, output) order. */
    final double addSquaredErrors(double sum, double[] theta, double[] states, int off, double[] targets, int yOff,
                                  int rows) {
        final int O = out;
        outputs(theta, states, off, rows);
        for (int r = 0; r < rows; r++) {
            for (int o = 0; o < O; o++) {
                final double e = outBuf[r * O + o] - targets[yOff + r * O + o];
                sum += e * e;
            }
        }
        return sum;
    }

    /** Keeps the unperturbed outputs of step {@code t} for the readout copies. */
    final void keepBaseOutputs(double[] theta, double[] states, int off, int rows, int t) {
        outputs(theta, states, off, rows);
        System.arraycopy(outBuf, 0, baseOut, t * rows * out, rows * out);
    }

    /**
     * The sum of squared errors with readout parameter {@code index} set to {@code value}: only
     * that parameter's output is recomputed, from the states of the base pass.
     */
    private double readoutLoss(double[] theta, int index, double value, int rows, double[] targets) {
        final int H = units;
        final int O = out;
        final double[] states = baseStates();
        final boolean isBias = index >= readoutBias;
        final int unit = isBias ? index - readoutBias : (index - readout) / H;
        final int col = isBias ? -1 : (index - readout) % H;
        final int w = readout + unit * H;
        double sum = 0.0;
        for (int t = washout; t < steps; t++) {
            final int s0 = baseStateOffset(t, rows);
            for (int r = 0; r < rows; r++) {
                final int yr = (t * rows + r) * O;
                final int hr = s0 + r * H;
                for (int o = 0; o < O; o++) {
                    double y;
                    if (o == unit) {
                        y = isBias ? value : theta[readoutBias + o];
                        for (int j = 0; j < H; j++) {
                            y += (j == col ? value : theta[w + j]) * states[hr + j];
                        }
                    } else {
                        y = baseOut[yr + o];
                    }
                    final double e = y - targets[yr + o];
                    sum += e * e;
                }
            }
        }
        return sum;
    }

    /**
     * Writes, for every parameter index i in [from, to), {@code result[i - from]} =
     * L(theta + sigma e_i) - L(theta - sigma e_i) if {@code central}, else L(theta + sigma e_i),
     * the perturbed parameter being {@code theta[i] + sigma} (and {@code theta[i] - sigma})
     * rounded once, exactly as a full forward pass would see it.
     *
     * @param inputs  time-major inputs, {@code inputs[(t * rows + r) * I + c]} (read)
     * @param targets time-major targets, {@code targets[(t * rows + r) * O + o]} (read)
     * @param result  written at [0, to - from); must not alias the other arrays. {@code theta} is not modified.
     */
    public final void perturbedLosses(double[] theta, double sigma, boolean central, int from, int to,
                                      double[] inputs, double[] targets, int rows, double[] result) {
        final int size = parameterCount();
        if (theta.length != size) {
            throw new IllegalArgumentException("theta must have length P = " + size + ", but was " + theta.length);
        }
        if (from < 0 || to > size || from > to) {
            throw new IndexOutOfBoundsException("index range [" + from + ", " + to + ") outside [0, " + size + ")");
        }
        if (result.length < to - from) {
            throw new IllegalArgumentException("result must hold " + (to - from) + " values, but has length "
                    + result.length);
        }
        if (rows <= 0) {
            throw new IllegalArgumentException("rows must be > 0, but was " + rows);
        }
        ensureCapacity(rows);
        prepareWeights(theta);
        final double count = lossTerms(rows);
        final int signs = central ? 2 : 1;

        // Dynamics indices: copy c stands for index from + c / signs, the minus copy second.
        final int recEnd = Math.min(to, readout);
        final int copies = Math.max(0, recEnd - from) * signs;
        if (copyLoss.length < copies) {
            copyLoss = new double[copies];
        }
        final int group = groupCapacity();
        if (groupSums.length < group) {
            groupSums = new double[group];
        }
        for (int c0 = 0; c0 < copies; c0 += group) {
            final int g = Math.min(group, copies - c0);
            for (int k = 0; k < g; k++) {
                final int c = c0 + k;
                final int index = from + c / signs;
                final double value = c % signs == 0 ? theta[index] + sigma : theta[index] - sigma;
                setUpCopy(k, theta, index, value);
            }
            runGroup(theta, g, rows, inputs, targets, groupSums);
            for (int k = 0; k < g; k++) {
                copyLoss[c0 + k] = groupSums[k] / count;
            }
        }
        for (int i = from; i < recEnd; i++) {
            final int c = (i - from) * signs;
            result[i - from] = central ? copyLoss[c] - copyLoss[c + 1] : copyLoss[c];
        }

        // Readout indices: one base pass, then one output recomputed per copy.
        final int outStart = Math.max(from, readout);
        if (outStart < to) {
            basePass(theta, rows, inputs);
            for (int i = outStart; i < to; i++) {
                final double plus = readoutLoss(theta, i, theta[i] + sigma, rows, targets) / count;
                result[i - from] = central
                        ? plus - readoutLoss(theta, i, theta[i] - sigma, rows, targets) / count
                        : plus;
            }
        }
    }
}
