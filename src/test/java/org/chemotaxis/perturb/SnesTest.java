package org.chemotaxis.perturb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.chemotaxis.task.Evaluator;
import org.chemotaxis.train.Training;
import org.junit.jupiter.api.Test;

/** SNES: the paper's utilities and update by hand, sigma's direction, and descent on a quadratic. */
class SnesTest {

    private static final StepKey KEY = new StepKey(8, 3);

    /** lambda = 4: raw utilities ln 3, ln 3 - ln 2, 0, 0, whose sum is ln 4.5. */
    @Test
    void standardUtilitiesByHand() {
        double u1 = Math.log(3) / Math.log(4.5) - 0.25;
        double u2 = Math.log(1.5) / Math.log(4.5) - 0.25;
        assertArrayEquals(new double[] {u1, u2, -0.25, -0.25}, Snes.standardUtilities(4), 1e-15);
        assertEquals(0.4804227, u1, 1e-7);
        double sum = 0;
        for (double u : Snes.standardUtilities(18)) {
            sum += u;
        }
        assertEquals(0.0, sum, 1e-15);
        // losses 3, 1, 4, 2: ranks 3, 1, 4, 2 (1 = best)
        Snes snes = new Snes(1.0, 4, Shaping.NONE, Double.NaN);
        assertArrayEquals(new double[] {-0.25, u1, -0.25, u2}, snes.utilities(new double[] {3, 1, 4, 2}), 1e-15);
        // a tie of the two best shares their mean
        assertArrayEquals(new double[] {(u1 + u2) / 2, (u1 + u2) / 2, -0.25, -0.25},
                snes.utilities(new double[] {1, 1, 4, 5}), 1e-15);
    }

    @Test
    void defaultsAreThePapers() {
        assertEquals(18, Snes.defaultPopulation(89), "4 + floor(3 ln 89) = 17, rounded up to even");
        assertEquals(14, Snes.defaultPopulation(29), "4 + floor(3 ln 29) = 14");
        assertEquals((3 + Math.log(100)) / 50, Snes.defaultSigmaLr(100), 1e-15);
        assertEquals(9, new Snes(0.1, 0, Shaping.NONE, Double.NaN).indexCount(89));
        assertEquals(3, new Snes(0.1, 6, Shaping.NONE, Double.NaN).indexCount(89));
    }

    /**
     * P = 2, lambda = 4, sigma = (0.5, 2), losses (3, 1 | 4, 2) by hand. Utilities by sample:
     * -1/4, u1, -1/4, u2. grad_mu = (-1/4 - u1) z_0 + (-1/4 - u2) z_1, the mean moves by sigma grad_mu;
     * grad_sigma = (u1 - 1/4)(z_0^2 - 1) + (u2 - 1/4)(z_1^2 - 1), sigma' = sigma exp(eta/2 grad_sigma)
     * with eta = (3 + ln 2) / (5 sqrt 2).
     */
    @Test
    void updateMatchesThePaperOnATinyProblem() {
        double[][] z = PgpeTest.z(8, 3, 2, 2);
        double[] sigma = {0.5, 2.0};
        double[] losses = {3, 1, 4, 2};
        double u1 = Math.log(3) / Math.log(4.5) - 0.25;
        double u2 = Math.log(1.5) / Math.log(4.5) - 0.25;
        double eta = (3 + Math.log(2)) / (5 * Math.sqrt(2));
        Snes snes = new Snes(1.0, 4, Shaping.NONE, Double.NaN);
        assertTrue(snes.takesOwnStep());
        double[] step = new double[2];
        snes.atScale(sigma).reduce(null, new double[2], KEY, 0, losses, step);
        double[] next = snes.adapt(new EstimatorState("snes", Map.of("sigma", sigma)), KEY, losses).buffer("sigma");
        for (int i = 0; i < 2; i++) {
            double gradMu = (-0.25 - u1) * z[0][i] + (-0.25 - u2) * z[1][i];
            assertEquals(-sigma[i] * gradMu, step[i], 1e-14, "minus the mean's step, " + i);
            double gradSigma = (u1 - 0.25) * (z[0][i] * z[0][i] - 1) + (u2 - 0.25) * (z[1][i] * z[1][i] - 1);
            assertEquals(sigma[i] * Math.exp(eta / 2 * gradSigma), next[i], 1e-14, "sigma " + i);
        }
    }

    /** In a bowl the far samples are the worst: sigma shrinks; on a dome they are the best: sigma grows. */
    @Test
    void sigmaShrinksInABowlAndGrowsOnADome() {
        int p = 4;
        double[] zeros = new double[p];
        for (Shaping shaping : Shaping.values()) {
            for (double curvature : new double[] {1.0, -1.0}) {
                double[] a = {curvature, curvature, curvature, curvature};
                SmoothObjective obj = new SmoothObjective(a, zeros, 0.0);
                Snes snes = new Snes(0.1, 400, shaping, Double.NaN);
                Evaluator ev = obj.newEvaluator();
                double[] values = new double[400];
                snes.evaluate(ev, zeros, KEY, 0, 200, values);
                double[] next = snes.adapt(snes.initialState(p), KEY, values).buffer("sigma");
                for (int i = 0; i < p; i++) {
                    String what = shaping + ", curvature " + curvature + ", sigma_" + i + " = " + next[i];
                    assertTrue(curvature > 0 ? next[i] < 0.1 : next[i] > 0.1, what);
                }
            }
        }
    }

    @Test
    void descendsAQuadraticWithoutAnOptimizer() {
        int p = 10;
        SmoothObjective obj = SmoothObjective.random(p, 4, 0.0);
        double best = obj.value(PgpeTest.minimum(obj));
        for (Shaping shaping : Shaping.values()) {
            Training t = Descent.training(obj, new Snes(0.5, 0, shaping, Double.NaN), new double[p]);
            double[] losses = Descent.losses(t, 300);
            double gap0 = losses[0] - best;
            double gap = losses[300] - best;
            System.out.printf("snes %s on a quadratic: loss gap %.3e -> %.3e, mean sigma %.2e%n", shaping, gap0, gap,
                    Pgpe.mean(t.exportState().estimator().buffer("sigma")));
            assertTrue(gap < 1e-4 * gap0, shaping + ": gap " + gap0 + " -> " + gap);
            assertEquals(0, t.exportState().optimizer().steps(), "the optimizer is not used");
        }
    }

    @Test
    void settingsAreChecked() {
        assertEquals("population must be even and >= 2 (mirrored pairs), but was 5",
                assertThrows(IllegalArgumentException.class, () -> new Snes(0.1, 5, Shaping.NONE, Double.NaN)).getMessage());
    }
}
