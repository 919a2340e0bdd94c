package org.chemotaxis.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.chemotaxis.perturb.Estimators;
import org.chemotaxis.perturb.GradientEstimator;
import org.chemotaxis.perturb.StepKey;
import org.chemotaxis.task.Evaluator;
import org.chemotaxis.task.Sample;
import org.junit.jupiter.api.Test;

/** Every estimator against the exact BPTT gradient on the sine task's Elman network. */
class EstimatorAgreementTest {

    private final SequenceExperiment exp = new SequenceExperiment(SineConfigs.small("central", 1));
    private final Evaluator ev = exp.objective().newEvaluator();
    private final double[] theta = exp.initialTheta();
    private final double[] exact = new double[theta.length];

    EstimatorAgreementTest() {
        ev.select(exp.samples().train(0, 0));
        ev.lossAndGradient(theta, exact);
    }

    private double[] estimate(String type, double sigma, int directions, long step) {
        GradientEstimator est = Estimators.create(type, sigma, directions);
        int n = est.indexCount(theta.length);
        double[] values = new double[n];
        StepKey key = new StepKey(11, step);
        est.evaluate(ev, theta, key, 0, n, values);
        double[] g = new double[theta.length];
        est.reduce(ev, theta, key, ev.loss(theta), values, g);
        return g;
    }

    static double cosine(double[] x, double[] y) {
        double xy = 0;
        double xx = 0;
        double yy = 0;
        for (int i = 0; i < x.length; i++) {
            xy += x[i] * y[i];
            xx += x[i] * x[i];
            yy += y[i] * y[i];
        }
        return xy / Math.sqrt(xx * yy);
    }

    @Test
    void perWeightPerturbationAgreesWithBptt() {
        double central = cosine(exact, estimate("central", 1e-4, 0, 0));
        double forward = cosine(exact, estimate("forward", 1e-4, 0, 0));
        System.out.printf("cosine to BPTT: central %.10f, forward %.10f%n", central, forward);
        assertTrue(central > 0.9999, "central " + central);
        assertTrue(forward > 0.999, "forward " + forward);
    }

    /**
     * Mean cosine of the antithetic Gaussian estimate over independent steps, against
     * sqrt(N / (N + P + 1)) = E[g.a] / sqrt(E|g|^2): the cosine of the mean quantities. For
     * small N the mean of the ratio lies below the ratio of the means (at N = 1 by the factor
     * E|z| = sqrt(2/pi) for large P), so N = 1 is checked against its exact value
     * E|u.a|/(|u||a|) = Gamma(P/2) / (sqrt(pi) Gamma((P+1)/2)) instead.
     */
    @Test
    void randomDirectionCosineMatchesTheory() {
        int p = theta.length;
        for (int n : new int[] {1, 16, 256}) {
            int trials = n == 256 ? 40 : 400;
            double sum = 0;
            double sq = 0;
            for (int k = 0; k < trials; k++) {
                double c = cosine(exact, estimate("gaussian", 1e-5, n, k));
                sum += c;
                sq += c * c;
            }
            double mean = sum / trials;
            double se = Math.sqrt((sq / trials - mean * mean) / trials);
            double theory = n == 1 ? sphereMeanAbsCoordinate(p) : Math.sqrt((double) n / (n + p + 1));
            System.out.printf("gaussian N=%d: mean cosine %.4f +- %.4f, theory %.4f, sqrt(N/(N+P+1)) %.4f%n",
                    n, mean, se, theory, Math.sqrt((double) n / (n + p + 1)));
            assertEquals(theory, mean, 3 * se, "N=" + n);
        }
    }

    /** E|x_1| for x uniform on the unit sphere in R^p. */
    static double sphereMeanAbsCoordinate(int p) {
        return Math.exp(logGamma(p / 2.0) - logGamma((p + 1) / 2.0)) / Math.sqrt(Math.PI);
    }

    /** Lanczos approximation (g = 7, n = 9), accurate to ~1e-15 for x > 0.5. */
    static double logGamma(double x) {
        double[] c = {0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
            -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
            1.5056327351493116e-7};
        x -= 1;
        double a = c[0];
        double t = x + 7.5;
        for (int i = 1; i < 9; i++) {
            a += c[i] / (x + i);
        }
        return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
    }

    @Test
    void nodePerturbationPointsAlongTheGradient() {
        double c16 = 0;
        double c256 = 0;
        int trials = 10;
        for (int k = 0; k < trials; k++) {
            c16 += cosine(exact, estimate("node", 1e-4, 16, k)) / trials;
            c256 += cosine(exact, estimate("node", 1e-4, 256, k)) / trials;
        }
        System.out.printf("node perturbation mean cosine: N=16 %.4f, N=256 %.4f%n", c16, c256);
        assertTrue(c16 > 0.1, "N=16: " + c16);
        assertTrue(c256 > c16 + 0.1, "more directions must help: " + c16 + " -> " + c256);
    }

    @Test
    void spsaIsUnbiasedToo() {
        int trials = 200;
        double[] mean = new double[theta.length];
        for (int k = 0; k < trials; k++) {
            double[] g = estimate("spsa", 1e-5, 16, k);
            for (int i = 0; i < g.length; i++) {
                mean[i] += g[i] / trials;
            }
        }
        double c = cosine(exact, mean);
        System.out.printf("spsa: cosine of the mean of %d estimates %.4f%n", trials, c);
        assertTrue(c > 0.9, "mean of many SPSA estimates should approach the gradient: " + c);
    }

    @Test
    void samplesAreSelectedByIndex() {
        Evaluator other = exp.objective().newEvaluator();
        other.select(Sample.of(exp.samples().train(0, 1).indices()));
        assertTrue(other.loss(theta) != ev.loss(theta));
    }
}
