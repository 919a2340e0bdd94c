package org.chemotaxis.perturb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.chemotaxis.task.Evaluator;
import org.chemotaxis.task.Sample;
import org.chemotaxis.train.Training;
import org.junit.jupiter.api.Test;

/** CMA-ES: one generation against the tutorial's equations, the step size's direction, and descent. */
class CmaEsTest {

    private static final StepKey KEY = new StepKey(8, 3);

    /**
     * n = 2, lambda = 4, sigma = 0.5 from the initial state (C = B = I, D = 1, paths 0), losses
     * (3, 1, 4, 2): the best are samples 1 and 3. Every constant and update is written out here
     * from the tutorial (Hansen 2016, Table 1 and equations (41) to (47), c_m = 1, no negative weights).
     */
    @Test
    void oneGenerationMatchesTheTutorial() {
        double[][] z = PgpeTest.z(8, 3, 4, 2);
        double[] losses = {3, 1, 4, 2};
        int n = 2;
        double w1 = Math.log(2.5);
        double w2 = Math.log(2.5) - Math.log(2);
        double[] w = {w1 / (w1 + w2), w2 / (w1 + w2)};
        double muEff = 1 / (w[0] * w[0] + w[1] * w[1]);
        double cs = (muEff + 2) / (n + muEff + 5);
        double ds = 1 + 2 * Math.max(0, Math.sqrt((muEff - 1) / (n + 1)) - 1) + cs;
        double cc = (4 + muEff / n) / (n + 4 + 2 * muEff / n);
        double c1 = 2 / ((n + 1.3) * (n + 1.3) + muEff);
        double cmu = Math.min(1 - c1, 2 * (muEff - 2 + 1 / muEff) / ((n + 2) * (n + 2) + muEff));
        double chiN = Math.sqrt(2) * (1 - 1.0 / 8 + 1.0 / 84);
        double[] y1 = z[1];
        double[] y2 = z[3];
        double[] yw = {w[0] * y1[0] + w[1] * y2[0], w[0] * y1[1] + w[1] * y2[1]};
        double[] ps = {Math.sqrt(cs * (2 - cs) * muEff) * yw[0], Math.sqrt(cs * (2 - cs) * muEff) * yw[1]};
        double psNorm = Math.hypot(ps[0], ps[1]);
        boolean h = psNorm / Math.sqrt(1 - Math.pow(1 - cs, 2)) < (1.4 + 2.0 / 3) * chiN;
        double hs = h ? 1 : 0;
        double[] pc = {hs * Math.sqrt(cc * (2 - cc) * muEff) * yw[0], hs * Math.sqrt(cc * (2 - cc) * muEff) * yw[1]};
        double keep = 1 - c1 - cmu + (1 - hs) * c1 * cc * (2 - cc);
        double[] c = new double[4];
        for (int r = 0; r < 2; r++) {
            for (int s = 0; s < 2; s++) {
                c[r * 2 + s] = keep * (r == s ? 1 : 0) + c1 * pc[r] * pc[s] + cmu * (w[0] * y1[r] * y1[s] + w[1] * y2[r] * y2[s]);
            }
        }
        double sigma = 0.5 * Math.exp(cs / ds * (psNorm / chiN - 1));

        CmaEs cma = new CmaEs(0.5, 4);
        EstimatorState s0 = cma.initialState(2);
        double[] step = new double[2];
        cma.atScale(cma.scale(s0)).reduce(null, new double[2], KEY, 0, losses, step);
        assertArrayEquals(new double[] {-0.5 * yw[0], -0.5 * yw[1]}, step, 1e-15, "minus sigma <y>_w");
        EstimatorState s1 = cma.adapt(s0, KEY, losses);
        assertArrayEquals(ps, s1.buffer("p_sigma"), 1e-14);
        assertArrayEquals(pc, s1.buffer("p_c"), 1e-14);
        assertArrayEquals(c, s1.buffer("C"), 1e-14);
        assertEquals(sigma, s1.scalar("sigma"), 1e-15);
        assertEquals(1.0, s1.scalar("generation"));
        System.out.printf("cmaes n = 2, lambda = 4: mu_eff %.4f, c_sigma %.4f, d_sigma %.4f, c_c %.4f, c_1 %.4f, "
                + "c_mu %.4f, h_sigma %s, sigma 0.5 -> %.4f%n", muEff, cs, ds, cc, c1, cmu, h, sigma);
    }

    /**
     * With n = 3 and lambda = 4 the decomposition is due every 1.14 generations, so it runs at
     * generations 2, 4 and 6: after the sixth, B D^2 B^T is the current C, B is orthonormal, and the
     * workers' scale is sigma B D.
     */
    @Test
    void theSamplingMatrixFactorsTheCovariance() {
        CmaEs cma = new CmaEs(0.5, 4);
        EstimatorState s = cma.initialState(3);
        for (int g = 0; g < 6; g++) {
            s = cma.adapt(s, new StepKey(1, g), new double[] {g, 3, 1 - g, 2});
        }
        assertEquals(6.0, s.scalar("generation"));
        assertEquals(6.0, s.scalar("eigen_generation"), "decomposed at this generation");
        double[] b = s.buffer("B");
        double[] d = s.buffer("D");
        double[] c = s.buffer("C");
        double[] a = cma.scale(s);
        double sigma = s.scalar("sigma");
        for (int r = 0; r < 3; r++) {
            for (int q = 0; q < 3; q++) {
                double bdb = 0;
                double btb = 0;
                for (int k = 0; k < 3; k++) {
                    bdb += b[r * 3 + k] * d[k] * d[k] * b[q * 3 + k];
                    btb += b[k * 3 + r] * b[k * 3 + q];
                }
                assertEquals(c[r * 3 + q], bdb, 1e-12, "B D^2 B^T = C");
                assertEquals(r == q ? 1.0 : 0.0, btb, 1e-12, "B^T B = I");
                assertEquals(sigma * b[r * 3 + q] * d[q], a[r * 3 + q], 1e-15);
            }
        }
        assertTrue(Math.abs(c[1]) > 1e-6, "C is no longer diagonal");
    }

    /**
     * On a slope the selected steps agree from one generation to the next and sigma grows; at the
     * bottom of a bowl with a sigma far too large they cancel out and sigma shrinks.
     */
    @Test
    void stepSizeGrowsOnASlopeAndShrinksAtTheBottom() {
        int n = 5;
        double[] zeros = new double[n];
        double[] ones = {1, 1, 1, 1, 1};
        Training slope = Descent.training(new SmoothObjective(zeros, ones, 0.0), new CmaEs(0.1, 0), new double[n]);
        Descent.losses(slope, 10);
        double up = slope.exportState().estimator().scalar("sigma");
        Training bowl = Descent.training(new SmoothObjective(ones, zeros, 0.0), new CmaEs(1.0, 0), new double[n]);
        Descent.losses(bowl, 10);
        double down = bowl.exportState().estimator().scalar("sigma");
        System.out.printf("cmaes sigma after 10 generations: slope 0.1 -> %.3f, bowl 1.0 -> %.3f%n", up, down);
        assertTrue(up > 0.1, "slope: " + up);
        assertTrue(down < 1.0, "bowl: " + down);
    }

    /** An ill-conditioned quadratic (curvatures 1 to 1000): the covariance learns the shape. */
    @Test
    void descendsAnIllConditionedQuadratic() {
        int n = 10;
        double[] a = new double[n];
        double[] b = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = Math.pow(1000, i / (n - 1.0));
            b[i] = (i % 2 == 0 ? 1 : -1) * a[i];
        }
        SmoothObjective obj = new SmoothObjective(a, b, 0.0);
        double best = obj.value(PgpeTest.minimum(obj));
        Training t = Descent.training(obj, new CmaEs(0.5, 0), new double[n]);
        double[] losses = Descent.losses(t, 400);
        double gap0 = losses[0] - best;
        double gap = losses[400] - best;
        double[] d = t.exportState().estimator().buffer("D");
        double[] sorted = d.clone();
        java.util.Arrays.sort(sorted);
        System.out.printf("cmaes on an ill-conditioned quadratic: gap %.3e -> %.3e, axis ratio of C %.1f (ideal %.1f)%n",
                gap0, gap, sorted[n - 1] / sorted[0], Math.sqrt(1000));
        assertTrue(gap < 1e-8 * gap0, "gap " + gap0 + " -> " + gap);
        assertTrue(sorted[n - 1] / sorted[0] > 10, "C stretched along the flat directions");
    }

    @Test
    void workersEvaluateTheDocumentedSamples() {
        SmoothObjective obj = SmoothObjective.random(2, 2, 0.1);
        Evaluator ev = obj.newEvaluator();
        ev.select(Sample.of(new int[0]));
        double[] theta = {0.3, -0.1};
        double[] a = {0.2, 0.05, -0.1, 0.4};
        double[][] z = PgpeTest.z(8, 3, 4, 2);
        double[] out = new double[2];
        new CmaEs(0.5, 4).atScale(a).evaluate(ev, theta, KEY, 2, 4, out);
        for (int k = 2; k < 4; k++) {
            double[] x = {theta[0] + (a[0] * z[k][0] + a[1] * z[k][1]), theta[1] + (a[2] * z[k][0] + a[3] * z[k][1])};
            assertEquals(obj.value(x), out[k - 2], 0.0);
        }
    }

    @Test
    void limitsAndDefaults() {
        assertEquals(4 + (int) Math.floor(3 * Math.log(89)), new CmaEs(0.1, 0).indexCount(89));
        assertEquals(1, new CmaEs(0.1, 0).valuesPerIndex());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new CmaEs(0.1, 0).initialState(CmaEs.MAX_PARAMETERS + 1));
        assertTrue(e.getMessage().contains("at most " + CmaEs.MAX_PARAMETERS), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new CmaEs(0.1, 1));
    }
}
