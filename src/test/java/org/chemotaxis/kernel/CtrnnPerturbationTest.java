package org.chemotaxis.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

import org.chemotaxis.bench.ParallelGradient;
import org.chemotaxis.model.CtrnnModel;
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
 * The batched CTRNN per-weight kernel against the definition: one full reference forward pass
 * ({@link Evaluator#loss(double[])} of {@link CtrnnModel}) per perturbed copy, computed here
 * with the kernel bypassed. Equality is bit for bit throughout.
 */
class CtrnnPerturbationTest {

    private static final double SIGMA = 1e-3;

    /** A problem: model sizes, Euler step, batch and washout. */
    private record Case(int in, int neurons, int out, double dt, int length, int washout, int[] batch) {
        CtrnnModel model() {
            return new CtrnnModel(in, neurons, out, dt);
        }

        TinySequences data() {
            int count = 0;
            for (int b : batch) {
                count = Math.max(count, b + 1);
            }
            TinySequences x = TinySequences.sines(count, length, in, 11L + neurons);
            TinySequences y = TinySequences.sines(count, length, out, 13L + neurons);
            double[][][] inputs = new double[count][length][in];
            double[][][] targets = new double[count][length][out];
            for (int s = 0; s < count; s++) {
                for (int t = 0; t < length; t++) {
                    for (int c = 0; c < in; c++) {
                        inputs[s][t][c] = x.input(s, t, c);
                    }
                    for (int o = 0; o < out; o++) {
                        // Targets in sigma's range, where a readout can reach them.
                        targets[s][t][o] = 0.3 * y.target(s, t, o) + 0.2;
                    }
                }
            }
            return new TinySequences(inputs, targets);
        }

        SequenceRegression objective() {
            return SequenceRegression.builder(data(), model()).washout(washout).build();
        }

        double[] theta() {
            // Larger weights and biases than the default initialisation, so that sigma saturates
            // in places; log tau stays in [-0.5, 0.5], which keeps dt / tau below 1.
            double[] t = Numerics.randomTheta(model(), 3L * neurons + in);
            for (int i = neurons; i < t.length; i++) {
                t[i] *= 3.0;
            }
            return t;
        }
    }

    private static final List<Case> CASES = List.of(
            new Case(1, 1, 1, 0.3, 7, 2, new int[] {0}),
            new Case(2, 3, 3, 0.5, 9, 0, new int[] {1, 0}),
            new Case(3, 8, 2, 0.2, 8, 3, new int[] {1, 0, 2, 3, 4}),
            new Case(1, 13, 1, 0.1, 10, 1, new int[] {2, 0, 1}),
            new Case(2, 32, 3, 0.25, 5, 4, new int[] {0, 1, 2, 3}),
            new Case(3, 5, 1, 0.4, 6, 5, new int[] {4, 3, 2, 1, 0}),
            // 8192 / (41 * 20) = 9 copies a group: groups split central pairs and hold a remainder.
            new Case(1, 20, 1, 0.2, 3, 1, range(41)));

    private static int[] range(int n) {
        return PerWeightReference.range(n);
    }

    private static double[] reference(Evaluator ev, double[] theta, boolean central, int from, int to) {
        return PerWeightReference.reference(ev, theta, SIGMA, central, from, to);
    }

    private static double[][] batchArrays(Case c) {
        return PerWeightReference.batchArrays(c.data(), c.batch(), c.length(), c.in(), c.out());
    }

    private static List<CtrnnBlock> blocks() {
        List<CtrnnBlock> blocks = new ArrayList<>();
        blocks.add(Kernels.scalarCtrnn());
        if (Kernels.preferredCtrnn() != Kernels.scalarCtrnn()) {
            blocks.add(Kernels.preferredCtrnn());
        }
        return blocks;
    }

    private static CtrnnPerturbation kernel(Case c, CtrnnBlock block) {
        return new CtrnnPerturbation(c.in, c.neurons, c.out, c.dt, c.length, c.washout, block);
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
                for (CtrnnBlock block : blocks()) {
                    double[] got = new double[p];
                    kernel(c, block).perturbedLosses(theta, SIGMA, central, 0, p, xy[0], xy[1], c.batch.length, got);
                    assertArrayEquals(expected, got, 0.0, c + " central=" + central + " " + block.name());
                }
                // And through the estimator, which the evaluator short-cuts to the kernel.
                double[] viaEstimator = new double[p];
                WeightPerturbation est = central ? WeightPerturbation.central(SIGMA) : WeightPerturbation.forward(SIGMA);
                est.evaluate(ev, theta, new StepKey(1, 0), 0, p, viaEstimator);
                assertArrayEquals(expected, viaEstimator, 0.0, c + " via estimator");
            }
        }
    }

    @Test
    void everyKindOfParameterChangesTheLoss() {
        // Otherwise equality could hold because a kind of copy were never really perturbed.
        Case c = CASES.get(2);
        Evaluator ev = c.objective().newEvaluator();
        ev.select(Sample.of(c.batch));
        double[] theta = c.theta();
        double[] values = new double[theta.length];
        WeightPerturbation.central(SIGMA).evaluate(ev, theta, new StepKey(1, 0), 0, theta.length, values);
        for (String slice : List.of("log_tau", "theta", "w", "v", "r", "b")) {
            var s = c.model().layout().slice(slice);
            double largest = 0;
            for (int i = s.offset(); i < s.offset() + s.size(); i++) {
                largest = Math.max(largest, Math.abs(values[i]));
            }
            assertTrue(largest > 1e-6, slice + ": largest |L+ - L-| " + largest);
        }
    }

    @Test
    void valuesDoNotDependOnHowTheIndicesAreCutIntoTasks() {
        for (Case c : CASES) {
            double[] theta = c.theta();
            int p = theta.length;
            double[][] xy = batchArrays(c);
            for (CtrnnBlock block : blocks()) {
                CtrnnPerturbation k = kernel(c, block);
                double[] whole = new double[p];
                k.perturbedLosses(theta, SIGMA, true, 0, p, xy[0], xy[1], c.batch.length, whole);
                for (int[] cuts : new int[][] {{7, 13, 1, 40}, {1}, {3, 2, 5}}) {
                    double[] pieces = new double[p];
                    double[] buf = new double[p];
                    int from = 0;
                    for (int n = 0; from < p; n++) {
                        int to = Math.min(p, from + cuts[n % cuts.length]);
                        // A fresh kernel for some tasks, a reused one for others: no state leaks.
                        CtrnnPerturbation worker = n % 2 == 0 ? k : kernel(c, block);
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
    void aSmallerBatchAfterALargerOneGivesItsOwnValues() {
        Case large = CASES.get(2);
        Case small = new Case(large.in, large.neurons, large.out, large.dt, large.length, large.washout,
                new int[] {3, 1});
        double[] theta = large.theta();
        int p = theta.length;
        CtrnnPerturbation k = kernel(large, Kernels.preferredCtrnn());
        double[][] big = batchArrays(large);
        k.perturbedLosses(theta, SIGMA, true, 0, p, big[0], big[1], large.batch.length, new double[p]);
        double[][] xy = batchArrays(small);
        double[] got = new double[p];
        k.perturbedLosses(theta, SIGMA, true, 0, p, xy[0], xy[1], small.batch.length, got);
        Evaluator ev = small.objective().newEvaluator();
        ev.select(Sample.of(small.batch));
        assertArrayEquals(reference(ev, theta, true, 0, p), got, 0.0);
    }

    @Test
    void freeRunningStillTakesTheReferencePath() {
        TinySequences data = TinySequences.sines(3, 10, 1, 5L);
        SequenceRegression obj = SequenceRegression.builder(data, new CtrnnModel(1, 4, 1, 0.2))
                .mode(Mode.FREE_RUNNING).washout(2).build();
        double[] theta = Numerics.randomTheta(obj.model(), 21L);
        Evaluator ev = obj.newEvaluator();
        ev.select(Sample.of(new int[] {2, 0}));
        double[] expected = reference(ev, theta, true, 3, theta.length);
        double[] got = new double[theta.length - 3];
        WeightPerturbation.central(SIGMA).evaluate(ev, theta, new StepKey(2, 1), 3, theta.length, got);
        assertArrayEquals(expected, got, 0.0);
    }

    @Test
    void gradientIsTheSameForAnyNumberOfWorkers() {
        Case c = CASES.get(3);
        SequenceRegression obj = c.objective();
        double[] theta = c.theta();
        StepKey key = new StepKey(3, 2);
        double[] one = new double[theta.length];
        double[] two = new double[theta.length];
        try (ParallelGradient g = new ParallelGradient(obj, Sample.of(c.batch), WeightPerturbation.central(SIGMA), 1,
                0)) {
            g.gradient(theta, key, one);
        }
        try (ParallelGradient g = new ParallelGradient(obj, Sample.of(c.batch), WeightPerturbation.central(SIGMA), 3,
                5)) {
            g.gradient(theta, key, two);
        }
        assertArrayEquals(one, two, 0.0);
        assertTrue(Math.abs(one[0]) + Math.abs(one[theta.length - 1]) > 0);
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
        // A round that overlaps a recompilation runs interpreted or C1-compiled vector code for a
        // while, which allocates; a steady state must follow within a few rounds.
        StringBuilder rounds = new StringBuilder();
        for (int round = 0; round < 20; round++) {
            long before = mx.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 50; i++) {
                est.evaluate(ev, theta, key, 0, theta.length, out);
            }
            long allocated = mx.getCurrentThreadAllocatedBytes() - before;
            rounds.append(' ').append(allocated);
            // One 16-byte object per call would be 800 bytes; the slack is for the JIT.
            if (allocated < 512) {
                System.out.println("bytes allocated per round of 50 calls:" + rounds);
                return;
            }
        }
        throw new AssertionError("bytes allocated per round of 50 steady-state calls:" + rounds);
    }
}
