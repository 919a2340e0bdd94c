package org.chemotaxis.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

import org.chemotaxis.model.CtrnnModel;
import org.chemotaxis.model.ElmanModel;
import org.chemotaxis.model.RecurrentModel;
import org.chemotaxis.perturb.StepKey;
import org.chemotaxis.perturb.WeightPerturbation;
import org.chemotaxis.task.Evaluator;
import org.chemotaxis.task.Numerics;
import org.chemotaxis.task.Sample;
import org.chemotaxis.task.SequenceRegression;
import org.chemotaxis.task.SequenceRegression.Mode;
import org.chemotaxis.task.TinySequences;
import org.junit.jupiter.api.Test;

/**
 * The batched per-weight kernel against the definition: one full reference forward pass
 * ({@link Evaluator#loss(double[])}) per perturbed copy. Equality is bit for bit throughout.
 */
class ElmanPerturbationTest {

    private static final double SIGMA = 1e-3;

    /** A problem: model sizes, batch and washout. */
    private record Case(int in, int hidden, int out, int length, int washout, int[] batch) {
        ElmanModel model() {
            return new ElmanModel(in, hidden, out);
        }

        TinySequences data() {
            int count = 0;
            for (int b : batch) {
                count = Math.max(count, b + 1);
            }
            // Next-step prediction needs in == out; otherwise targets are a second set of sines.
            TinySequences x = TinySequences.sines(count, length, in, 11L + hidden);
            if (in == out) {
                return x;
            }
            TinySequences y = TinySequences.sines(count, length, out, 13L + hidden);
            double[][][] inputs = new double[count][length][in];
            double[][][] targets = new double[count][length][out];
            for (int s = 0; s < count; s++) {
                for (int t = 0; t < length; t++) {
                    for (int c = 0; c < in; c++) {
                        inputs[s][t][c] = x.input(s, t, c);
                    }
                    for (int o = 0; o < out; o++) {
                        targets[s][t][o] = 0.5 * y.target(s, t, o);
                    }
                }
            }
            return new TinySequences(inputs, targets);
        }

        SequenceRegression objective() {
            return SequenceRegression.builder(data(), model()).washout(washout).build();
        }

        double[] theta() {
            // Larger than the default initialisation so that the units leave tanh's linear range.
            double[] t = Numerics.randomTheta(model(), 3L * hidden + in);
            for (int i = 0; i < t.length; i++) {
                t[i] *= 2.5;
            }
            return t;
        }
    }

    private static final List<Case> CASES = List.of(
            new Case(1, 5, 1, 12, 3, new int[] {0, 2, 1}),
            new Case(2, 7, 3, 9, 0, new int[] {4}),
            new Case(3, 16, 2, 8, 2, new int[] {1, 0, 2, 3, 4}),
            new Case(1, 33, 1, 6, 1, new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8}),
            // 16384 / (41 * 20) = 19 copies a group: groups split central pairs and hold a remainder.
            new Case(1, 20, 1, 3, 1, range(41)));

    private static int[] range(int n) {
        return PerWeightReference.range(n);
    }

    private static double[] reference(Evaluator ev, double[] theta, boolean central, int from, int to) {
        return PerWeightReference.reference(ev, theta, SIGMA, central, from, to);
    }

    private static double[][] batchArrays(Case c) {
        return PerWeightReference.batchArrays(c.data(), c.batch(), c.length(), c.in(), c.out());
    }

    private static List<RecurrentBlock> blocks() {
        List<RecurrentBlock> blocks = new ArrayList<>();
        blocks.add(Kernels.scalar());
        if (Kernels.preferred() != Kernels.scalar()) {
            blocks.add(Kernels.preferred());
        }
        return blocks;
    }

    @Test
    void everyIndexEqualsTheReferenceForwardPassesBitForBit() {
        for (Case c : CASES) {
            SequenceRegression obj = c.objective();
            Evaluator ev = obj.newEvaluator();
            ev.select(Sample.of(c.batch));
            double[] theta = c.theta();
            int p = theta.length;
            double[][] xy = batchArrays(c);
            for (boolean central : new boolean[] {true, false}) {
                double[] expected = reference(ev, theta, central, 0, p);
                for (RecurrentBlock block : blocks()) {
                    ElmanPerturbation k = new ElmanPerturbation(c.in, c.hidden, c.out, c.length, c.washout, block);
                    double[] got = new double[p];
                    k.perturbedLosses(theta, SIGMA, central, 0, p, xy[0], xy[1], c.batch.length, got);
                    assertArrayEquals(expected, got, 0.0, c + " central=" + central + " " + block.name());
                }
                // And through the estimator, which the evaluator short-cuts.
                double[] viaEstimator = new double[p];
                WeightPerturbation est = central ? WeightPerturbation.central(SIGMA) : WeightPerturbation.forward(SIGMA);
                est.evaluate(ev, theta, new StepKey(1, 0), 0, p, viaEstimator);
                assertArrayEquals(expected, viaEstimator, 0.0, c + " via estimator");
            }
        }
    }

    @Test
    void valuesDoNotDependOnHowTheIndicesAreCutIntoTasks() {
        for (Case c : CASES) {
            double[] theta = c.theta();
            int p = theta.length;
            double[][] xy = batchArrays(c);
            for (RecurrentBlock block : blocks()) {
                ElmanPerturbation k = new ElmanPerturbation(c.in, c.hidden, c.out, c.length, c.washout, block);
                double[] whole = new double[p];
                k.perturbedLosses(theta, SIGMA, true, 0, p, xy[0], xy[1], c.batch.length, whole);
                for (int[] cuts : new int[][] {{7, 13, 1, 40}, {1}, {3, 2, 5}}) {
                    double[] pieces = new double[p];
                    double[] buf = new double[p];
                    int from = 0;
                    for (int n = 0; from < p; n++) {
                        int to = Math.min(p, from + cuts[n % cuts.length]);
                        // A fresh kernel for some tasks, a reused one for others: no state leaks.
                        ElmanPerturbation worker = n % 2 == 0 ? k
                                : new ElmanPerturbation(c.in, c.hidden, c.out, c.length, c.washout, block);
                        worker.perturbedLosses(theta, SIGMA, true, from, to, xy[0], xy[1], c.batch.length, buf);
                        System.arraycopy(buf, 0, pieces, from, to - from);
                        from = to;
                    }
                    assertArrayEquals(whole, pieces, 0.0, c + " " + block.name());
                }
            }
        }
    }

    @Test
    void modelsWithoutAKernelFallBackToTheReferencePasses() {
        TinySequences data = TinySequences.sines(3, 10, 1, 5L);
        int[] batch = {2, 0};
        List<SequenceRegression> objectives = List.of(
                SequenceRegression.builder(data, new ElmanModel(1, 4, 2, 1)).washout(2).build(),
                SequenceRegression.builder(data, new CtrnnModel(1, 4, 1, 0.1)).mode(Mode.FREE_RUNNING).washout(2)
                        .build(),
                SequenceRegression.builder(data, new ElmanModel(1, 4, 1)).mode(Mode.FREE_RUNNING).washout(2).build());
        for (SequenceRegression obj : objectives) {
            RecurrentModel m = obj.model();
            double[] theta = Numerics.randomTheta(m, 21L);
            Evaluator ev = obj.newEvaluator();
            ev.select(Sample.of(batch));
            double[] expected = reference(ev, theta, true, 3, theta.length);
            double[] got = new double[theta.length - 3];
            WeightPerturbation.central(SIGMA).evaluate(ev, theta, new StepKey(2, 1), 3, theta.length, got);
            assertArrayEquals(expected, got, 0.0, obj.toString());
        }
    }

    @Test
    void centralValuesGiveTheBackpropagationGradient() {
        // An independent check of the whole path: (L+ - L-) / (2 sigma) is the BPTT gradient to O(sigma^2).
        Case c = CASES.get(2);
        SequenceRegression obj = c.objective();
        Evaluator ev = obj.newEvaluator();
        ev.select(Sample.of(c.batch));
        double[] theta = c.theta();
        double[] exact = new double[theta.length];
        ev.lossAndGradient(theta, exact);
        double[] values = new double[theta.length];
        WeightPerturbation.central(1e-5).evaluate(ev, theta, new StepKey(1, 0), 0, theta.length, values);
        for (int i = 0; i < theta.length; i++) {
            double step = (theta[i] + 1e-5) - (theta[i] - 1e-5);
            assertEquals(exact[i], values[i] / step, 1e-6 * Math.max(1, Math.abs(exact[i])), "parameter " + i);
        }
    }

    @Test
    void steadyStateCallsDoNotAllocate() {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "needs HotSpot's allocation counter");
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) bean;
        assumeTrue(mx.isThreadAllocatedMemorySupported() && mx.isThreadAllocatedMemoryEnabled());
        Case c = CASES.get(2);
        Evaluator ev = c.objective().newEvaluator();
        ev.select(Sample.of(c.batch));
        double[] theta = c.theta();
        double[] out = new double[theta.length];
        WeightPerturbation est = WeightPerturbation.central(SIGMA);
        StepKey key = new StepKey(1, 0);
        for (int i = 0; i < 20; i++) {
            est.evaluate(ev, theta, key, 0, theta.length, out);
        }
        long before = mx.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 50; i++) {
            est.evaluate(ev, theta, key, 0, theta.length, out);
        }
        long allocated = mx.getCurrentThreadAllocatedBytes() - before;
        // One 16-byte object per call would be 800 bytes; the slack is for the JIT.
        assertTrue(allocated < 512, "allocated " + allocated + " bytes in 50 steady-state calls");
    }
}
