package org.chemotaxis.model;

import java.util.Arrays;
import java.util.Optional;
import java.util.SplittableRandom;

import org.chemotaxis.kernel.CtrnnPerturbation;
import org.chemotaxis.kernel.Kernels;
import org.chemotaxis.kernel.Logistic;
import org.chemotaxis.kernel.PerWeightKernel;
import org.chemotaxis.util.RandomStreams;
import org.chemotaxis.util.RandomStreams.Purpose;

/**
 * Continuous-time recurrent neural network (Beer 1995; the model family of Izquierdo and
 * Lockery 2010), integrated by the explicit Euler method with a fixed step {@code dt}:
 * <pre>
 *   tau_i dy_i/dt = -y_i + sum_j w_ji sigma(y_j + theta_j) + sum_k v_ik x_k
 *   y_t   = y_{t-1} + (dt / tau) * (-y_{t-1} + w^T sigma(y_{t-1} + theta) + v x_t)   [+ noise]
 *   out_t = r sigma(y_t + theta) + b                                                [+ noise]
 * </pre>
 * with sigma the logistic function. The output reads the state after this step's update.
 *
 * <p>Parameter layout (row-major, in this order), N neurons, I inputs, O outputs:
 * <ul>
 *   <li>{@code log_tau} (N): time constants as ln tau, so that tau stays positive;</li>
 *   <li>{@code theta} (N): biases;</li>
 *   <li>{@code w} (N x N): entry (j, i) is w_ji, the weight from neuron j to neuron i (Beer's
 *       index order; row j lists what neuron j sends out);</li>
 *   <li>{@code v} (N x I): entry (i, k) is v_ik, input k to neuron i;</li>
 *   <li>{@code r} (O x N): readout of sigma(y + theta);</li>
 *   <li>{@code b} (O): readout bias.</li>
 * </ul>
 * So P = 2N + N*N + N*I + O*N + O.
 *
 * <p>State per row: y (N), initially zero. Noise sites per row ({@code noiseSize = N + O}): each
 * neuron's Euler update (added to y_t, so node perturbation also reaches tau), then each output.
 *
 * <p>Tape record per row: x_t (I), sigma(y_{t-1} + theta) (N), the bracket
 * f = -y_{t-1} + w^T sigma(y_{t-1} + theta) + v x_t (N), sigma(y_t + theta) (N).
 *
 * <p>Immutable and thread-safe. sigma is {@link Logistic#sigma}, pure double arithmetic within a
 * few ulp of 1 / (1 + exp(-z)) that the per-weight kernel {@code CtrnnPerturbation} runs too, so
 * that both give the same bits on every JVM. The Euler factor dt * exp(-log tau) keeps
 * {@link StrictMath#exp} (also the same on every JVM): it is one number per neuron, which the
 * kernel computes once per call, so a faster exp would gain nothing there.
 */
public final class CtrnnModel implements RecurrentModel {

    private final int inputSize;
    private final int neurons;
    private final int outputSize;
    private final double dt;
    private final ParameterLayout layout;
    private final int logTau;
    private final int bias;
    private final int w;
    private final int v;
    private final int r;
    private final int b;

    public CtrnnModel(int inputSize, int neurons, int outputSize, double dt) {
        requirePositive("inputSize", inputSize, "model.inputSize");
        requirePositive("neurons", neurons, "model.hidden");
        requirePositive("outputSize", outputSize, "model.outputSize");
        if (!(dt > 0.0) || Double.isInfinite(dt)) {
            throw new IllegalArgumentException("dt must be a finite number > 0, but was " + dt + " (model.dt)");
        }
        this.inputSize = inputSize;
        this.neurons = neurons;
        this.outputSize = outputSize;
        this.dt = dt;
        this.layout = ParameterLayout.builder()
                .vector("log_tau", neurons)
                .vector("theta", neurons)
                .matrix("w", neurons, neurons)
                .matrix("v", neurons, inputSize)
                .matrix("r", outputSize, neurons)
                .vector("b", outputSize)
                .build();
        this.logTau = layout.slice("log_tau").offset();
        this.bias = layout.slice("theta").offset();
        this.w = layout.slice("w").offset();
        this.v = layout.slice("v").offset();
        this.r = layout.slice("r").offset();
        this.b = layout.slice("b").offset();
    }

    private static void requirePositive(String name, int value, String key) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be > 0, but was " + value + " (" + key + ")");
        }
    }

    @Override
    public String type() {
        return "ctrnn";
    }

    @Override
    public int inputSize() {
        return inputSize;
    }

    @Override
    public int outputSize() {
        return outputSize;
    }

    public int neurons() {
        return neurons;
    }

    public double dt() {
        return dt;
    }

    /** {@link CtrnnPerturbation}. */
    @Override
    public Optional<PerWeightKernel> perWeightKernel(int steps, int washout) {
        return Optional.of(new CtrnnPerturbation(inputSize, neurons, outputSize, dt, steps, washout,
                Kernels.preferredCtrnn()));
    }

    @Override
    public int stateSize() {
        return neurons;
    }

    @Override
    public int noiseSize() {
        return neurons + outputSize;
    }

    @Override
    public int tapeSize() {
        return inputSize + 3 * neurons;
    }

    @Override
    public ParameterLayout layout() {
        return layout;
    }

    /**
     * log tau = 0 (tau = 1), theta ~ U(-1, 1), w, v, r ~ U(-1/sqrt(N), 1/sqrt(N)), b = 0; the
     * random ones drawn in layout order from the stream (seed, INIT, 0, 0). Overwrites {@code theta}.
     */
    @Override
    public void initialize(double[] theta, long seed) {
        if (theta.length != layout.size()) {
            throw new IllegalArgumentException("theta must have length P = " + layout.size()
                    + ", but was " + theta.length);
        }
        SplittableRandom rng = RandomStreams.stream(seed, Purpose.INIT, 0, 0);
        Arrays.fill(theta, logTau, logTau + neurons, 0.0);
        for (int i = 0; i < neurons; i++) {
            theta[bias + i] = -1.0 + 2.0 * rng.nextDouble();
        }
        double k = 1.0 / Math.sqrt(neurons);
        for (int p = w; p < b; p++) {
            theta[p] = -k + 2.0 * k * rng.nextDouble();
        }
        Arrays.fill(theta, b, b + outputSize, 0.0);
    }

    /** Writes zeros into {@code state[0 .. batch * stateSize)}. */
    @Override
    public void initialState(double[] theta, double[] state, int batch) {
        Arrays.fill(state, 0, batch * neurons, 0.0);
    }

    @Override
    public void step(double[] theta, double[] stateIn, double[] stateOut, double[] input, double[] output,
                     int batch, double[] noise, double[] tape, int tapeOffset) {
        final int I = inputSize;
        final int N = neurons;
        final int O = outputSize;
        final int T = tapeSize();
        final int NS = noiseSize();
        for (int row = 0; row < batch; row++) {
            final int yOff = row * N;
            final int xOff = row * I;
            final int t0 = tapeOffset + row * T;
            // stateOut first accumulates the bracket f, then becomes y_t.
            for (int i = 0; i < N; i++) {
                double f = -stateIn[yOff + i];
                final int rowV = v + i * I;
                for (int k = 0; k < I; k++) {
                    f += theta[rowV + k] * input[xOff + k];
                }
                stateOut[yOff + i] = f;
            }
            for (int j = 0; j < N; j++) {
                final double s = Logistic.sigma(stateIn[yOff + j] + theta[bias + j]);
                if (tape != null) {
                    tape[t0 + I + j] = s;
                }
                final int rowW = w + j * N;
                for (int i = 0; i < N; i++) {
                    stateOut[yOff + i] += s * theta[rowW + i];
                }
            }
            for (int i = 0; i < N; i++) {
                final double f = stateOut[yOff + i];
                if (tape != null) {
                    tape[t0 + I + N + i] = f;
                }
                double y = stateIn[yOff + i] + dt * StrictMath.exp(-theta[logTau + i]) * f;
                if (noise != null) {
                    y += noise[row * NS + i];
                }
                stateOut[yOff + i] = y;
            }
            final int oOff = row * O;
            for (int o = 0; o < O; o++) {
                output[oOff + o] = theta[b + o];
            }
            for (int i = 0; i < N; i++) {
                final double s = Logistic.sigma(stateOut[yOff + i] + theta[bias + i]);
                if (tape != null) {
                    tape[t0 + I + 2 * N + i] = s;
                }
                for (int o = 0; o < O; o++) {
                    output[oOff + o] += theta[r + o * N + i] * s;
                }
            }
            if (noise != null) {
                for (int o = 0; o < O; o++) {
                    output[oOff + o] += noise[row * NS + N + o];
                }
            }
            if (tape != null) {
                System.arraycopy(input, xOff, tape, t0, I);
            }
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>Reads the tape only. {@code dOutput}, {@code dStateIn}, {@code dStateOut}, {@code dInput}
     * and {@code grad} must not alias each other.
     */
    @Override
    public void backward(double[] theta, double[] tape, int tapeOffset, int batch, double[] dOutput,
                         double[] dStateIn, double[] dStateOut, double[] dInput, double[] grad) {
        final int I = inputSize;
        final int N = neurons;
        final int O = outputSize;
        final int T = tapeSize();
        for (int row = 0; row < batch; row++) {
            final int t0 = tapeOffset + row * T;
            final int sPrev = t0 + I;
            final int fOff = t0 + I + N;
            final int sNew = t0 + I + 2 * N;
            final int yOff = row * N;
            final int oOff = row * O;
            final int xOff = row * I;
            Arrays.fill(dStateOut, yOff, yOff + N, 0.0);
            if (dInput != null) {
                Arrays.fill(dInput, xOff, xOff + I, 0.0);
            }
            for (int o = 0; o < O; o++) {
                grad[b + o] += dOutput[oOff + o];
            }
            for (int i = 0; i < N; i++) {
                // g = dL/dy_t: from the future state and through the readout.
                final double s = tape[sNew + i];
                double ro = 0.0;
                for (int o = 0; o < O; o++) {
                    final double d = dOutput[oOff + o];
                    ro += theta[r + o * N + i] * d;
                    grad[r + o * N + i] += d * s;
                }
                final double viaReadout = ro * s * (1.0 - s);
                grad[bias + i] += viaReadout;
                final double g = dStateIn[yOff + i] + viaReadout;
                final double k = dt * StrictMath.exp(-theta[logTau + i]);
                final double u = k * g;
                // d(k)/d(log tau) = -k.
                grad[logTau + i] -= u * tape[fOff + i];
                dStateOut[yOff + i] += g - u;
                final int rowV = v + i * I;
                for (int c = 0; c < I; c++) {
                    grad[rowV + c] += u * tape[t0 + c];
                }
                if (dInput != null) {
                    for (int c = 0; c < I; c++) {
                        dInput[xOff + c] += u * theta[rowV + c];
                    }
                }
                for (int j = 0; j < N; j++) {
                    final double sj = tape[sPrev + j];
                    final int wji = w + j * N + i;
                    grad[wji] += u * sj;
                    final double back = u * theta[wji] * sj * (1.0 - sj);
                    dStateOut[yOff + j] += back;
                    grad[bias + j] += back;
                }
            }
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>A neuron's site reads y_{t-1} and x_t; an output's site reads y_t. Both also read
     * theta (the biases) through sigma, so the bias gradient has a part from each.
     */
    @Override
    public void localGradient(double[] theta, double[] tape, int tapeOffset, int batch, double[] dNoise,
                              double[] grad) {
        final int I = inputSize;
        final int N = neurons;
        final int O = outputSize;
        final int T = tapeSize();
        final int NS = noiseSize();
        for (int row = 0; row < batch; row++) {
            final int t0 = tapeOffset + row * T;
            final int sPrev = t0 + I;
            final int fOff = t0 + I + N;
            final int sNew = t0 + I + 2 * N;
            final int nOff = row * NS;
            for (int i = 0; i < N; i++) {
                final double u = dt * StrictMath.exp(-theta[logTau + i]) * dNoise[nOff + i];
                grad[logTau + i] -= u * tape[fOff + i];
                final int rowV = v + i * I;
                for (int c = 0; c < I; c++) {
                    grad[rowV + c] += u * tape[t0 + c];
                }
                for (int j = 0; j < N; j++) {
                    final double sj = tape[sPrev + j];
                    final int wji = w + j * N + i;
                    grad[wji] += u * sj;
                    grad[bias + j] += u * theta[wji] * sj * (1.0 - sj);
                }
            }
            for (int o = 0; o < O; o++) {
                final double d = dNoise[nOff + N + o];
                grad[b + o] += d;
                for (int i = 0; i < N; i++) {
                    final double s = tape[sNew + i];
                    grad[r + o * N + i] += d * s;
                    grad[bias + i] += d * theta[r + o * N + i] * s * (1.0 - s);
                }
            }
        }
    }

    @Override
    public String toString() {
        return "CtrnnModel[input=" + inputSize + ", neurons=" + neurons + ", output=" + outputSize
                + ", dt=" + dt + ", P=" + layout.size() + "]";
    }
}
