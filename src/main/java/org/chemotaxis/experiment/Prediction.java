package org.chemotaxis.experiment;

import java.nio.file.Path;
import java.util.List;
import org.chemotaxis.config.BadInputException;
import org.chemotaxis.config.DataConfig;
import org.chemotaxis.data.CsvSeriesDataset;
import org.chemotaxis.model.RecurrentModel;

/**
 * A trained CSV model run over a new file, row by row as one long sequence (teacher-forced: the
 * inputs are the file's input columns). The file needs the run's input columns; when it also
 * has the target columns, each prediction is set beside its target and the MSE (after the
 * washout, as in training) says how good it is.
 */
public final class Prediction {

    /**
     * {@code predicted[c][r]}: the model's output c after reading row r, the prediction of target
     * column c at row r + target_shift; {@code target[c][r]} that value, or null without targets.
     */
    public record Result(List<String> channels, int rows, double[][] predicted, double[][] target, double mse) {
    }

    private Prediction() {
    }

    public static Result run(SequenceExperiment exp, double[] theta, Path file) {
        DataConfig d = exp.config().data();
        if (!(exp.dataset() instanceof CsvSeriesDataset)) {
            throw new BadInputException("predict needs a run trained on CSV data (data.type csv), but this one is "
                    + d.type().key());
        }
        List<String> header = CsvSeriesDataset.header(file.toAbsolutePath());
        boolean withTargets = header.containsAll(d.targetColumns());
        int shift = withTargets ? d.targetShift() : 0;
        // One row per window: every row is read as it comes, the windows only index it.
        CsvSeriesDataset data = CsvSeriesDataset.read(file, d.inputColumns(),
                withTargets ? d.targetColumns() : d.inputColumns(), 1, 1, shift);
        RecurrentModel model = exp.model();
        int rows = data.size();
        int k = model.outputSize();
        double[][] predicted = new double[k][rows];
        double[][] target = withTargets ? new double[k][rows] : null;
        double[] state = new double[model.stateSize()];
        double[] next = new double[model.stateSize()];
        double[] input = new double[model.inputSize()];
        double[] output = new double[k];
        model.initialState(theta, state, 1);
        int washout = exp.config().objective().washout();
        double sum = 0;
        long n = 0;
        for (int r = 0; r < rows; r++) {
            for (int i = 0; i < input.length; i++) {
                input[i] = data.input(r, 0, i);
            }
            model.step(theta, state, next, input, output, 1, null, null, 0);
            double[] swap = state;
            state = next;
            next = swap;
            for (int c = 0; c < k; c++) {
                predicted[c][r] = output[c];
                if (target != null) {
                    target[c][r] = data.target(r, 0, c);
                    if (r >= washout) {
                        double e = output[c] - target[c][r];
                        sum += e * e;
                        n++;
                    }
                }
            }
        }
        return new Result(d.targetColumns(), rows, predicted, target, n > 0 ? sum / n : Double.NaN);
    }
}
