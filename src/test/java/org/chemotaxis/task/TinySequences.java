package org.chemotaxis.task;

import java.util.SplittableRandom;

import org.chemotaxis.data.SequenceDataset;
import org.chemotaxis.util.RandomStreams;
import org.chemotaxis.util.RandomStreams.Purpose;

/** Test fixture: a small in-memory {@link SequenceDataset} over explicit arrays [seq][t][component]. */
public final class TinySequences implements SequenceDataset {

    private final double[][][] inputs;
    private final double[][][] targets;

    public TinySequences(double[][][] inputs, double[][][] targets) {
        this.inputs = inputs;
        this.targets = targets;
    }

    /**
     * Next-step prediction of {@code dims} sines with random phases and slightly different
     * frequencies: input(t) = sin(w_c t + phi), target(t) = input(t + 1).
     */
    public static TinySequences sines(int count, int length, int dims, long seed) {
        SplittableRandom rng = RandomStreams.stream(seed, Purpose.TEST, 0, 0);
        double[][][] x = new double[count][length][dims];
        double[][][] y = new double[count][length][dims];
        for (int s = 0; s < count; s++) {
            for (int c = 0; c < dims; c++) {
                double phase = 2 * Math.PI * rng.nextDouble();
                double omega = 0.4 + 0.15 * c;
                for (int t = 0; t < length; t++) {
                    x[s][t][c] = Math.sin(omega * t + phase);
                    y[s][t][c] = Math.sin(omega * (t + 1) + phase);
                }
            }
        }
        return new TinySequences(x, y);
    }

    @Override
    public int size() {
        return inputs.length;
    }

    @Override
    public int length() {
        return inputs[0].length;
    }

    @Override
    public int inputSize() {
        return inputs[0][0].length;
    }

    @Override
    public int targetSize() {
        return targets[0][0].length;
    }

    @Override
    public double input(int seq, int t, int i) {
        return inputs[seq][t][i];
    }

    @Override
    public double target(int seq, int t, int i) {
        return targets[seq][t][i];
    }
}
