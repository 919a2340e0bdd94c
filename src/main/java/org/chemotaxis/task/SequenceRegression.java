package org.chemotaxis.task;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import org.chemotaxis.data.SequenceDataset;
import org.chemotaxis.kernel.PerWeightKernel;
import org.chemotaxis.model.NoiseSource;
import org.chemotaxis.model.RecurrentModel;

/**
 * Sequence regression: a recurrent model reads a dataset sequence step by step and its output at
 * every counted step is compared with the target by the squared error. With B rows in the batch,
 * T time steps, washout w and O outputs,
 * <pre>
 *   loss = 1 / (B * (T - w) * O) * sum_{b} sum_{t = w}^{T-1} sum_{o} (out[b][t][o] - target[b][t][o])^2
 * </pre>
 * i.e. the mean squared error over rows, counted time steps and output components. The first w
 * steps are a washout: they drive the state but their error does not count (from a single value
 * a sine's direction is ambiguous, so early predictions are not the model's fault).
 *
 * <p>Modes: {@link Mode#TEACHER_FORCED} feeds the dataset input at every step.
 * {@link Mode#FREE_RUNNING} feeds the dataset input for the first w steps and afterwards the
 * model's own previous output (input at t = out at t-1; needs inputSize == outputSize and
 * w &ge; 1); the gradient flows through this feedback too. This is the time line of
 * {@link org.chemotaxis.model.ClosedLoop}.
 *
 * <p>A {@link Sample}'s indices are dataset sequence indices: the batch, one row per index, in
 * the order given. Immutable and thread-safe; each thread takes its own {@link #newEvaluator()}.
 */
public final class SequenceRegression implements Objective {

    /** Steps whose error is not counted, unless configured otherwise. */
    public static final int DEFAULT_WASHOUT = 5;

    /** What the model reads at each step. */
    public enum Mode {
        TEACHER_FORCED, FREE_RUNNING;

        /** The config spelling: {@code teacher_forced} or {@code free_running}. */
        public String configName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Parses the config spelling (case-insensitive, '-' accepted for '_'). */
        public static Mode parse(String text) {
            if (text != null) {
                String key = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
                for (Mode m : values()) {
                    if (m.name().equals(key)) {
                        return m;
                    }
                }
            }
            throw new IllegalArgumentException("mode must be one of teacher_forced, free_running, but was '"
                    + text + "' (objective.mode)");
        }
    }

    private final SequenceDataset data;
    private final RecurrentModel model;
    private final Mode mode;
    private final int washout;

    private SequenceRegression(Builder b) {
        this.data = Objects.requireNonNull(b.data, "dataset must not be null");
        this.model = Objects.requireNonNull(b.model, "model must not be null");
        this.mode = Objects.requireNonNull(b.mode, "mode must not be null (objective.mode)");
        this.washout = b.washout;
        int length = data.length();
        if (data.size() < 1 || length < 1) {
            throw new IllegalArgumentException("dataset must hold at least one sequence of length >= 1, but held "
                    + data.size() + " of length " + length);
        }
        if (model.inputSize() != data.inputSize()) {
            throw new IllegalArgumentException("model inputSize must equal the dataset's inputSize "
                    + data.inputSize() + ", but was " + model.inputSize() + " (model.inputSize)");
        }
        if (model.outputSize() != data.targetSize()) {
            throw new IllegalArgumentException("model outputSize must equal the dataset's targetSize "
                    + data.targetSize() + ", but was " + model.outputSize() + " (model.outputSize)");
        }
        if (washout < 0 || washout >= length) {
            throw new IllegalArgumentException("washout must be >= 0 and < sequence length " + length
                    + ", but was " + washout + " (objective.washout)");
        }
        if (mode == Mode.FREE_RUNNING) {
            if (model.inputSize() != model.outputSize()) {
                throw new IllegalArgumentException("free-running mode feeds outputs back as inputs, so it needs "
                        + "inputSize == outputSize, but the model has inputSize " + model.inputSize()
                        + " and outputSize " + model.outputSize() + " (objective.mode)");
            }
            if (washout < 1) {
                throw new IllegalArgumentException("washout must be >= 1 in free-running mode (step 0 has no "
                        + "previous output to feed back), but was " + washout + " (objective.washout)");
            }
        }
    }

    /** A builder with mode TEACHER_FORCED and washout {@value #DEFAULT_WASHOUT}. */
    public static Builder builder(SequenceDataset data, RecurrentModel model) {
        return new Builder(data, model);
    }

    /** Configuration of a {@link SequenceRegression}; {@link #build()} validates it. */
    public static final class Builder {
        private final SequenceDataset data;
        private final RecurrentModel model;
        private Mode mode = Mode.TEACHER_FORCED;
        private int washout = DEFAULT_WASHOUT;

        private Builder(SequenceDataset data, RecurrentModel model) {
            this.data = data;
            this.model = model;
        }

        public Builder mode(Mode mode) {
            this.mode = mode;
            return this;
        }

        public Builder washout(int washout) {
            this.washout = washout;
            return this;
        }

        public SequenceRegression build() {
            return new SequenceRegression(this);
        }
    }

    public SequenceDataset dataset() {
        return data;
    }

    public RecurrentModel model() {
        return model;
    }

    public Mode mode() {
        return mode;
    }

    public int washout() {
        return washout;
    }

    @Override
    public int parameterCount() {
        return model.parameterCount();
    }

    @Override
    public Evaluator newEvaluator() {
        return new SequenceEvaluator();
    }

    @Override
    public boolean supportsGradient() {
        return true;
    }

    @Override
    public boolean supportsNodeNoise() {
        return true;
    }

    /**
     * The noiseless outputs for one dataset sequence, in this objective's mode (for reports and
     * plots; allocates).
     *
     * @return a new array [length][outputSize]; row t is the output of step t
     */
    public double[][] predict(double[] theta, int sequence) {
        SequenceEvaluator ev = new SequenceEvaluator();
        ev.select(Sample.of(new int[] {sequence}));
        int steps = data.length();
        int out = model.outputSize();
        double[] flat = new double[steps * out];
        ev.forward(theta, null, false, flat);
        double[][] result = new double[steps][];
        for (int t = 0; t < steps; t++) {
            result[t] = Arrays.copyOfRange(flat, t * out, (t + 1) * out);
        }
        return result;
    }

    @Override
    public String toString() {
        return "SequenceRegression[mode=" + mode.configName() + ", washout=" + washout + ", model=" + model + "]";
    }

    /**
     * Buffers are sized for the largest batch selected so far (time-major: [t][row][component]),
     * so selecting a smaller batch reuses them and steady-state calls allocate nothing.
     *
     * <p>Per-weight perturbation in teacher-forced mode goes through the model's
     * {@link RecurrentModel#perWeightKernel} where it has one (same values, far less work); every
     * other case through one {@link #loss(double[])} per perturbed copy.
     */
    private final class SequenceEvaluator implements Evaluator {
        private final int steps = data.length();
        private final int in = model.inputSize();
        private final int out = model.outputSize();
        private final int stateSize = model.stateSize();
        private final int noiseSize = model.noiseSize();
        private final int tapeSize = model.tapeSize();
        private final boolean freeRunning = mode == Mode.FREE_RUNNING;

        private int rows;
        private int capacity;
        private double[] inputs = new double[0];
        private double[] targets = new double[0];
        private double[] stateA = new double[0];
        private double[] stateB = new double[0];
        private double[] stepIn = new double[0];
        private double[] stepOut = new double[0];
        // Site buffers have exactly noiseWidth() doubles (the NoiseSource contract); one for the
        // largest batch and one for a smaller (typically an epoch's last) batch.
        private double[] sitesFull = new double[0];
        private double[] sitesSmall = new double[0];
        private double[] sites = new double[0];
        // Gradient-only buffers, allocated on first use.
        private double[] tape;
        private double[] residual;
        private double[] dStateA;
        private double[] dStateB;
        private double[] dOut;
        private double[] dIn;
        // Per-weight perturbation, allocated on first use.
        private Optional<PerWeightKernel> kernel;
        private double[] perturbed;

        @Override
        public void select(Sample sample) {
            int n = sample.size();
            if (n < 1) {
                throw new IllegalArgumentException("sample must hold at least one sequence index, but was " + sample);
            }
            for (int r = 0; r < n; r++) {
                int seq = sample.index(r);
                if (seq < 0 || seq >= data.size()) {
                    throw new IndexOutOfBoundsException("sample index " + seq + " outside the dataset's sequences 0.."
                            + (data.size() - 1));
                }
            }
            if (n > capacity) {
                grow(n);
            }
            rows = n;
            for (int t = 0; t < steps; t++) {
                for (int r = 0; r < n; r++) {
                    int seq = sample.index(r);
                    int xi = (t * n + r) * in;
                    for (int i = 0; i < in; i++) {
                        inputs[xi + i] = data.input(seq, t, i);
                    }
                    int yi = (t * n + r) * out;
                    for (int o = 0; o < out; o++) {
                        targets[yi + o] = data.target(seq, t, o);
                    }
                }
            }
            int width = n * noiseSize;
            if (width == sitesFull.length) {
                sites = sitesFull;
            } else {
                if (sitesSmall.length != width) {
                    sitesSmall = new double[width];
                }
                sites = sitesSmall;
            }
        }

        private void grow(int n) {
            capacity = n;
            inputs = new double[steps * n * in];
            targets = new double[steps * n * out];
            stateA = new double[n * stateSize];
            stateB = new double[n * stateSize];
            stepIn = new double[n * in];
            stepOut = new double[n * out];
            sitesFull = new double[n * noiseSize];
            if (tape != null) {
                allocateGradientBuffers();
            }
        }

        private void allocateGradientBuffers() {
            tape = new double[steps * capacity * tapeSize];
            residual = new double[steps * capacity * out];
            dStateA = new double[capacity * stateSize];
            dStateB = new double[capacity * stateSize];
            dOut = new double[capacity * out];
            dIn = new double[capacity * in];
        }

        private void checkReady(double[] theta) {
            if (rows == 0) {
                throw new IllegalStateException("no sample selected: call select(sample) first");
            }
            if (theta.length != model.parameterCount()) {
                throw new IllegalArgumentException("theta must have length P = " + model.parameterCount()
                        + ", but was " + theta.length);
            }
        }

        /**
         * Runs all steps of the selected batch. With {@code record} the tape and the loss's
         * derivative wrt every output (zero in the washout) are stored; {@code capture}, if not
         * null, receives every output (steps x rows x out).
         */
        double forward(double[] theta, NoiseSource noise, boolean record, double[] capture) {
            checkReady(theta);
            if (record && tape == null) {
                allocateGradientBuffers();
            }
            final int n = rows;
            final int block = n * out;
            final double count = (double) n * (steps - washout) * out;
            double[] state = stateA;
            double[] next = stateB;
            model.initialState(theta, state, n);
            double sum = 0.0;
            for (int t = 0; t < steps; t++) {
                if (freeRunning && t >= washout) {
                    // in == out here: the previous step's outputs become this step's inputs.
                    System.arraycopy(stepOut, 0, stepIn, 0, block);
                } else {
                    System.arraycopy(inputs, t * n * in, stepIn, 0, n * in);
                }
                double[] siteNoise = null;
                if (noise != null) {
                    noise.fill(t, sites);
                    siteNoise = sites;
                }
                model.step(theta, state, next, stepIn, stepOut, n, siteNoise, record ? tape : null, t * n * tapeSize);
                double[] swap = state;
                state = next;
                next = swap;
                final int y0 = t * block;
                if (capture != null) {
                    System.arraycopy(stepOut, 0, capture, y0, block);
                }
                if (t >= washout) {
                    for (int j = 0; j < block; j++) {
                        double e = stepOut[j] - targets[y0 + j];
                        sum += e * e;
                        if (record) {
                            residual[y0 + j] = 2.0 * e / count;
                        }
                    }
                } else if (record) {
                    Arrays.fill(residual, y0, y0 + block, 0.0);
                }
            }
            return sum / count;
        }

        @Override
        public double loss(double[] theta) {
            return forward(theta, null, false, null);
        }

        @Override
        public double loss(double[] theta, NoiseSource noise) {
            return forward(theta, Objects.requireNonNull(noise, "noise"), false, null);
        }

        @Override
        public double lossAndGradient(double[] theta, double[] grad) {
            checkGrad(grad);
            double loss = forward(theta, null, true, null);
            Arrays.fill(grad, 0.0);
            final int n = rows;
            final int block = n * out;
            double[] dNext = dStateA;
            double[] dPrev = dStateB;
            Arrays.fill(dNext, 0, n * stateSize, 0.0);
            for (int t = steps - 1; t >= 0; t--) {
                System.arraycopy(residual, t * block, dOut, 0, block);
                if (freeRunning && t + 1 < steps && t + 1 >= washout) {
                    // out_t was the input of step t+1.
                    for (int j = 0; j < block; j++) {
                        dOut[j] += dIn[j];
                    }
                }
                boolean fedBack = freeRunning && t >= washout;
                model.backward(theta, tape, t * n * tapeSize, n, dOut, dNext, dPrev, fedBack ? dIn : null, grad);
                double[] swap = dNext;
                dNext = dPrev;
                dPrev = swap;
            }
            return loss;
        }

        @Override
        public double localGradient(double[] theta, NoiseSource cotangent, double[] grad) {
            checkGrad(grad);
            Objects.requireNonNull(cotangent, "cotangent");
            double loss = forward(theta, null, true, null);
            final int n = rows;
            for (int t = 0; t < steps; t++) {
                cotangent.fill(t, sites);
                model.localGradient(theta, tape, t * n * tapeSize, n, sites, grad);
            }
            return loss;
        }

        @Override
        public void perturbedLosses(double[] theta, double sigma, boolean central, int from, int to, double[] result) {
            checkReady(theta);
            if (from < 0 || to > theta.length || from > to) {
                throw new IndexOutOfBoundsException("index range [" + from + ", " + to + ") outside [0, "
                        + theta.length + ")");
            }
            if (!freeRunning) {
                if (kernel == null) {
                    kernel = model.perWeightKernel(steps, washout);
                }
                if (kernel.isPresent()) {
                    kernel.get().perturbedLosses(theta, sigma, central, from, to, inputs, targets, rows, result);
                    return;
                }
            }
            if (perturbed == null) {
                perturbed = new double[theta.length];
            }
            OneWeightAtATime.losses(this, theta, perturbed, sigma, central, from, to, result);
        }

        private void checkGrad(double[] grad) {
            if (grad.length != model.parameterCount()) {
                throw new IllegalArgumentException("grad must have length P = " + model.parameterCount()
                        + ", but was " + grad.length);
            }
        }

        @Override
        public int noiseWidth() {
            return rows * noiseSize;
        }

        @Override
        public int timeSteps() {
            return steps;
        }
    }
}
