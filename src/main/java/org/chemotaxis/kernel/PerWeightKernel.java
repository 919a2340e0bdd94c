package org.chemotaxis.kernel;

/**
 * Per-weight perturbation losses of one network on a teacher-forced batch, computed with the
 * structure of the network instead of one forward pass per perturbed copy (a model offers its
 * kernel, if it has one). What the per-weight kernels ({@link ElmanPerturbation}, {@link CtrnnPerturbation}) share: the
 * walk over an index range. Arguments are checked; indices below {@link #readoutStart()}
 * (parameters of the dynamics) become perturbed copies, run a group at a time; the others
 * (readout parameters) are served from one base pass. A subclass says how its weights are
 * prepared, a copy is set up, a group is run and a readout copy is scored.
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

    private double[] copyLoss = new double[0];
    private double[] groupSums = new double[0];

    PerWeightKernel(int steps, int washout, int outputSize) {
        if (steps <= 0 || washout < 0 || washout >= steps) {
            throw new IllegalArgumentException("need steps > 0 and 0 <= washout < steps, but were steps " + steps
                    + ", washout " + washout);
        }
        this.steps = steps;
        this.washout = washout;
        this.out = outputSize;
    }

    /** P, the parameter count of the layout. */
    public abstract int parameterCount();

    /** The first readout index: the ones below it change the dynamics. */
    abstract int readoutStart();

    /** The number of squared errors in a loss: rows x counted steps x outputs. */
    final double lossTerms(int rows) {
        return (double) rows * (steps - washout) * out;
    }

    /** Grows the buffers for batches of {@code rows} rows (does nothing for a smaller batch). */
    abstract void ensureCapacity(int rows);

    /** Reads theta into the layout the blocks want (once per call). */
    abstract void prepareWeights(double[] theta);

    /** How many copies run together, for the current capacity. */
    abstract int groupCapacity();

    /** Makes slot k of the group the copy whose parameter {@code index} is {@code value}. */
    abstract void setUpCopy(int k, double[] theta, int index, double value);

    /** Runs slots 0 .. g-1 over the batch and writes the sum of slot k's squared errors to {@code sums[k]}. */
    abstract void runGroup(double[] theta, int g, int rows, double[] inputs, double[] targets, double[] sums);

    /** Runs the unperturbed parameters once and keeps what the readout copies need. */
    abstract void basePass(double[] theta, int rows, double[] inputs);

    /** The sum of squared errors with readout parameter {@code index} set to {@code value}. */
    abstract double readoutLoss(double[] theta, int index, double value, int rows, double[] targets);

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
        final int readout = readoutStart();

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
