package org.chemotaxis.model;

import java.util.Arrays;
import java.util.Optional;
import java.util.SplittableRandom;

import org.chemotaxis.kernel.ElmanPerturbation;
import org.chemotaxis.kernel.Kernels;
import org.chemotaxis.kernel.PerWeightKernel;
import org.chemotaxis.math.Tanh;
import org.chemotaxis.util.RandomStreams;
import org.chemotaxis.util.RandomStreams.Purpose;

/**
 * Elman network (Elman 1990): {@code layers} stacked tanh recurrent layers of {@code hidden}
 * units each and a linear readout of the last layer,
 * <pre>
 *   h0_t = tanh(w_xh  x_t     + w_hh  h0_{t-1} + b_h)
 *   hl_t = tanh(w_xhl h(l-1)_t + w_hhl hl_{t-1} + b_hl)      (l = 1 .. layers-1)
 *   y_t  = w_hy h(L-1)_t + b_y
 * </pre>
 *
 * <p>Parameter layout (row-major matrices, in this order; it matches a PyTorch
 * {@code nn.RNN(tanh)} + {@code nn.Linear} peer with its two hidden biases summed into one):
 * {@code w_xh} (H x I), {@code w_hh} (H x H), {@code b_h} (H), then for every further layer l
 * {@code w_xh<l>} (H x H), {@code w_hh<l>} (H x H), {@code b_h<l>} (H), then {@code w_hy} (O x H),
 * {@code b_y} (O). So P = H*I + H*H + H + (L-1)*(2*H*H + H) + O*H + O.
 *
 * <p>State per row: the layers' hidden vectors, layer 0 first ({@code stateSize = L*H}); the
 * initial state is zero. Noise sites per row ({@code noiseSize = L*H + O}): every hidden unit's
 * pre-activation (before tanh), layer 0 first, then every output.
 *
 * <p>Tape record per row: the input (I), the previous state (L*H), the new state (L*H) and, for
 * L &gt; 1, H doubles of scratch that {@link #backward} overwrites (an immutable model has no
 * buffers of its own, and passing a layer's error down needs one vector of room). {@link #step}
 * and {@link #localGradient} never read the scratch.
 *
 * <p>Immutable and thread-safe. tanh is {@link Tanh#tanh}, pure double arithmetic within a few
 * ulp of {@link StrictMath#tanh}, so that nodes agree bit for bit and the vectorised per-weight
 * kernels ({@link org.chemotaxis.kernel.ElmanPerturbation}) give exactly the same numbers.
 */
public final class ElmanModel implements RecurrentModel {

    private final int inputSize;
    private final int hidden;
    private final int layers;
    private final int outputSize;
    private final ParameterLayout layout;
    // Offsets of each layer's w_xh, w_hh, b_h, then of the readout.
    private final int[] wxh;
    private final int[] whh;
    private final int[] bh;
    private final int why;
    private final int by;
    private final int tapeSize;

    /** One hidden layer. */
    public ElmanModel(int inputSize, int hidden, int outputSize) {
        this(inputSize, hidden, 1, outputSize);
    }

    public ElmanModel(int inputSize, int hidden, int layers, int outputSize) {
        requirePositive("inputSize", inputSize, "model.inputSize");
        requirePositive("hidden", hidden, "model.hidden");
        requirePositive("layers", layers, "model.layers");
        requirePositive("outputSize", outputSize, "model.outputSize");
        this.inputSize = inputSize;
        this.hidden = hidden;
        this.layers = layers;
        this.outputSize = outputSize;

        ParameterLayout.Builder b = ParameterLayout.builder();
        for (int l = 0; l < layers; l++) {
            String suffix = l == 0 ? "" : Integer.toString(l);
            b.matrix("w_xh" + suffix, hidden, l == 0 ? inputSize : hidden)
                    .matrix("w_hh" + suffix, hidden, hidden)
                    .vector("b_h" + suffix, hidden);
        }
        b.matrix("w_hy", outputSize, hidden).vector("b_y", outputSize);
        this.layout = b.build();

        this.wxh = new int[layers];
        this.whh = new int[layers];
        this.bh = new int[layers];
        for (int l = 0; l < layers; l++) {
            String suffix = l == 0 ? "" : Integer.toString(l);
            wxh[l] = layout.slice("w_xh" + suffix).offset();
            whh[l] = layout.slice("w_hh" + suffix).offset();
            bh[l] = layout.slice("b_h" + suffix).offset();
        }
        this.why = layout.slice("w_hy").offset();
        this.by = layout.slice("b_y").offset();
        this.tapeSize = inputSize + 2 * layers * hidden + (layers > 1 ? hidden : 0);
    }

    private static void requirePositive(String name, int value, String key) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be > 0, but was " + value + " (" + key + ")");
        }
    }

    @Override
    public String type() {
        return "elman";
    }

    @Override
    public int inputSize() {
        return inputSize;
    }

    @Override
    public int outputSize() {
        return outputSize;
    }

    public int hidden() {
        return hidden;
    }

    public int layers() {
        return layers;
    }

    /** {@link ElmanPerturbation} for one layer; deeper networks have no per-weight kernel. */
    @Override
    public Optional<PerWeightKernel> perWeightKernel(int steps, int washout) {
        if (layers != 1) {
            return Optional.empty();
        }
        return Optional.of(new ElmanPerturbation(inputSize, hidden, outputSize, steps, washout, Kernels.preferred()));
    }

    @Override
    public int stateSize() {
        return layers * hidden;
    }

    @Override
    public int noiseSize() {
        return layers * hidden + outputSize;
    }

    @Override
    public int tapeSize() {
        return tapeSize;
    }

    @Override
    public ParameterLayout layout() {
        return layout;
    }

    /**
     * Every parameter ~ U(-1/sqrt(H), 1/sqrt(H)) (PyTorch's default for nn.RNN and a Linear
     * reading H features), drawn in layout order from the stream (seed, INIT, 0, 0).
     * Overwrites {@code theta}.
     */
    @Override
    public void initialize(double[] theta, long seed) {
        checkTheta(theta);
        double k = 1.0 / Math.sqrt(hidden);
        SplittableRandom rng = RandomStreams.stream(seed, Purpose.INIT, 0, 0);
        for (int p = 0; p < theta.length; p++) {
            theta[p] = -k + 2.0 * k * rng.nextDouble();
        }
    }

    /** Writes zeros into {@code state[0 .. batch * stateSize)}. */
    @Override
    public void initialState(double[] theta, double[] state, int batch) {
        Arrays.fill(state, 0, batch * stateSize(), 0.0);
    }

    @Override
    public void step(double[] theta, double[] stateIn, double[] stateOut, double[] input, double[] output,
                     int batch, double[] noise, double[] tape, int tapeOffset) {
        final int I = inputSize;
        final int H = hidden;
        final int L = layers;
        final int O = outputSize;
        final int S = L * H;
        final int N = noiseSize();
        for (int r = 0; r < batch; r++) {
            final int xOff = r * I;
            final int sOff = r * S;
            final int nOff = r * N;
            for (int l = 0; l < L; l++) {
                // Layer l reads the input, or layer l-1's state of this very step.
                final double[] in = l == 0 ? input : stateOut;
                final int inOff = l == 0 ? xOff : sOff + (l - 1) * H;
                final int inLen = l == 0 ? I : H;
                final int hPrev = sOff + l * H;
                final int wx = wxh[l];
                final int wh = whh[l];
                final int b = bh[l];
                for (int i = 0; i < H; i++) {
                    double a = theta[b + i];
                    final int rowX = wx + i * inLen;
                    for (int j = 0; j < inLen; j++) {
                        a += theta[rowX + j] * in[inOff + j];
                    }
                    final int rowH = wh + i * H;
                    for (int j = 0; j < H; j++) {
                        a += theta[rowH + j] * stateIn[hPrev + j];
                    }
                    if (noise != null) {
                        a += noise[nOff + l * H + i];
                    }
                    stateOut[sOff + l * H + i] = Tanh.tanh(a);
                }
            }
            final int last = sOff + (L - 1) * H;
            final int yOff = r * O;
            for (int o = 0; o < O; o++) {
                double y = theta[by + o];
                final int row = why + o * H;
                for (int j = 0; j < H; j++) {
                    y += theta[row + j] * stateOut[last + j];
                }
                if (noise != null) {
                    y += noise[nOff + S + o];
                }
                output[yOff + o] = y;
            }
            if (tape != null) {
                final int t0 = tapeOffset + r * tapeSize;
                System.arraycopy(input, xOff, tape, t0, I);
                System.arraycopy(stateIn, sOff, tape, t0 + I, S);
                System.arraycopy(stateOut, sOff, tape, t0 + I + S, S);
            }
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>Also overwrites the scratch part of each row's tape record when L &gt; 1. {@code dOutput},
     * {@code dStateIn}, {@code dStateOut}, {@code dInput} and {@code grad} must not alias each other.
     */
    @Override
    public void backward(double[] theta, double[] tape, int tapeOffset, int batch, double[] dOutput,
                         double[] dStateIn, double[] dStateOut, double[] dInput, double[] grad) {
        final int I = inputSize;
        final int H = hidden;
        final int L = layers;
        final int O = outputSize;
        final int S = L * H;
        for (int r = 0; r < batch; r++) {
            final int t0 = tapeOffset + r * tapeSize;
            final int tx = t0;
            final int tPrev = t0 + I;
            final int tNew = t0 + I + S;
            final int scratch = t0 + I + 2 * S;
            final int sOff = r * S;
            final int yOff = r * O;

            Arrays.fill(dStateOut, sOff, sOff + S, 0.0);
            if (dInput != null) {
                Arrays.fill(dInput, r * I, r * I + I, 0.0);
            }
            // Readout: y = w_hy h + b_y.
            final int last = tNew + (L - 1) * H;
            for (int o = 0; o < O; o++) {
                final double d = dOutput[yOff + o];
                grad[by + o] += d;
                final int row = why + o * H;
                for (int j = 0; j < H; j++) {
                    grad[row + j] += d * tape[last + j];
                }
            }
            for (int l = L - 1; l >= 0; l--) {
                // dL/d(pre-activation) of this layer: computed on the fly for the top layer;
                // for lower layers dStateOut's slot of layer l holds the error passed down from
                // layer l+1 until it is turned into the pre-activation error in the scratch.
                final int hNew = tNew + l * H;
                final int dOwn = sOff + l * H;
                if (l < L - 1) {
                    for (int i = 0; i < H; i++) {
                        final double h = tape[hNew + i];
                        tape[scratch + i] = (dStateIn[dOwn + i] + dStateOut[dOwn + i]) * (1.0 - h * h);
                        dStateOut[dOwn + i] = 0.0;
                    }
                }
                final boolean bottom = l == 0;
                final int inLen = bottom ? I : H;
                final int inOff = bottom ? tx : tNew + (l - 1) * H;
                final int wx = wxh[l];
                final int wh = whh[l];
                final int b = bh[l];
                final int dBelow = sOff + (l - 1) * H;
                for (int i = 0; i < H; i++) {
                    final double da;
                    if (l == L - 1) {
                        double dh = dStateIn[dOwn + i];
                        for (int o = 0; o < O; o++) {
                            dh += theta[why + o * H + i] * dOutput[yOff + o];
                        }
                        final double h = tape[hNew + i];
                        da = dh * (1.0 - h * h);
                    } else {
                        da = tape[scratch + i];
                    }
                    grad[b + i] += da;
                    final int rowX = wx + i * inLen;
                    for (int j = 0; j < inLen; j++) {
                        grad[rowX + j] += da * tape[inOff + j];
                    }
                    final int rowH = wh + i * H;
                    final int hp = tPrev + l * H;
                    for (int j = 0; j < H; j++) {
                        grad[rowH + j] += da * tape[hp + j];
                        dStateOut[dOwn + j] += da * theta[rowH + j];
                    }
                    if (!bottom) {
                        for (int j = 0; j < H; j++) {
                            dStateOut[dBelow + j] += da * theta[rowX + j];
                        }
                    } else if (dInput != null) {
                        final int xo = r * I;
                        for (int j = 0; j < I; j++) {
                            dInput[xo + j] += da * theta[rowX + j];
                        }
                    }
                }
            }
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>Each site is differentiated with everything it reads held fixed: the input, the
     * previous state and, for layer l &ge; 1, layer l-1's new state; an output reads the last
     * layer's new state. Chaining through other sites of the same step would count their
     * effect twice, since node perturbation measures each site's total effect separately.
     */
    @Override
    public void localGradient(double[] theta, double[] tape, int tapeOffset, int batch, double[] dNoise,
                              double[] grad) {
        final int I = inputSize;
        final int H = hidden;
        final int L = layers;
        final int O = outputSize;
        final int S = L * H;
        final int N = noiseSize();
        for (int r = 0; r < batch; r++) {
            final int t0 = tapeOffset + r * tapeSize;
            final int tPrev = t0 + I;
            final int tNew = t0 + I + S;
            final int nOff = r * N;
            for (int l = 0; l < L; l++) {
                final int inLen = l == 0 ? I : H;
                final int inOff = l == 0 ? t0 : tNew + (l - 1) * H;
                final int hp = tPrev + l * H;
                for (int i = 0; i < H; i++) {
                    final double d = dNoise[nOff + l * H + i];
                    grad[bh[l] + i] += d;
                    final int rowX = wxh[l] + i * inLen;
                    for (int j = 0; j < inLen; j++) {
                        grad[rowX + j] += d * tape[inOff + j];
                    }
                    final int rowH = whh[l] + i * H;
                    for (int j = 0; j < H; j++) {
                        grad[rowH + j] += d * tape[hp + j];
                    }
                }
            }
            final int last = tNew + (L - 1) * H;
            for (int o = 0; o < O; o++) {
                final double d = dNoise[nOff + S + o];
                grad[by + o] += d;
                final int row = why + o * H;
                for (int j = 0; j < H; j++) {
                    grad[row + j] += d * tape[last + j];
                }
            }
        }
    }

    private void checkTheta(double[] theta) {
        if (theta.length != layout.size()) {
            throw new IllegalArgumentException("theta must have length P = " + layout.size()
                    + ", but was " + theta.length);
        }
    }

    @Override
    public String toString() {
        return "ElmanModel[input=" + inputSize + ", hidden=" + hidden + ", layers=" + layers
                + ", output=" + outputSize + ", P=" + layout.size() + "]";
    }
}
