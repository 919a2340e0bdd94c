package org.chemotaxis.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.chemotaxis.config.ExperimentConfig;
import org.chemotaxis.data.SequenceDataset;
import org.chemotaxis.report.Picture;
import org.chemotaxis.worm.ConcentrationField;
import org.chemotaxis.worm.Trajectory;
import org.chemotaxis.worm.TrajectoryPlot;
import org.chemotaxis.worm.TrajectoryRecorder;
import org.chemotaxis.worm.WorldConfig;
import org.chemotaxis.worm.WormSimulator;

/**
 * What a network of an experiment does, drawn small for the dashboard ({@link Picture}):
 * chemotaxis, the paths of {@link #WORMS} worms from fixed starts (the first starts of the
 * evaluation seed, as in the trajectory plots) in the training world over a map of the field;
 * sequence tasks, target vs closed-loop generation (as generation.png), or, where the outputs
 * cannot be fed back (CSV data whose targets are not its inputs), target vs the model's outputs
 * on the first validation window.
 */
public final class Pictures {

    /** Worms drawn: a few paths stay readable on a small canvas. */
    public static final int WORMS = 4;

    /** Points per path: smooth at the scale of the map, and 4 paths stay a few KiB. */
    static final int PATH_POINTS = 120;

    /** Cells per side of the field's map. */
    static final int MAP_CELLS = 24;

    /** Output channels drawn at most. */
    static final int MAX_CHANNELS = 4;

    private Pictures() {
    }

    /**
     * A painter of {@code exp}'s networks (θ to picture), or null for problems it cannot draw
     * (plugins). The painter builds its own copy of the experiment on first use, so it may run on
     * any one thread beside the training.
     */
    public static Function<double[], Picture> painter(Experiment exp) {
        ExperimentConfig config = exp.config();
        if (exp instanceof ChemotaxisExperiment) {
            return new Function<>() {
                private ChemotaxisExperiment own;

                @Override
                public Picture apply(double[] theta) {
                    if (own == null) {
                        own = new ChemotaxisExperiment(config);
                    }
                    return paths(own, theta);
                }
            };
        }
        if (exp instanceof SequenceExperiment seq) {
            SequenceDataset data = seq.dataset();
            return new Function<>() {
                private SequenceExperiment own;

                @Override
                public Picture apply(double[] theta) {
                    if (own == null) {
                        own = new SequenceExperiment(config, data);
                    }
                    return Generation.unsupported(own) == null ? generation(own, theta) : prediction(own, theta);
                }
            };
        }
        return null;
    }

    /** The paths of the first {@link #WORMS} episodes of the evaluation seed in the training world. */
    static Picture paths(ChemotaxisExperiment exp, double[] theta) {
        ConcentrationField field = exp.field();
        WorldConfig world = exp.world();
        int steps = world.steps();
        WormSimulator sim = new WormSimulator(field, world, WORMS);
        TrajectoryRecorder recorder = new TrajectoryRecorder(WORMS, Picture.stride(steps + 1, PATH_POINTS));
        sim.run(exp.controller(theta), exp.evaluationSeed(), 0, 0, WORMS, recorder);
        List<Trajectory> paths = recorder.trajectories();
        TrajectoryPlot.View view = TrajectoryPlot.startDisc(field, paths);
        double step = Picture.stepFor(view.span());
        List<Picture.Series> series = new ArrayList<>();
        double meanF = 0;
        for (int i = 0; i < paths.size(); i++) {
            Trajectory t = paths.get(i);
            series.add(new Picture.Series("worm " + (i + 1), Picture.sample(t.x(), 1, step),
                    Picture.sample(t.y(), 1, step)));
            meanF += sim.score(i) / paths.size();
        }
        String title = String.format(Locale.ROOT, "%d worms from fixed starts, %.0f s in the training world: mean F %.3f",
                paths.size(), world.duration(), meanF);
        return new Picture(Picture.PATHS, title, "x (cm)", "y (cm)", series, map(field, view, step),
                List.of(new Picture.Mark("peak", Picture.round(field.peakX(), step), Picture.round(field.peakY(), step))));
    }

    /** The field over the view, cell centres, as a fraction of the largest value seen. */
    static Picture.Grid map(ConcentrationField field, TrajectoryPlot.View view, double step) {
        int n = MAP_CELLS;
        double cell = view.span() / n;
        double[] c = new double[n * n];
        double top = 0;
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < n; i++) {
                c[j * n + i] = field.at(view.x0() + (i + 0.5) * cell, view.y0() + (j + 0.5) * cell);
                top = Math.max(top, c[j * n + i]);
            }
        }
        float[] values = new float[n * n];
        for (int k = 0; k < values.length; k++) {
            values[k] = Picture.round(top > 0 ? c[k] / top : 0, 0.01);
        }
        return new Picture.Grid(Picture.round(view.x0(), step), Picture.round(view.y0(), step),
                Picture.round(view.span(), step), n, values);
    }

    /** Target and closed-loop generation, as generation.png shows them after the run. */
    static Picture generation(SequenceExperiment exp, double[] theta) {
        var g = exp.config().generation();
        Generation.Result r = Generation.run(exp, theta, g.warmup(), g.steps());
        String title = String.format(Locale.ROOT, "closed loop after a %d-sample warm-up: MSE %.2e", r.warmup(), r.mse());
        return lines(title, r.time(), r.channels(), r.truth(), r.generated(), "generated");
    }

    /**
     * Target and the model's outputs on the first validation sequence, as training scores them
     * (one-step predictions when teacher-forced): what there is to see when the outputs cannot
     * be fed back as inputs.
     */
    static Picture prediction(SequenceExperiment exp, double[] theta) {
        SequenceDataset data = exp.dataset();
        int seq = exp.loader().validationIndices()[0];
        double[][] out = exp.objective().predict(theta, seq);
        int len = data.length();
        int k = data.targetSize();
        double[] time = new double[len];
        double[][] truth = new double[k][len];
        double[][] predicted = new double[k][len];
        int washout = exp.objective().washout();
        double sum = 0;
        long n = 0;
        for (int t = 0; t < len; t++) {
            time[t] = t;
            for (int c = 0; c < k; c++) {
                truth[c][t] = data.target(seq, t, c);
                predicted[c][t] = out[t][c];
                if (t >= washout) {
                    double e = predicted[c][t] - truth[c][t];
                    sum += e * e;
                    n++;
                }
            }
        }
        List<String> channels = exp.config().data().targetColumns();
        if (channels.size() != k) {
            channels = new ArrayList<>();
            for (int c = 0; c < k; c++) {
                channels.add("output" + c);
            }
        }
        String title = String.format(Locale.ROOT, "%s outputs on the first validation window: MSE %.2e",
                exp.objective().mode().configName().replace('_', '-'), n > 0 ? sum / n : Double.NaN);
        return lines(title, time, channels, truth, predicted, "output");
    }

    private static Picture lines(String title, double[] time, List<String> channels, double[][] truth,
                                 double[][] model, String what) {
        int every = Picture.stride(time.length);
        float[] x = Picture.sample(time, every, 1);
        int shown = Math.min(channels.size(), MAX_CHANNELS);
        boolean one = shown == 1;
        List<Picture.Series> series = new ArrayList<>();
        for (int c = 0; c < shown; c++) {
            double magnitude = 0;
            for (double v : truth[c]) {
                magnitude = Math.max(magnitude, Math.abs(v));
            }
            double step = Picture.stepFor(magnitude);
            String name = channels.get(c);
            series.add(new Picture.Series(one ? "target" : name + " target", x, Picture.sample(truth[c], every, step)));
            series.add(new Picture.Series(one ? what : name + " " + what, x, Picture.sample(model[c], every, step)));
        }
        if (shown < channels.size()) {
            title += String.format(Locale.ROOT, " (%d of %d outputs shown)", shown, channels.size());
        }
        return new Picture(Picture.LINES, title, "time step", one ? channels.get(0) : "value", series, null, null);
    }
}
