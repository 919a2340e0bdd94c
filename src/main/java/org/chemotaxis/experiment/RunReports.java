package org.chemotaxis.experiment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.chemotaxis.config.BadInputException;
import org.chemotaxis.report.Charts;
import org.chemotaxis.report.ModelFile;
import org.chemotaxis.report.RunFolder;
import org.chemotaxis.report.RunPlots;
import org.chemotaxis.worm.Baselines;
import org.chemotaxis.worm.ConcentrationField;
import org.chemotaxis.worm.Controller;
import org.chemotaxis.worm.FieldSpec;
import org.chemotaxis.worm.TrajectoryPlot;
import org.chemotaxis.worm.TrajectoryRecorder;
import org.chemotaxis.worm.WorldConfig;
import org.chemotaxis.worm.WormSimulator;

/** The plots a finished run leaves in its folder. */
public final class RunReports {

    public static final String GENERATION_PLOT = "generation.png";
    public static final String METRIC_PLOT = "metric.png";
    /** trajectories-network.png, trajectories-combined.png, ... */
    public static final String TRAJECTORY_PLOT = "trajectories-%s.png";

    /** Positions kept per path: every 10th world step of 0.01 s. */
    private static final int PLOT_EVERY = 10;

    private RunReports() {
    }

    public static void afterTraining(RunFolder folder, Experiment exp) {
        RunPlots.lossCurves(folder);
        if (exp instanceof SequenceExperiment seq) {
            double[] theta = theta(folder, exp);
            var g = exp.config().generation();
            Generation.Result r = Generation.run(seq, theta, g.warmup(), g.steps());
            generationPlot(folder.file(GENERATION_PLOT), r);
        } else if (exp instanceof ChemotaxisExperiment chemo) {
            metricPlot(folder, exp.metricName());
            double[] theta = theta(folder, exp);
            WorldConfig world = chemo.evaluationWorld();
            long seed = chemo.evaluationSeed();
            int worms = exp.config().chemotaxis().plotWorms();
            trajectoryPlot(folder.file(String.format(TRAJECTORY_PLOT, "network")), chemo.field(), world,
                    chemo.objective().controller(theta), seed, worms);
            for (String name : Baselines.NAMES) {
                trajectoryPlot(folder.file(String.format(TRAJECTORY_PLOT, name)), chemo.field(), world,
                        Baselines.create(name), seed, worms);
            }
        }
    }

    private static double[] theta(RunFolder folder, Experiment exp) {
        var model = ModelFile.read(folder.file(RunFolder.MODEL));
        return ModelFile.parametersFor(model, exp.model(), folder.file(RunFolder.MODEL));
    }

    public static void generationPlot(Path png, Generation.Result r) {
        Charts.lines(png, String.format(Locale.ROOT,
                        "Closed-loop generation after a %d-sample warm-up (MSE %.2e)", r.warmup(), r.mse()),
                "time step", "value", false,
                List.of(new Charts.Line("target", r.time(), r.truth()), new Charts.Line("generated", r.time(), r.generated())));
    }

    /** metric.png: the validation metric per epoch (F for chemotaxis), from metrics.csv. */
    public static void metricPlot(RunFolder folder, String metricName) {
        Path csv = folder.file(RunFolder.METRICS);
        List<String> lines;
        try {
            lines = Files.readAllLines(csv);
        } catch (IOException e) {
            throw new BadInputException("cannot read " + csv + ": " + e.getMessage());
        }
        if (lines.isEmpty()) {
            return;
        }
        int column = List.of(lines.get(0).split(",")).indexOf("metric");
        List<double[]> rows = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split(",");
            try {
                rows.add(new double[] {Double.parseDouble(f[0]) + 1, Double.parseDouble(f[column])});
            } catch (RuntimeException e) {
                throw new BadInputException("line " + (i + 1) + " of " + csv + " is not a metrics row: " + lines.get(i));
            }
        }
        if (rows.isEmpty()) {
            return;
        }
        double[] epoch = new double[rows.size()];
        double[] metric = new double[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            epoch[i] = rows.get(i)[0];
            metric[i] = rows.get(i)[1];
        }
        Charts.lines(folder.file(METRIC_PLOT), "Validation " + metricName + " per epoch", "epoch", metricName, false,
                List.of(new Charts.Line(metricName, epoch, metric)));
    }

    /**
     * A PNG of the paths of episodes 0 .. worms-1 of {@code seed} (the first starts of an
     * evaluation with that seed) over the field, titled with the controller and their mean F.
     */
    public static void trajectoryPlot(Path png, ConcentrationField field, WorldConfig world, Controller controller, long seed,
                               int worms) {
        WormSimulator sim = new WormSimulator(field, world, worms);
        TrajectoryRecorder recorder = new TrajectoryRecorder(worms, PLOT_EVERY);
        sim.run(controller, seed, 0, 0, worms, recorder);
        double sum = 0;
        for (int i = 0; i < worms; i++) {
            sum += sim.score(i);
        }
        String title = String.format(Locale.ROOT, "%s on %s: %d worms, %.0f s, mean F %.3f", controller.name(),
                FieldSpec.format(field), worms, world.duration(), sum / worms);
        try {
            TrajectoryPlot.write(png, field, recorder.trajectories(), title);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot draw " + png + ": " + e.getMessage(), e);
        }
    }
}
