package org.chemotaxis.experiment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.chemotaxis.report.AtomicFiles;
import org.chemotaxis.report.Charts;
import org.chemotaxis.report.ModelFile;
import org.chemotaxis.report.RunFolder;
import org.chemotaxis.report.RunPlots;
import org.chemotaxis.worm.Baselines;
import org.chemotaxis.worm.ConcentrationField;
import org.chemotaxis.worm.Controller;
import org.chemotaxis.worm.FieldSpec;
import org.chemotaxis.worm.TrajectoryPlot;
import org.chemotaxis.worm.Trajectory;
import org.chemotaxis.worm.TrajectoryRecorder;
import org.chemotaxis.worm.WorldConfig;
import org.chemotaxis.worm.WormSimulator;

/** The plots a finished run leaves in its folder. */
public final class RunReports {

    public static final String GENERATION_PLOT = "generation.png";
    /** trajectories-network.png, trajectories-combined.png, ... */
    public static final String TRAJECTORY_PLOT = "trajectories-%s.png";

    /** Positions kept per path: every 10th world step of 0.01 s. */
    private static final int PLOT_EVERY = 10;

    private RunReports() {
    }

    public static void afterTraining(RunFolder folder, Experiment exp) {
        RunPlots.lossCurves(folder);
        if (exp instanceof SequenceExperiment seq && Generation.unsupported(seq) == null) {
            double[] theta = theta(folder, exp);
            var g = exp.config().generation();
            Generation.Result r = Generation.run(seq, theta, g.warmup(), g.steps());
            generationPlot(folder.file(GENERATION_PLOT), r);
        } else if (exp instanceof ChemotaxisExperiment chemo) {
            WorldConfig training = chemo.world();
            WorldConfig reference = chemo.evaluationWorld();
            RunPlots.metricCurve(folder, exp.metricName(), String.format(Locale.ROOT,
                    "training world (%.0f s, dt %s s; evaluate uses %.0f s, dt %s s)",
                    training.duration(), training.dt(), reference.duration(), reference.dt()));
            double[] theta = theta(folder, exp);
            WorldConfig world = reference;
            long seed = chemo.evaluationSeed();
            int worms = exp.config().chemotaxis().plotWorms();
            // The five plots share one view, the disc of the starts, so they can be compared.
            Map<String, Paths> all = new LinkedHashMap<>();
            all.put("network", Paths.simulate(chemo.field(), world, chemo.controller(theta), seed, worms));
            for (String name : Baselines.NAMES) {
                all.put(name, Paths.simulate(chemo.field(), world, Baselines.create(name), seed, worms));
            }
            TrajectoryPlot.View view = TrajectoryPlot.startDisc(chemo.field(), all.get("network").trajectories());
            for (var e : all.entrySet()) {
                e.getValue().draw(folder.file(String.format(TRAJECTORY_PLOT, e.getKey())), chemo.field(), world, view);
            }
        }
    }

    private static double[] theta(RunFolder folder, Experiment exp) {
        var model = ModelFile.read(folder.file(RunFolder.MODEL));
        return ModelFile.parametersFor(model, exp.model(), folder.file(RunFolder.MODEL));
    }

    /** Target and generated values of every output channel, each under its name. */
    public static void generationPlot(Path png, Generation.Result r) {
        List<Charts.Line> lines = new ArrayList<>();
        boolean one = r.channels().size() == 1;
        for (int c = 0; c < r.channels().size(); c++) {
            String name = r.channels().get(c);
            lines.add(new Charts.Line(one ? "target" : name + " target", r.time(), r.truth()[c]));
            lines.add(new Charts.Line(one ? "generated" : name + " generated", r.time(), r.generated()[c]));
        }
        Charts.lines(png, String.format(Locale.ROOT,
                        "Closed-loop generation after a %d-sample warm-up (MSE %.2e)", r.warmup(), r.mse()),
                "time step", one ? r.channels().get(0) : "value", false, lines);
    }

    /**
     * A PNG of the paths of episodes 0 .. worms-1 of {@code seed} (the first starts of an
     * evaluation with that seed) over the field, titled with the controller and their mean F.
     */
    public static void trajectoryPlot(Path png, ConcentrationField field, WorldConfig world, Controller controller, long seed,
                               int worms) {
        Paths p = Paths.simulate(field, world, controller, seed, worms);
        p.draw(png, field, world, TrajectoryPlot.View.around(field, p.trajectories()));
    }

    /** The recorded paths of one controller's first worms and their mean F. */
    private record Paths(String controller, List<Trajectory> trajectories, double meanF) {

        static Paths simulate(ConcentrationField field, WorldConfig world, Controller controller, long seed, int worms) {
            WormSimulator sim = new WormSimulator(field, world, worms);
            TrajectoryRecorder recorder = new TrajectoryRecorder(worms, PLOT_EVERY);
            sim.run(controller, seed, 0, 0, worms, recorder);
            double sum = 0;
            for (int i = 0; i < worms; i++) {
                sum += sim.score(i);
            }
            return new Paths(controller.name(), recorder.trajectories(), sum / worms);
        }

        void draw(Path png, ConcentrationField field, WorldConfig world, TrajectoryPlot.View view) {
            int worms = trajectories.size();
            String title = String.format(Locale.ROOT, "%s on %s: %d worms of %.0f s, mean F of these %d: %.3f",
                    controller, FieldSpec.format(field), worms, world.duration(), worms, meanF);
            try {
                AtomicFiles.write(png, TrajectoryPlot.png(field, trajectories, title, view));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot draw " + png + ": " + e.getMessage(), e);
            }
        }
    }
}
