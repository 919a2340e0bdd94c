package org.chemotaxis.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.chemotaxis.perturb.StepKey;
import org.chemotaxis.perturb.WeightPerturbation;
import org.chemotaxis.task.Evaluator;
import org.chemotaxis.task.SequenceRegression;
import org.junit.jupiter.api.Test;

class ParallelGradientTest {

    @Test
    void threadsAndRangeSizesDoNotChangeTheGradient() {
        SequenceRegression obj = SineWpBenchmark.objective(6, 5, 12);
        double[] theta = new double[obj.parameterCount()];
        obj.model().initialize(theta, 7L);
        WeightPerturbation est = WeightPerturbation.central(1e-3);
        StepKey key = new StepKey(7L, 0);

        // One evaluator, one range, no pool: the sequential definition.
        Evaluator ev = obj.newEvaluator();
        ev.select(SineWpBenchmark.allRows(5));
        double[] values = new double[theta.length];
        est.evaluate(ev, theta, key, 0, theta.length, values);
        double[] expected = new double[theta.length];
        est.reduce(ev, theta, key, ev.loss(theta), values, expected);

        for (int threads = 1; threads <= 3; threads++) {
            for (int chunk : new int[] {0, 1, 5, 1000}) {
                try (ParallelGradient pg = new ParallelGradient(obj, SineWpBenchmark.allRows(5), est, threads, chunk)) {
                    double[] grad = new double[theta.length];
                    double base = pg.gradient(theta, key, grad);
                    assertEquals(ev.loss(theta), base, 0.0);
                    assertArrayEquals(expected, grad, 0.0, threads + " threads, chunk " + chunk);
                }
            }
        }
    }

    @Test
    void flopCountIsThePeers() {
        // P = H + H*H + H + H + 1 = 1121 for H = 32; 2P copies * B * T rows * 2 flops * (H^2 + 2H).
        assertEquals(2.0 * 1121 * 16 * 50 * 2 * (1024 + 64), SineWpBenchmark.flops(32, 16, 50), 0.0);
    }
}
