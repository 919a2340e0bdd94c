package org.chemotaxis.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.chemotaxis.experiment.Prediction;
import org.chemotaxis.report.Charts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code predict}: a CSV run's model on new data. */
@Command(name = "predict", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Run a CSV run's trained model over a new CSV file and write its outputs as CSV and a PNG.",
            "Row by row, its input columns in (teacher-forced); the CSV has the row, then per target column",
            "its prediction and, when the file has that column, its value (shifted by data.target_shift)."})
public final class PredictCommand implements Callable<Integer> {

    @Mixin
    PluginOptions plugins;

    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "a run trained on CSV data")
    Path runDir;

    @Option(names = "--data", paramLabel = "FILE", required = true, description = "CSV file with the run's input columns")
    Path data;

    @Mixin
    CsvOutput output;

    @Override
    public Integer call() {
        LoadedRun run = LoadedRun.open(runDir, plugins.registry());
        List<Path> inputs = new ArrayList<>(run.inputs());
        inputs.add(data);
        output.check(run.folder().file("prediction.png"), inputs);
        Prediction.Result r = Prediction.run(run.sequence("predict"), run.theta(), data);
        StringBuilder csv = new StringBuilder("row");
        for (String c : r.channels()) {
            csv.append(',').append(c).append("_predicted");
            if (r.target() != null) {
                csv.append(',').append(c);
            }
        }
        csv.append('\n');
        for (int i = 0; i < r.rows(); i++) {
            csv.append(i);
            for (int c = 0; c < r.channels().size(); c++) {
                csv.append(',').append(r.predicted()[c][i]);
                if (r.target() != null) {
                    csv.append(',').append(r.target()[c][i]);
                }
            }
            csv.append('\n');
        }
        Path png = output.write(csv.toString(), run.folder().file("prediction.png"));
        plot(png, r);
        System.err.printf(Locale.ROOT, "%d rows predicted%s (plot %s)%n", r.rows(),
                r.target() != null ? String.format(Locale.ROOT, ", MSE %.3e", r.mse()) : " (the file has no target columns)",
                png);
        return ExitCode.OK;
    }

    private void plot(Path png, Prediction.Result r) {
        double[] rows = new double[r.rows()];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = i;
        }
        List<Charts.Line> lines = new ArrayList<>();
        for (int c = 0; c < r.channels().size(); c++) {
            String name = r.channels().get(c);
            if (r.target() != null) {
                lines.add(new Charts.Line(name, rows, r.target()[c]));
            }
            lines.add(new Charts.Line(name + " predicted", rows, r.predicted()[c]));
        }
        Charts.lines(png, "Predictions on " + data.getFileName()
                + (r.target() != null ? String.format(Locale.ROOT, " (MSE %.2e)", r.mse()) : ""), "row", "value", false, lines);
    }
}
