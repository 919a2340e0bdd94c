package org.chemotaxis.worm;

import java.util.SplittableRandom;
import org.chemotaxis.model.ParameterLayout;
import org.chemotaxis.model.RecurrentModel;
import org.chemotaxis.util.RandomStreams;

/**
 * A small Elman network for the tests of this package: h' = tanh(W h + U x + b + n_h),
 * y = V h' + c + n_y. Tape per row: h (prev), x, h'. No BPTT.
 */
public final class TinyElman implements RecurrentModel {

    final int in;
    final int hidden;
    final int out;
    private final ParameterLayout layout;
    private final int w;
    private final int u;
    private final int b;
    private final int v;
    private final int c;

    public TinyElman(int in, int hidden, int out) {
        this.in = in;
        this.hidden = hidden;
        this.out = out;
        layout = ParameterLayout.builder().matrix("W", hidden, hidden).matrix("U", hidden, in).vector("b", hidden)
                .matrix("V", out, hidden).vector("c", out).build();
        w = layout.slice("W").offset();
        u = layout.slice("U").offset();
        b = layout.slice("b").offset();
        v = layout.slice("V").offset();
        c = layout.slice("c").offset();
    }

    @Override
    public String type() {
        return "elman";
    }

    @Override
    public int inputSize() {
        return in;
    }

    @Override
    public int outputSize() {
        return out;
    }

    @Override
    public int stateSize() {
        return hidden;
    }

    @Override
    public int noiseSize() {
        return hidden + out;
    }

    @Override
    public int tapeSize() {
        return hidden + in + hidden;
    }

    @Override
    public ParameterLayout layout() {
        return layout;
    }

    @Override
    public void initialize(double[] theta, long seed) {
        SplittableRandom r = RandomStreams.stream(seed, RandomStreams.Purpose.INIT, 0, 0);
        for (int i = 0; i < theta.length; i++) {
            theta[i] = 0.5 * (2 * r.nextDouble() - 1);
        }
    }

    @Override
    public void initialState(double[] theta, double[] state, int batch) {
        java.util.Arrays.fill(state, 0, batch * hidden, 0.0);
    }

    @Override
    public void step(double[] theta, double[] stateIn, double[] stateOut, double[] input, double[] output, int batch,
                     double[] noise, double[] tape, int tapeOffset) {
        for (int r = 0; r < batch; r++) {
            for (int j = 0; j < hidden; j++) {
                double a = theta[b + j];
                for (int k = 0; k < hidden; k++) {
                    a += theta[w + j * hidden + k] * stateIn[r * hidden + k];
                }
                for (int k = 0; k < in; k++) {
                    a += theta[u + j * in + k] * input[r * in + k];
                }
                if (noise != null) {
                    a += noise[r * noiseSize() + j];
                }
                stateOut[r * hidden + j] = StrictMath.tanh(a);
            }
            for (int m = 0; m < out; m++) {
                double y = theta[c + m];
                for (int k = 0; k < hidden; k++) {
                    y += theta[v + m * hidden + k] * stateOut[r * hidden + k];
                }
                if (noise != null) {
                    y += noise[r * noiseSize() + hidden + m];
                }
                output[r * out + m] = y;
            }
            if (tape != null) {
                int t = tapeOffset + r * tapeSize();
                System.arraycopy(stateIn, r * hidden, tape, t, hidden);
                System.arraycopy(input, r * in, tape, t + hidden, in);
                System.arraycopy(stateOut, r * hidden, tape, t + hidden + in, hidden);
            }
        }
    }

    @Override
    public void backward(double[] theta, double[] tape, int tapeOffset, int batch, double[] dOutput,
                         double[] dStateIn, double[] dStateOut, double[] dInput, double[] grad) {
        throw new UnsupportedOperationException("test model");
    }

    @Override
    public void localGradient(double[] theta, double[] tape, int tapeOffset, int batch, double[] dNoise,
                              double[] grad) {
        for (int r = 0; r < batch; r++) {
            int t = tapeOffset + r * tapeSize();
            for (int j = 0; j < hidden; j++) {
                double d = dNoise[r * noiseSize() + j];
                grad[b + j] += d;
                for (int k = 0; k < hidden; k++) {
                    grad[w + j * hidden + k] += d * tape[t + k];
                }
                for (int k = 0; k < in; k++) {
                    grad[u + j * in + k] += d * tape[t + hidden + k];
                }
            }
            for (int m = 0; m < out; m++) {
                double d = dNoise[r * noiseSize() + hidden + m];
                grad[c + m] += d;
                for (int k = 0; k < hidden; k++) {
                    grad[v + m * hidden + k] += d * tape[t + hidden + in + k];
                }
            }
        }
    }
}
