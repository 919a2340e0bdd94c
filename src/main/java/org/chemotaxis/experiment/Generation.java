package org.chemotaxis.experiment;

import org.chemotaxis.config.ExperimentConfig;
import org.chemotaxis.data.SequenceDataset;
import org.chemotaxis.data.SineDataset;
import org.chemotaxis.metrics.Metrics;
import org.chemotaxis.model.ClosedLoop;
import org.chemotaxis.model.RecurrentModel;
import org.chemotaxis.util.RandomStreams;

/**
 * "FSM mode": the trained network is warmed up on the first {@code warmup} samples of a sequence
 * (teacher-forced), then runs on its own outputs. For sine data the sequence is a fresh wave
 * that training never saw, drawn with the test stream, so it can be generated as long as asked;
 * for other data it is the first validation sequence, as far as it goes.
 */
public final class Generation {

    /** time step index, true value, generated value (first output component), and their MSE. */
    public record Result(int warmup, double[] time, double[] truth, double[] generated, double mse) {
    }

    private Generation() {
    }

    public static Result run(SequenceExperiment exp, double[] theta, int warmup, int steps) {
        if (warmup < 1) {
            throw new IllegalArgumentException("--warmup must be >= 1, but was " + warmup);
        }
        if (steps < 1) {
            throw new IllegalArgumentException("--steps must be >= 1, but was " + steps);
        }
        RecurrentModel model = exp.model();
        SequenceDataset data = exp.dataset();
        int seq;
        if (data instanceof SineDataset) {
            ExperimentConfig c = exp.config();
            var d = c.data();
            long seed = RandomStreams.key(c.seed(), RandomStreams.Purpose.TEST, 0, 0);
            data = new SineDataset(seed, 1, warmup + steps, d.dt(), d.frequency().interval(), d.phase().interval(), d.amplitude(), 0.0);
            seq = 0;
        } else {
            seq = exp.loader().validationIndices()[0];
            int available = data.length() - warmup + 1;
            if (available < 1) {
                throw new IllegalArgumentException("--warmup " + warmup + " is longer than the sequences (" + data.length() + ")");
            }
            steps = Math.min(steps, available);
        }
        double[][] inputs = new double[warmup][model.inputSize()];
        for (int t = 0; t < warmup; t++) {
            for (int i = 0; i < model.inputSize(); i++) {
                inputs[t][i] = data.input(seq, t, i);
            }
        }
        double[][] out = ClosedLoop.generate(model, theta, inputs, steps);
        double[] time = new double[steps];
        double[] truth = new double[steps];
        double[] generated = new double[steps];
        for (int m = 0; m < steps; m++) {
            // out[m] is the output of step warmup-1+m: the prediction of that step's target.
            time[m] = warmup + m;
            truth[m] = data.target(seq, warmup - 1 + m, 0);
            generated[m] = out[m][0];
        }
        return new Result(warmup, time, truth, generated, Metrics.mse(generated, truth));
    }
}
