package org.chemotaxis.perturb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.chemotaxis.optim.Sgd;
import org.chemotaxis.task.Evaluator;
import org.chemotaxis.task.Sample;
import org.chemotaxis.train.Training;
import org.junit.jupiter.api.Test;

/** ARS: the top-b step by hand, the paper's update through SGD, and descent on a quadratic. */
class ArsTest {

    private static final StepKey KEY = new StepKey(2, 6);

    /**
     * Three pairs (5, 2 | 1, 4 | 3, 3), b = 2: the best losses of the pairs are 2, 1, 3, so pairs 1
     * and 0 are kept; their losses 5, 2, 1, 4 have mean 3 and standard deviation sqrt(2.5), and
     * g = ((5 - 2) delta_0 + (1 - 4) delta_1) / (2 sqrt 2.5).
     */
    @Test
    void topDirectionsStepByHand() {
        double[][] delta = PgpeTest.z(2, 6, 3, 4);
        double[] losses = {5, 2, 1, 4, 3, 3};
        assertArrayEquals(new int[] {1, 0}, Ars.topDirections(losses, 2));
        double[] grad = new double[4];
        new Ars(0.05, 3, 2, Shaping.NONE).reduce(null, new double[4], KEY, 0, losses, grad);
        for (int i = 0; i < 4; i++) {
            assertEquals((3 * delta[0][i] - 3 * delta[1][i]) / (2 * Math.sqrt(2.5)), grad[i], 1e-15);
        }
        // b = N keeps every pair: losses 5, 2, 1, 4, 3, 3 have mean 3 and variance 10/6
        new Ars(0.05, 3, 0, Shaping.NONE).reduce(null, new double[4], KEY, 0, losses, grad);
        for (int i = 0; i < 4; i++) {
            assertEquals((3 * delta[0][i] - 3 * delta[1][i] + 0 * delta[2][i]) / (3 * Math.sqrt(10.0 / 6)), grad[i], 1e-15);
        }
    }

    /** With SGD at rate alpha, one step is theta + alpha / (b sigma_R) sum (r+ - r-) delta for r = -L (Algorithm 1). */
    @Test
    void sgdTakesThePapersStep() {
        int p = 5;
        SmoothObjective obj = SmoothObjective.random(p, 9, 0.1);
        double[] theta0 = {0.2, -0.1, 0.4, 0.0, -0.3};
        double nu = 0.03;
        double alpha = 0.07;
        int n = 6;
        int b = 3;
        Training t = Descent.training(obj, new Ars(nu, n, b, Shaping.NONE), new Sgd(p), alpha, theta0);
        Descent.losses(t, 1);
        double[][] delta = PgpeTest.z(17, 0, n, p);
        double[] rPlus = new double[n];
        double[] rMinus = new double[n];
        double[] maxR = new double[n];
        for (int j = 0; j < n; j++) {
            double[] plus = theta0.clone();
            double[] minus = theta0.clone();
            for (int i = 0; i < p; i++) {
                plus[i] += nu * delta[j][i];
                minus[i] -= nu * delta[j][i];
            }
            rPlus[j] = -obj.value(plus);
            rMinus[j] = -obj.value(minus);
            maxR[j] = Math.max(rPlus[j], rMinus[j]);
        }
        // the b largest max(r+, r-), by selection
        boolean[] kept = new boolean[n];
        for (int k = 0; k < b; k++) {
            int best = -1;
            for (int j = 0; j < n; j++) {
                if (!kept[j] && (best < 0 || maxR[j] > maxR[best])) {
                    best = j;
                }
            }
            kept[best] = true;
        }
        double sum = 0;
        double sq = 0;
        for (int j = 0; j < n; j++) {
            if (kept[j]) {
                sum += rPlus[j] + rMinus[j];
                sq += rPlus[j] * rPlus[j] + rMinus[j] * rMinus[j];
            }
        }
        double mean = sum / (2 * b);
        double sigmaR = Math.sqrt(sq / (2 * b) - mean * mean);
        double[] expected = theta0.clone();
        for (int j = 0; j < n; j++) {
            if (kept[j]) {
                for (int i = 0; i < p; i++) {
                    expected[i] += alpha / (b * sigmaR) * (rPlus[j] - rMinus[j]) * delta[j][i];
                }
            }
        }
        assertArrayEquals(expected, t.theta(), 1e-12);
    }

    @Test
    void descendsAQuadratic() {
        int p = 10;
        SmoothObjective obj = SmoothObjective.random(p, 4, 0.0);
        double best = obj.value(PgpeTest.minimum(obj));
        for (Shaping shaping : Shaping.values()) {
            Training t = Descent.training(obj, new Ars(0.05, 8, 4, shaping), new Sgd(p), 0.02, new double[p]);
            double[] losses = Descent.losses(t, 500);
            double gap0 = losses[0] - best;
            double gap = losses[500] - best;
            System.out.printf("ars %s on a quadratic: loss gap %.3e -> %.3e%n", shaping, gap0, gap);
            assertTrue(gap < 0.02 * gap0, shaping + ": gap " + gap0 + " -> " + gap);
        }
    }

    @Test
    void aBrokenLossFailsTheStepEvenInADroppedDirection() {
        double[] grad = new double[2];
        new Ars(0.05, 3, 1, Shaping.NONE).reduce(null, new double[2], KEY, 0, new double[] {1, 2, 3, Double.NaN, 0.5, 4},
                grad);
        assertTrue(Double.isNaN(grad[0]));
        Evaluator ev = SmoothObjective.random(2, 1, 0).newEvaluator();
        ev.select(Sample.of(new int[0]));
        assertEquals(2, new Ars(0.05, 3, 1, Shaping.NONE).valuesPerIndex());
        assertEquals("top_directions must be in [1, directions = 3], but was 4",
                assertThrows(IllegalArgumentException.class, () -> new Ars(0.05, 3, 4, Shaping.NONE)).getMessage());
    }
}
