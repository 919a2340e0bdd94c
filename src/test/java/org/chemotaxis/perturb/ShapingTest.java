package org.chemotaxis.perturb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.chemotaxis.task.Evaluator;
import org.chemotaxis.task.Sample;
import org.junit.jupiter.api.Test;

/** Centered ranks, and the random-direction estimators that use them. */
class ShapingTest {

    @Test
    void centeredRanksByHand() {
        // ranks 2, 0, 3, 1 of n = 4: rank / 3 - 0.5
        assertArrayEquals(new double[] {1.0 / 6, -0.5, 0.5, -1.0 / 6},
                Shaping.centeredRanks(new double[] {3.0, -7.0, 1e9, 2.5}), 1e-15);
        // two equal values share ranks 1 and 2: 1.5 / 3 - 0.5 = 0
        assertArrayEquals(new double[] {-0.5, 0.0, 0.0, 0.5},
                Shaping.centeredRanks(new double[] {1.0, 2.0, 2.0, 5.0}), 0.0);
        assertArrayEquals(new double[] {0.0}, Shaping.centeredRanks(new double[] {42.0}), 0.0);
        double[] nan = Shaping.centeredRanks(new double[] {1.0, Double.NaN, 3.0});
        for (double v : nan) {
            assertTrue(Double.isNaN(v));
        }
    }

    @Test
    void centeredRanksDependOnTheOrderAlone() {
        double[] x = {0.3, 0.1, 0.7, 0.2, 0.9, 0.05};
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = Math.exp(40 * x[i]) - 3; // monotone, wildly rescaled
        }
        assertArrayEquals(Shaping.centeredRanks(x), Shaping.centeredRanks(y), 0.0);
        double sum = 0;
        for (double v : Shaping.centeredRanks(x)) {
            sum += v;
        }
        assertEquals(0.0, sum, 1e-15);
    }

    @Test
    void namesAreTheConfigValues() {
        assertEquals(Shaping.CENTERED_RANK, Shaping.of("centered_rank"));
        assertEquals(Shaping.NONE, Shaping.of("none"));
        assertThrows(IllegalArgumentException.class, () -> Shaping.of("rank"));
    }

    /**
     * Gaussian directions with centered ranks: each index gives both losses, and the estimate is
     * (1/(2 sigma N)) sum_j (rank(L+_j) - rank(L-_j)) u_j, written out here from the losses and
     * directions directly.
     */
    @Test
    void shapedGaussianEstimateMatchesItsFormula() {
        int p = 6;
        int n = 5;
        double sigma = 0.05;
        SmoothObjective obj = SmoothObjective.random(p, 3, 0.2);
        Evaluator ev = obj.newEvaluator();
        ev.select(Sample.of(new int[0]));
        double[] theta = {0.1, -0.2, 0.3, 0.05, -0.4, 0.25};
        StepKey key = new StepKey(4, 9);
        RandomDirections est = RandomDirections.gaussian(sigma, n, Shaping.CENTERED_RANK);
        assertEquals(2, est.valuesPerIndex());

        double[][] u = new double[n][p];
        double[] losses = new double[2 * n];
        for (int j = 0; j < n; j++) {
            est.direction(key, j, u[j]);
            double[] plus = theta.clone();
            double[] minus = theta.clone();
            for (int i = 0; i < p; i++) {
                plus[i] += sigma * u[j][i];
                minus[i] -= sigma * u[j][i];
            }
            losses[2 * j] = obj.value(plus);
            losses[2 * j + 1] = obj.value(minus);
        }
        // ranks by a plain count: how many losses are below each one
        double[] rank = new double[2 * n];
        for (int a = 0; a < 2 * n; a++) {
            for (int b = 0; b < 2 * n; b++) {
                if (losses[b] < losses[a]) {
                    rank[a]++;
                }
            }
            rank[a] = rank[a] / (2 * n - 1) - 0.5;
        }
        double[] expected = new double[p];
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < p; i++) {
                expected[i] += (rank[2 * j] - rank[2 * j + 1]) * u[j][i] / (2 * sigma * n);
            }
        }
        double[] values = new double[2 * n];
        double[] first = new double[4];
        double[] rest = new double[6];
        est.evaluate(ev, theta, key, 0, 2, first);
        est.evaluate(ev, theta, key, 2, 5, rest);
        System.arraycopy(first, 0, values, 0, 4);
        System.arraycopy(rest, 0, values, 4, 6);
        assertArrayEquals(losses, values, 0.0, "the two losses of each pair, in index order");
        double[] grad = new double[p];
        est.reduce(ev, theta, key, obj.value(theta), values, grad);
        assertArrayEquals(expected, grad, 1e-12);
    }

    /** Without shaping, the values and the estimate are those of the plain antithetic estimator. */
    @Test
    void noShapingIsThePlainEstimator() {
        SmoothObjective obj = SmoothObjective.random(8, 5, 0.1);
        double[] theta = new double[8];
        StepKey key = new StepKey(1, 2);
        double[] a = EstimatorTest.estimate(RandomDirections.gaussian(0.01, 7), obj.newEvaluator(), theta, key, 3);
        double[] b = EstimatorTest.estimate(RandomDirections.gaussian(0.01, 7, Shaping.NONE), obj.newEvaluator(), theta,
                key, 2);
        assertArrayEquals(a, b, 0.0);
        assertEquals(1, RandomDirections.rademacher(0.01, 7, Shaping.NONE).valuesPerIndex());
        assertEquals(2, new NodePerturbation(0.01, 7, Shaping.CENTERED_RANK).valuesPerIndex());
    }

    /** Ranking is invariant to a monotone transformation of the loss: so is the shaped estimate. */
    @Test
    void shapedEstimateIgnoresTheScaleOfTheLoss() {
        SmoothObjective obj = SmoothObjective.random(10, 6, 0.0);
        double[] theta = new double[10];
        StepKey key = new StepKey(3, 1);
        GradientEstimator est = RandomDirections.rademacher(0.01, 9, Shaping.CENTERED_RANK);
        double[] g = EstimatorTest.estimate(est, obj.newEvaluator(), theta, key, 4);
        Evaluator scaled = new ScaledEvaluator(obj.newEvaluator(), 1000.0, 7.0);
        double[] h = EstimatorTest.estimate(est, scaled, theta, key, 4);
        assertArrayEquals(g, h, 0.0);
        assertTrue(Vectors.cosine(g, obj.gradient(theta)) > 0.3, "it still points along the gradient");
    }

    /** L' = a L + b with a > 0. */
    private record ScaledEvaluator(Evaluator inner, double a, double b) implements Evaluator {
        @Override
        public void select(Sample sample) {
            inner.select(sample);
        }

        @Override
        public double loss(double[] theta) {
            return a * inner.loss(theta) + b;
        }

        @Override
        public double loss(double[] theta, org.chemotaxis.model.NoiseSource noise) {
            throw new UnsupportedOperationException();
        }

        @Override
        public double lossAndGradient(double[] theta, double[] grad) {
            throw new UnsupportedOperationException();
        }

        @Override
        public double localGradient(double[] theta, org.chemotaxis.model.NoiseSource cotangent, double[] grad) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int noiseWidth() {
            return 0;
        }

        @Override
        public int timeSteps() {
            return 0;
        }
    }
}
