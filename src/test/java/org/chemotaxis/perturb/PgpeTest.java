package org.chemotaxis.perturb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.chemotaxis.optim.ClipUp;
import org.chemotaxis.task.Evaluator;
import org.chemotaxis.task.Sample;
import org.chemotaxis.train.Training;
import org.chemotaxis.util.RandomStreams;
import org.junit.jupiter.api.Test;

/** PGPE: its update against the paper's formulas, sigma's direction, and descent on a quadratic. */
class PgpeTest {

    /** z_j of step (seed, step), drawn here from the stream the method documents. */
    static double[][] z(long seed, long step, int n, int p) {
        double[][] z = new double[n][p];
        for (int j = 0; j < n; j++) {
            SplittableRandom r = RandomStreams.stream(seed, RandomStreams.Purpose.PERTURBATION, step, j);
            for (int i = 0; i < p; i++) {
                z[j][i] = r.nextGaussian();
            }
        }
        return z;
    }

    private static final double[] SIGMA = {0.1, 0.2, 0.3};
    /** f+_0, f-_0, f+_1, f-_1. */
    private static final double[] LOSSES = {1.0, 3.0, 2.5, 0.5};
    private static final StepKey KEY = new StepKey(5, 2);

    /**
     * N = 2 pairs, P = 3, losses given by hand. Mean gradient g_i = (1/2) sum_j (f+_j - f-_j)/2 sigma_i z_ji
     * = (1/2) (-sigma_i z_0i + sigma_i z_1i). Baseline b = 1.75, pair means 2 and 1.5, s = sqrt(1.0625),
     * h_i = (1/2) (0.25 sigma_i (z_0i^2 - 1) - 0.25 sigma_i (z_1i^2 - 1)) / s, sigma_i' = sigma_i - 0.1 h_i.
     */
    @Test
    void updateMatchesThePaperFormulasOnATinyProblem() {
        double[][] z = z(5, 2, 2, 3);
        Pgpe pgpe = new Pgpe(0.1, 2, Shaping.NONE, 0.1, 0.2);
        EstimatorState state = new EstimatorState("pgpe", java.util.Map.of("sigma", SIGMA));
        double[] grad = new double[3];
        pgpe.atScale(pgpe.scale(state)).reduce(null, new double[3], KEY, 0.0, LOSSES, grad);
        double s = Math.sqrt(1.0625);
        double[] expectedGrad = new double[3];
        double[] expectedSigma = new double[3];
        for (int i = 0; i < 3; i++) {
            expectedGrad[i] = 0.5 * (-SIGMA[i] * z[0][i] + SIGMA[i] * z[1][i]);
            double h = 0.5 * (0.25 * SIGMA[i] * (z[0][i] * z[0][i] - 1) - 0.25 * SIGMA[i] * (z[1][i] * z[1][i] - 1)) / s;
            expectedSigma[i] = SIGMA[i] + Math.max(-0.2 * SIGMA[i], Math.min(0.2 * SIGMA[i], -0.1 * h));
        }
        assertArrayEquals(expectedGrad, grad, 1e-15);
        assertArrayEquals(expectedSigma, pgpe.adapt(state, KEY, LOSSES).buffer("sigma"), 1e-15);
    }

    /** With centered ranks the losses become ranks 1, 3, 2, 0 of 4: -1/6, 1/2, 1/6, -1/2 (mean 0, no scaling). */
    @Test
    void shapedUpdateUsesTheRanks() {
        double[][] z = z(5, 2, 2, 3);
        Pgpe pgpe = new Pgpe(0.1, 2, Shaping.CENTERED_RANK, 0.5, 0.9);
        EstimatorState state = new EstimatorState("pgpe", java.util.Map.of("sigma", SIGMA));
        double[] f = {-1.0 / 6, 0.5, 1.0 / 6, -0.5};
        double[] grad = new double[3];
        pgpe.atScale(SIGMA).reduce(null, new double[3], KEY, 0.0, LOSSES, grad);
        double[] next = pgpe.adapt(state, KEY, LOSSES).buffer("sigma");
        for (int i = 0; i < 3; i++) {
            double g = 0.5 * ((f[0] - f[1]) / 2 * SIGMA[i] * z[0][i] + (f[2] - f[3]) / 2 * SIGMA[i] * z[1][i]);
            assertEquals(g, grad[i], 1e-15);
            double h = 0.5 * ((f[0] + f[1]) / 2 * SIGMA[i] * (z[0][i] * z[0][i] - 1)
                    + (f[2] + f[3]) / 2 * SIGMA[i] * (z[1][i] * z[1][i] - 1));
            double change = Math.max(-0.9 * SIGMA[i], Math.min(0.9 * SIGMA[i], -0.5 * h));
            assertEquals(SIGMA[i] + change, next[i], 1e-15);
        }
    }

    /** The workers' losses are those of theta +- sigma z_j, in index order, whatever the task. */
    @Test
    void workersEvaluateTheDocumentedPairs() {
        SmoothObjective obj = SmoothObjective.random(3, 2, 0.1);
        Evaluator ev = obj.newEvaluator();
        ev.select(Sample.of(new int[0]));
        double[] theta = {0.3, -0.1, 0.2};
        double[][] z = z(5, 2, 2, 3);
        double[] out = new double[2];
        new Pgpe(0.1, 2, Shaping.NONE, 0.1, 0.2).atScale(SIGMA).evaluate(ev, theta, KEY, 1, 2, out);
        double[] plus = new double[3];
        double[] minus = new double[3];
        for (int i = 0; i < 3; i++) {
            plus[i] = theta[i] + SIGMA[i] * z[1][i];
            minus[i] = theta[i] - SIGMA[i] * z[1][i];
        }
        assertArrayEquals(new double[] {obj.value(plus), obj.value(minus)}, out, 0.0);
    }

    /**
     * At the bottom of a bowl every move costs, so the samples that went further did worse and
     * sigma shrinks; on a dome every move gains and sigma grows. Each coordinate, with and without shaping.
     */
    @Test
    void sigmaShrinksInABowlAndGrowsOnADome() {
        int p = 4;
        int n = 400;
        double[] ones = {1, 1, 1, 1};
        double[] zeros = new double[p];
        for (Shaping shaping : Shaping.values()) {
            for (double curvature : new double[] {1.0, -1.0}) {
                double[] a = ones.clone();
                for (int i = 0; i < p; i++) {
                    a[i] *= curvature;
                }
                SmoothObjective obj = new SmoothObjective(a, zeros, 0.0);
                Pgpe pgpe = new Pgpe(0.1, n, shaping, 0.1, 0.2);
                Evaluator ev = obj.newEvaluator();
                double[] values = new double[2 * n];
                pgpe.evaluate(ev, zeros, KEY, 0, n, values);
                double[] next = pgpe.adapt(pgpe.initialState(p), KEY, values).buffer("sigma");
                for (int i = 0; i < p; i++) {
                    String what = shaping + ", curvature " + curvature + ", sigma_" + i + " = " + next[i];
                    assertTrue(curvature > 0 ? next[i] < 0.1 : next[i] > 0.1, what);
                }
            }
        }
    }

    @Test
    void descendsAQuadraticWithClipUp() {
        int p = 10;
        SmoothObjective obj = SmoothObjective.random(p, 4, 0.0);
        double best = obj.value(minimum(obj));
        for (Shaping shaping : Shaping.values()) {
            Training t = Descent.training(obj, new Pgpe(0.3, 8, shaping, 0.1, 0.2), new ClipUp(p, 0.9, 0.0), 0.05,
                    new double[p]);
            double[] losses = Descent.losses(t, 400);
            double gap0 = losses[0] - best;
            double gap = losses[400] - best;
            System.out.printf("pgpe %s on a quadratic: loss gap %.3e -> %.3e, mean sigma %.3f%n", shaping, gap0, gap,
                    Pgpe.mean(t.exportState().estimator().buffer("sigma")));
            assertTrue(gap < 0.02 * gap0, shaping + ": gap " + gap0 + " -> " + gap);
        }
    }

    static double[] minimum(SmoothObjective obj) {
        double[] m = new double[obj.a.length];
        for (int i = 0; i < m.length; i++) {
            m[i] = -obj.b[i] / obj.a[i];
        }
        return m;
    }

    @Test
    void settingsAreChecked() {
        assertEquals("sigma_max_change must be in (0, 1), but was 1.0",
                assertThrows(IllegalArgumentException.class, () -> new Pgpe(0.1, 2, Shaping.NONE, 0.1, 1.0)).getMessage());
        assertEquals("sigma_lr must be >= 0 and finite, but was -1.0",
                assertThrows(IllegalArgumentException.class, () -> new Pgpe(0.1, 2, Shaping.NONE, -1, 0.2)).getMessage());
    }
}
