package org.chemotaxis.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Two steps of each optimizer on three parameters against values worked out by hand: literal
 * decimals where the arithmetic is exact enough to do on paper, otherwise closed forms derived
 * from the paper's formulas (e.g. Adam's bias-corrected moments after two steps) rather than
 * the recurrences the code runs.
 */
class OptimizerUpdateTest {

    private static final double TOL = 1e-12;
    private static final double[] THETA0 = {1.0, -2.0, 0.5};
    private static final double[] G1 = {0.1, -0.3, 0.2};
    private static final double[] G2 = {-0.2, 0.4, 0.05};

    @Test
    void sgdWithWeightDecayMatchesHandWorkedSteps() {
        Optimizer opt = new Sgd(3, 0.01);
        double[] theta = THETA0.clone();
        // g' = g + 0.01 theta = {0.11, -0.32, 0.205}; theta -= 0.1 g'
        opt.step(theta, G1, 0.1);
        assertArrayEquals(new double[] {0.989, -1.968, 0.4795}, theta, TOL);
        // g' = {-0.2 + 0.00989, 0.4 - 0.01968, 0.05 + 0.004795} = {-0.19011, 0.38032, 0.054795}
        opt.step(theta, G2, 0.1);
        assertArrayEquals(new double[] {1.008011, -2.006032, 0.4740205}, theta, TOL);
        assertEquals(2, opt.steps());
    }

    @Test
    void momentumMatchesHandWorkedSteps() {
        Optimizer opt = new Momentum(3, 0.9);
        double[] theta = THETA0.clone();
        // v1 = g1; theta -= 0.1 v1
        opt.step(theta, G1, 0.1);
        assertArrayEquals(new double[] {0.99, -1.97, 0.48}, theta, TOL);
        assertArrayEquals(G1, opt.exportState().buffer("momentum_buffer"), TOL);
        // v2 = 0.9 v1 + g2 = {-0.11, 0.13, 0.23}
        opt.step(theta, G2, 0.1);
        assertArrayEquals(new double[] {-0.11, 0.13, 0.23}, opt.exportState().buffer("momentum_buffer"), TOL);
        assertArrayEquals(new double[] {1.001, -1.983, 0.457}, theta, TOL);
    }

    @Test
    void momentumWithWeightDecayDecaysTheGradientBeforeTheBuffer() {
        double mu = 0.8;
        double wd = 0.05;
        double lr = 0.2;
        Optimizer opt = new Momentum(3, mu, wd);
        double[] theta = THETA0.clone();
        opt.step(theta, G1, lr);
        opt.step(theta, G2, lr);
        for (int i = 0; i < 3; i++) {
            double ga = G1[i] + wd * THETA0[i];
            double v1 = ga;
            double t1 = THETA0[i] - lr * v1;
            double gb = G2[i] + wd * t1;
            double v2 = mu * v1 + gb;
            double t2 = t1 - lr * v2;
            assertEquals(t2, theta[i], TOL, "entry " + i);
        }
    }

    @Test
    void nesterovMatchesHandWorkedSteps() {
        Optimizer opt = new Nesterov(3, 0.9);
        double[] theta = THETA0.clone();
        // v1 = g1; theta -= 0.1 (g1 + 0.9 v1) = 0.1 * 1.9 g1
        opt.step(theta, G1, 0.1);
        assertArrayEquals(new double[] {0.981, -1.943, 0.462}, theta, TOL);
        // v2 = {-0.11, 0.13, 0.23}; g2 + 0.9 v2 = {-0.299, 0.517, 0.257}
        opt.step(theta, G2, 0.1);
        assertArrayEquals(new double[] {-0.11, 0.13, 0.23}, opt.exportState().buffer("momentum_buffer"), TOL);
        assertArrayEquals(new double[] {1.0109, -1.9947, 0.4363}, theta, TOL);
    }

    @Test
    void rmsPropWithWeightDecayMatchesClosedForm() {
        double rho = 0.9;
        double eps = 1e-8;
        double wd = 0.01;
        double lr = 0.01;
        Optimizer opt = new RmsProp(3, rho, eps, wd);
        double[] theta = THETA0.clone();
        opt.step(theta, G1, lr);
        double[] theta1 = theta.clone();
        opt.step(theta, G2, lr);
        for (int i = 0; i < 3; i++) {
            double ga = G1[i] + wd * THETA0[i];
            // s1 = (1 - rho) ga^2, so sqrt(s1) = sqrt(1 - rho) |ga|
            double t1 = THETA0[i] - lr * ga / (Math.sqrt(1 - rho) * Math.abs(ga) + eps);
            assertEquals(t1, theta1[i], TOL, "step 1, entry " + i);
            double gb = G2[i] + wd * t1;
            // s2 = rho s1 + (1 - rho) gb^2 = (1 - rho)(rho ga^2 + gb^2)
            double s2 = (1 - rho) * (rho * ga * ga + gb * gb);
            double t2 = t1 - lr * gb / (Math.sqrt(s2) + eps);
            assertEquals(t2, theta[i], TOL, "step 2, entry " + i);
        }
    }

    @Test
    void adamMatchesClosedFormWithBiasCorrection() {
        double b1 = 0.9;
        double b2 = 0.999;
        double eps = 1e-8;
        double lr = 0.01;
        Optimizer opt = new Adam(3, b1, b2, eps);
        double[] theta = THETA0.clone();
        opt.step(theta, G1, lr);
        double[] theta1 = theta.clone();
        opt.step(theta, G2, lr);
        OptimizerState state = opt.exportState();
        for (int i = 0; i < 3; i++) {
            double ga = G1[i];
            double gb = G2[i];
            // t = 1: mhat = (1-b1) ga / (1-b1) = ga, vhat = ga^2, so the step is lr * ga / (|ga| + eps)
            double t1 = THETA0[i] - lr * ga / (Math.abs(ga) + eps);
            assertEquals(t1, theta1[i], TOL, "step 1, entry " + i);
            // t = 2: m2 = (1-b1)(b1 ga + gb), 1 - b1^2 = (1-b1)(1+b1), so mhat = (b1 ga + gb) / (1 + b1)
            double mhat = (b1 * ga + gb) / (1 + b1);
            double vhat = (b2 * ga * ga + gb * gb) / (1 + b2);
            double t2 = t1 - lr * mhat / (Math.sqrt(vhat) + eps);
            assertEquals(t2, theta[i], TOL, "step 2, entry " + i);
            assertEquals((1 - b1) * (b1 * ga + gb), state.buffer("exp_avg")[i], TOL);
            assertEquals((1 - b2) * (b2 * ga * ga + gb * gb), state.buffer("exp_avg_sq")[i], TOL);
        }
        assertEquals(2, state.steps());
    }

    @Test
    void adamWithWeightDecayUsesTheDecayedGradientInBothMoments() {
        double b1 = 0.8;
        double b2 = 0.99;
        double eps = 1e-6;
        double wd = 0.1;
        double lr = 0.05;
        Optimizer opt = new Adam(3, b1, b2, eps, wd);
        double[] theta = THETA0.clone();
        opt.step(theta, G1, lr);
        opt.step(theta, G2, lr);
        for (int i = 0; i < 3; i++) {
            double ga = G1[i] + wd * THETA0[i];
            double t1 = THETA0[i] - lr * ga / (Math.abs(ga) + eps);
            double gb = G2[i] + wd * t1;
            double mhat = (b1 * ga + gb) / (1 + b1);
            double vhat = (b2 * ga * ga + gb * gb) / (1 + b2);
            double t2 = t1 - lr * mhat / (Math.sqrt(vhat) + eps);
            assertEquals(t2, theta[i], TOL, "entry " + i);
        }
    }

    @Test
    void stepDoesNotModifyTheGradient() {
        for (String type : Optimizers.TYPES) {
            Optimizer opt = Optimizers.create(type, 3, OptimizerSettings.defaults().withWeightDecay(0.1));
            double[] grad = G1.clone();
            opt.step(THETA0.clone(), grad, 0.1);
            assertArrayEquals(G1, grad, 0.0, type);
        }
    }

    /**
     * ClipUp with momentum 0.5, step size 0.1 and max speed 0.15, on gradients whose norms are
     * whole numbers: g1 = (3, 4) (|g1| = 5), g2 = (0, -2) (|g2| = 2).
     * v1 = 0.1 (0.6, 0.8) = (0.06, 0.08), |v1| = 0.1 below 0.15; theta1 = (0.94, -2.08).
     * v2 = 0.5 v1 + 0.1 (0, -1) = (0.03, -0.06), |v2| = 0.0671 below 0.15; theta2 = (0.91, -2.02).
     * A third step along g1 at step size 0.2: v = 0.5 v2 + 0.2 (0.6, 0.8) = (0.135, 0.13), whose norm
     * 0.18742 exceeds 0.15: v is scaled to 0.15 / 0.18742.
     */
    @Test
    void clipUpMatchesHandWorkedSteps() {
        Optimizer opt = new ClipUp(2, 0.5, 0.15);
        double[] theta = {1.0, -2.0};
        opt.step(theta, new double[] {3, 4}, 0.1);
        assertArrayEquals(new double[] {0.94, -2.08}, theta, TOL);
        opt.step(theta, new double[] {0, -2}, 0.1);
        assertArrayEquals(new double[] {0.03, -0.06}, opt.exportState().buffer("velocity"), TOL);
        assertArrayEquals(new double[] {0.91, -2.02}, theta, TOL);
        opt.step(theta, new double[] {30, 40}, 0.2);
        double norm = Math.sqrt(0.135 * 0.135 + 0.13 * 0.13);
        double[] v = {0.135 * 0.15 / norm, 0.13 * 0.15 / norm};
        assertArrayEquals(v, opt.exportState().buffer("velocity"), TOL);
        assertArrayEquals(new double[] {0.91 - v[0], -2.02 - v[1]}, theta, TOL);
        assertEquals(0.15, Math.hypot(v[0], v[1]), TOL);
    }

    /** Without a max speed of its own, ClipUp's is twice the step size; a zero gradient adds nothing. */
    @Test
    void clipUpDefaultMaxSpeedIsTwiceTheStepSize() {
        Optimizer opt = new ClipUp(1, 0.9, 0.0);
        double[] theta = {0.0};
        for (int k = 0; k < 30; k++) {
            opt.step(theta, new double[] {1.0}, 0.1);
        }
        // the speed 0.1 (1 + 0.9 + ...) would approach 1.0; it is clipped to 0.2
        assertEquals(0.2, opt.exportState().buffer("velocity")[0], TOL);
        opt.step(theta, new double[] {0.0}, 0.1);
        assertEquals(0.18, opt.exportState().buffer("velocity")[0], TOL);
    }
}
