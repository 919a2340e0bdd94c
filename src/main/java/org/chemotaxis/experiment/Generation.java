package org.chemotaxis.experiment;

import java.util.ArrayList;
import java.util.List;
import org.chemotaxis.config.BadInputException;
import org.chemotaxis.config.ExperimentConfig;
import org.chemotaxis.data.CsvSeriesDataset;
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
 * for other data it is the first validation sequence, as far as it goes. Feeding outputs back
 * only means something when the model predicts its own next input: CSV data whose target
 * columns are its input columns, shifted by one row ({@link #unsupported}).
 */
public final class Generation {

    /**
     * Time step index, true and generated values per output channel ({@code truth[c][m]}), the
     * channels' names (the CSV target columns; "value" for sine waves), the steps asked for
     * (more than were generated when the sequence ends first) and the MSE over all channels.
     */
    public record Result(int warmup, int requested, double[] time, List<String> channels, double[][] truth,
                         double[][] generated, double mse) {

        public boolean capped() {
            return time.length < requested;
        }
    }

    private Generation() {
    }

    /** Why closed-loop generation makes no sense for this experiment's data, or null when it does. */
    public static String unsupported(SequenceExperiment exp) {
        if (exp.dataset() instanceof CsvSeriesDataset csv) {
            if (!csv.inputColumns().equals(csv.targetColumns())) {
                return "generation feeds the model's outputs back as its inputs, so the target columns must be the"
                        + " input columns, but data.input_columns is " + csv.inputColumns() + " and data.target_columns is "
                        + csv.targetColumns() + " (to run the model on new inputs: predict RUN_DIR --data FILE)";
            }
            if (csv.targetShift() != 1) {
                return "generation feeds the model's outputs back as its next inputs, which needs data.target_shift 1"
                        + " (the next row), but it is " + csv.targetShift();
            }
        }
        return null;
    }

    public static Result run(SequenceExperiment exp, double[] theta, int warmup, int steps) {
        if (warmup < 1) {
            throw new IllegalArgumentException("--warmup must be >= 1, but was " + warmup);
        }
        if (steps < 1) {
            throw new IllegalArgumentException("--steps must be >= 1, but was " + steps);
        }
        String why = unsupported(exp);
        if (why != null) {
            throw new BadInputException(why);
        }
        int requested = steps;
        RecurrentModel model = exp.model();
        SequenceDataset data = exp.dataset();
        int seq;
        List<String> channels;
        if (data instanceof SineDataset) {
            ExperimentConfig c = exp.config();
            var d = c.data();
            long seed = RandomStreams.key(c.seed(), RandomStreams.Purpose.TEST, 0, 0);
            data = new SineDataset(seed, 1, warmup + steps, d.dt(), d.frequency().interval(), d.phase().interval(), d.amplitude(), 0.0);
            seq = 0;
            channels = List.of("value");
        } else {
            seq = exp.loader().validationIndices()[0];
            int available = data.length() - warmup + 1;
            if (available < 1) {
                throw new IllegalArgumentException("--warmup " + warmup + " is longer than the sequences (" + data.length() + ")");
            }
            steps = Math.min(steps, available);
            channels = data instanceof CsvSeriesDataset csv ? csv.targetColumns() : numbered(data.targetSize());
        }
        double[][] inputs = new double[warmup][model.inputSize()];
        for (int t = 0; t < warmup; t++) {
            for (int i = 0; i < model.inputSize(); i++) {
                inputs[t][i] = data.input(seq, t, i);
            }
        }
        double[][] out = ClosedLoop.generate(model, theta, inputs, steps);
        int k = channels.size();
        double[] time = new double[steps];
        double[][] truth = new double[k][steps];
        double[][] generated = new double[k][steps];
        double sum = 0;
        for (int m = 0; m < steps; m++) {
            // out[m] is the output of step warmup-1+m: the prediction of that step's target.
            time[m] = warmup + m;
            for (int c = 0; c < k; c++) {
                truth[c][m] = data.target(seq, warmup - 1 + m, c);
                generated[c][m] = out[m][c];
                double e = generated[c][m] - truth[c][m];
                sum += e * e;
            }
        }
        // One channel: the MSE as Metrics computes it (the number generation always reported).
        double mse = k == 1 ? Metrics.mse(generated[0], truth[0]) : sum / ((double) steps * k);
        return new Result(warmup, requested, time, channels, truth, generated, mse);
    }

    private static List<String> numbered(int n) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            names.add("output" + i);
        }
        return names;
    }
}
