package org.chemotaxis.perturb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.chemotaxis.task.Evaluator;
import org.chemotaxis.task.Sample;
import org.chemotaxis.train.TaskPartition;
import org.chemotaxis.train.TaskRange;
import org.junit.jupiter.api.Test;

class EstimatorTest {

    private static final int P = 40;

    private static double[] point(long seed) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        double[] t = new double[P];
        for (int i = 0; i < P; i++) {
            t[i] = r.nextDouble() - 0.5;
        }
        return t;
    }

    /** Runs a full step through tasks of the given size, as a coordinator would. */
    static double[] estimate(GradientEstimator est, Evaluator ev, double[] theta, StepKey key, int taskSize) {
        int n = est.indexCount(theta.length);
        int width = est.valuesPerIndex();
        double[] values = new double[n * width];
        for (TaskRange task : TaskPartition.split(n, taskSize)) {
            double[] out = new double[task.size() * width];
            est.evaluate(ev, theta, key, task.from(), task.to(), out);
            System.arraycopy(out, 0, values, task.from() * width, out.length);
        }
        double[] grad = new double[theta.length];
        est.reduce(ev, theta, key, ev.loss(theta), values, grad);
        return grad;
    }

    @Test
    void centralDifferenceMatchesTheClosedFormGradient() {
        SmoothObjective obj = SmoothObjective.random(P, 1, 0.3);
        Evaluator ev = obj.newEvaluator();
        ev.select(Sample.of(new int[0]));
        double[] theta = point(2);
        double[] exact = obj.gradient(theta);
        double[] est = estimate(WeightPerturbation.central(1e-4), ev, theta, new StepKey(1, 0), 7);
        for (int i = 0; i < P; i++) {
            // central difference error is c * sigma^2 * (third derivative): far below 1e-6 here
            assertEquals(exact[i], est[i], 1e-6 * Math.max(1, Math.abs(exact[i])), "component " + i);
        }
        assertTrue(Vectors.cosine(exact, est) > 0.9999);
    }

    @Test
    void forwardDifferenceHasFirstOrderBias() {
        SmoothObjective obj = SmoothObjective.random(P, 1, 0.3);
        Evaluator ev = obj.newEvaluator();
        double[] theta = point(3);
        double[] exact = obj.gradient(theta);
        double sigma = 1e-3;
        double[] est = estimate(WeightPerturbation.forward(sigma), ev, theta, new StepKey(1, 0), 5);
        double sum = 0;
        for (double t : theta) {
            sum += t;
        }
        for (int i = 0; i < P; i++) {
            // forward difference = g_i + sigma/2 * d2L/dtheta_i^2 + O(sigma^2)
            double second = obj.a[i] + obj.c * sum;
            assertEquals(exact[i] + sigma / 2 * second, est[i], 1e-6, "component " + i);
        }
        assertTrue(Vectors.cosine(exact, est) > 0.999);
    }

    @Test
    void taskSizeDoesNotChangeTheEstimate() {
        SmoothObjective obj = SmoothObjective.random(P, 4, 0.1);
        double[] theta = point(5);
        StepKey key = new StepKey(9, 3);
        for (GradientEstimator est : new GradientEstimator[] {
                WeightPerturbation.central(1e-3), WeightPerturbation.forward(1e-3),
                RandomDirections.gaussian(1e-3, 13), RandomDirections.rademacher(1e-3, 13)}) {
            double[] one = estimate(est, obj.newEvaluator(), theta, key, 1);
            double[] all = estimate(est, obj.newEvaluator(), theta, key, 1000);
            double[] odd = estimate(est, obj.newEvaluator(), theta, key, 3);
            assertArrayEquals(one, all, 0.0, est.name());
            assertArrayEquals(one, odd, 0.0, est.name());
        }
    }

    @Test
    void randomDirectionsAreRegeneratedFromTheKeyAlone() {
        RandomDirections est = RandomDirections.gaussian(1e-3, 4);
        double[] u1 = new double[P];
        double[] u2 = new double[P];
        est.direction(new StepKey(7, 11), 2, u1);
        est.direction(new StepKey(7, 11), 2, u2);
        assertArrayEquals(u1, u2, 0.0);
        est.direction(new StepKey(7, 12), 2, u2);
        assertTrue(Vectors.dot(u1, u2) != Vectors.dot(u1, u1));
        RandomDirections spsa = RandomDirections.rademacher(1e-3, 4);
        spsa.direction(new StepKey(7, 11), 0, u1);
        for (double v : u1) {
            assertTrue(v == 1.0 || v == -1.0);
        }
    }

    /**
     * For a linear loss with gradient a, the Gaussian estimate satisfies E[g] = a and
     * E|g|^2 = |a|^2 (N + P + 1) / N exactly; both are checked within 4 standard errors over
     * many independent steps.
     */
    @Test
    void gaussianDirectionsAreUnbiasedWithTheKnownSecondMoment() {
        double[] zeros = new double[P];
        SmoothObjective linear = new SmoothObjective(zeros, point(8), 0.0);
        Evaluator ev = linear.newEvaluator();
        double[] theta = point(9);
        double[] a = linear.gradient(theta);
        double aa = Vectors.dot(a, a);
        for (int n : new int[] {1, 16}) {
            RandomDirections est = RandomDirections.gaussian(1e-2, n);
            int trials = 2000;
            double[] mean = new double[P];
            double sq = 0;
            double sqsq = 0;
            double proj = 0;
            double projSq = 0;
            for (int k = 0; k < trials; k++) {
                double[] g = estimate(est, ev, theta, new StepKey(3, k), 64);
                for (int i = 0; i < P; i++) {
                    mean[i] += g[i] / trials;
                }
                double gg = Vectors.dot(g, g);
                sq += gg;
                sqsq += gg * gg;
                double ga = Vectors.dot(g, a);
                proj += ga;
                projSq += ga * ga;
            }
            double m2 = sq / trials;
            double se2 = Math.sqrt((sqsq / trials - m2 * m2) / trials);
            assertEquals(aa * (n + P + 1) / n, m2, 4 * se2, "E|g|^2 for N=" + n);
            double mp = proj / trials;
            double seP = Math.sqrt((projSq / trials - mp * mp) / trials);
            assertEquals(aa, mp, 4 * seP, "E[g.a] for N=" + n);
        }
    }

    @Test
    void bpttReturnsTheExactGradientWithoutTasks() {
        SmoothObjective obj = SmoothObjective.random(P, 1, 0.3);
        double[] theta = point(2);
        Backpropagation est = new Backpropagation();
        assertEquals(0, est.indexCount(P));
        assertArrayEquals(obj.gradient(theta), estimate(est, obj.newEvaluator(), theta, new StepKey(1, 0), 4), 0.0);
    }

    @Test
    void factoryKnowsEveryNameAndRejectsOthers() {
        for (String name : Estimators.NAMES) {
            assertEquals(name, Estimators.create(name, 1e-3, 4).name());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Estimators.create("centrl", 1e-3, 4));
        assertTrue(e.getMessage().contains("estimator type must be one of") && e.getMessage().contains("'centrl'"),
                e.getMessage());
        // The estimators name their own parameters; the config layer names the keys (ConfigLoaderTest).
        e = assertThrows(IllegalArgumentException.class, () -> Estimators.create("central", -1, 4));
        assertEquals("sigma must be > 0 and finite, but was -1.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Estimators.create("gaussian", 1e-3, 0));
        assertEquals("directions must be > 0, but was 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Estimators.create("node", 0, 4));
        assertEquals("sigma must be > 0 and finite, but was 0.0", e.getMessage());
    }

    @Test
    void estimatorsSayWhatTheyNeedFromTheObjective() {
        for (String name : Estimators.NAMES) {
            GradientEstimator est = Estimators.create(name, 1e-3, 4);
            assertEquals(name.equals("bptt"), est.needsGradient(), name);
            assertEquals(name.equals("node"), est.needsNodeNoise(), name);
        }
    }
}
