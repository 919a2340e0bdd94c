package org.chemotaxis.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.chemotaxis.config.ConfigLoader;
import org.chemotaxis.config.ExperimentConfig;
import org.chemotaxis.report.Picture;
import org.chemotaxis.task.Evaluator;
import org.chemotaxis.task.Sample;
import org.chemotaxis.worm.ConcentrationField;
import org.chemotaxis.worm.Trajectory;
import org.chemotaxis.worm.TrajectoryRecorder;
import org.chemotaxis.worm.WormSimulator;
import org.junit.jupiter.api.Test;

/** The pictures of the best network that the dashboard shows, checked against the runs they draw. */
class PicturesTest {

    private static void assertNear(double expected, float actual, double step, String what) {
        assertTrue(Math.abs(expected - actual) <= 0.5 * step * (1 + 1e-6) + 1e-6 * Math.abs(expected),
                what + ": " + expected + " drawn as " + actual);
    }

    @Test
    void sineShowsTargetAndClosedLoopGenerationAsGenerationComputesThem() {
        ExperimentConfig c = SineConfigs.small("central", 1, "generation.steps=600");
        SequenceExperiment exp = new SequenceExperiment(c);
        double[] theta = exp.initialTheta();
        Picture p = Pictures.painter(exp).apply(theta);

        Generation.Result r = Generation.run(new SequenceExperiment(c), theta, 10, 600);
        assertEquals(Picture.LINES, p.kind());
        assertEquals(List.of("target", "generated"), p.series().stream().map(Picture.Series::name).toList());
        assertTrue(p.title().contains(String.format(Locale.ROOT, "MSE %.2e", r.mse())), p.title());
        int every = Picture.stride(600);
        assertEquals(3, every, "600 steps are drawn with every third");
        for (int s = 0; s < 2; s++) {
            Picture.Series ser = p.series().get(s);
            double[] values = s == 0 ? r.truth()[0] : r.generated()[0];
            assertTrue(ser.x().length <= Picture.MAX_POINTS);
            assertEquals(r.time()[599], ser.x()[ser.x().length - 1], "the last step is drawn");
            for (int k = 0; k < ser.x().length; k++) {
                int m = Math.min(k * every, 599);
                assertEquals(r.time()[m], ser.x()[k]);
                assertNear(values[m], ser.y()[k], 1e-3, ser.name() + " at step " + r.time()[m]);
            }
        }
    }

    @Test
    void csvWithoutFeedbackShowsTheOutputsOnTheFirstValidationWindow() {
        Path csv = Path.of("experiments/data/oscillator.csv").toAbsolutePath();
        String yaml = """
                name: osc
                seed: 1
                model: {type: elman, hidden: 4}
                data: {type: csv, path: %s, input_columns: [u], target_columns: [x], target_shift: 0, window: 60, stride: 30}
                objective: {washout: 7}
                training: {epochs: 1, batch: 4}
                """.formatted(csv);
        SequenceExperiment exp = new SequenceExperiment(ConfigLoader.parse(yaml, "osc.yml"));
        assertNotNull(Generation.unsupported(exp), "u -> x cannot run closed loop");
        double[] theta = exp.initialTheta();
        Picture p = Pictures.painter(exp).apply(theta);

        assertEquals(List.of("target", "output"), p.series().stream().map(Picture.Series::name).toList());
        assertEquals("x", p.yLabel());
        assertEquals(60, p.series().get(0).x().length);
        // The MSE shown is the loss training computes on that window alone.
        int seq = exp.loader().validationIndices()[0];
        Evaluator ev = exp.objective().newEvaluator();
        ev.select(Sample.of(new int[] {seq}));
        assertTrue(p.title().contains(String.format(Locale.ROOT, "MSE %.2e", ev.loss(theta))), p.title());
        for (int t = 0; t < 60; t++) {
            assertNear(exp.dataset().target(seq, t, 0), p.series().get(0).y()[t], Picture.stepFor(10), "target " + t);
        }
    }

    @Test
    void chemotaxisShowsWormPathsFromTheEvaluationStartsOverTheField() {
        ExperimentConfig c = ChemotaxisExperimentTest.small();
        ChemotaxisExperiment exp = new ChemotaxisExperiment(c);
        double[] theta = exp.initialTheta();
        Picture p = Pictures.painter(exp).apply(theta);

        assertEquals(Picture.PATHS, p.kind());
        assertEquals(Pictures.WORMS, p.series().size());
        // The same episodes, recorded at every world step, in a simulator of the test's own.
        ConcentrationField field = exp.field();
        WormSimulator sim = new WormSimulator(field, exp.world(), Pictures.WORMS);
        TrajectoryRecorder all = new TrajectoryRecorder(Pictures.WORMS, 1);
        sim.run(exp.controller(theta), exp.evaluationSeed(), 0, 0, Pictures.WORMS, all);
        int steps = exp.world().steps();
        assertEquals(600, steps);
        int every = Picture.stride(steps + 1, Pictures.PATH_POINTS);
        double step = Picture.stepFor(p.map().span());
        double meanF = 0;
        for (int w = 0; w < Pictures.WORMS; w++) {
            Trajectory t = all.trajectories().get(w);
            Picture.Series s = p.series().get(w);
            assertEquals(steps / every + 1, s.x().length);
            for (int k = 0; k < s.x().length; k++) {
                assertNear(t.x(k * every), s.x()[k], step, "worm " + w + " x at step " + k * every);
                assertNear(t.y(k * every), s.y()[k], step, "worm " + w + " y at step " + k * every);
            }
            // The starts lie on the ring of world.start_distance around the peak.
            assertEquals(1.5, Math.hypot(t.x(0) - field.peakX(), t.y(0) - field.peakY()), 1e-9);
            meanF += sim.score(w) / Pictures.WORMS;
        }
        assertTrue(p.title().contains(String.format(Locale.ROOT, "mean F %.3f", meanF)), p.title());
        assertEquals(List.of(new Picture.Mark("peak", 0f, 0f)), p.marks());

        // The map: the field at the centres of the cells, as a fraction of the largest.
        Picture.Grid g = p.map();
        int n = g.n();
        double[] c0 = new double[n * n];
        double top = 0;
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < n; i++) {
                c0[j * n + i] = field.at(g.x0() + (i + 0.5) * g.span() / n, g.y0() + (j + 0.5) * g.span() / n);
                top = Math.max(top, c0[j * n + i]);
            }
        }
        for (int k = 0; k < n * n; k++) {
            assertNear(c0[k] / top, g.values()[k], 0.01 + 1e-4, "map cell " + k);
        }
        assertTrue(g.x0() < field.peakX() && field.peakX() < g.x0() + g.span(), "the peak is in view");
        assertTrue(p.approximateBytes() < 16_000, "small: " + p.approximateBytes());
    }

    @Test
    void pluginProblemsHaveNoPicture() {
        Function<double[], Picture> none = Pictures.painter(new Experiment() {
            @Override
            public ExperimentConfig config() {
                return SineConfigs.small("central", 1);
            }

            @Override
            public org.chemotaxis.model.RecurrentModel model() {
                throw new UnsupportedOperationException();
            }

            @Override
            public org.chemotaxis.task.Objective objective() {
                throw new UnsupportedOperationException();
            }

            @Override
            public org.chemotaxis.train.SampleSource samples() {
                throw new UnsupportedOperationException();
            }

            @Override
            public String metricName() {
                return "m";
            }

            @Override
            public java.util.function.DoubleUnaryOperator lossToMetric() {
                return x -> x;
            }
        });
        assertNull(none);
    }
}
