package org.chemotaxis.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.chemotaxis.bench.SineWpBenchmark;
import org.chemotaxis.perturb.ForwardingEstimator;
import org.chemotaxis.perturb.GradientEstimator;
import org.chemotaxis.perturb.StepKey;
import org.chemotaxis.perturb.WeightPerturbation;
import org.chemotaxis.task.Evaluator;
import org.chemotaxis.task.Sample;
import org.chemotaxis.task.SequenceRegression;
import org.junit.jupiter.api.Test;

/** Every fan-out gives the values of the sequential definition, whatever the task size and thread count. */
class FanOutTest {

    private static final SequenceRegression OBJECTIVE = SineWpBenchmark.objective(5, 4, 10);
    private static final Sample SAMPLE = SineWpBenchmark.allRows(4);
    private static final StepKey KEY = new StepKey(3L, 2);

    private static double[] theta() {
        double[] theta = new double[OBJECTIVE.parameterCount()];
        OBJECTIVE.model().initialize(theta, 11L);
        return theta;
    }

    private static StepPlan plan(int n, int taskSize) {
        return new StepPlan(KEY, 0, 0, SAMPLE, n, TaskPartition.split(n, taskSize));
    }

    @Test
    void everyFanOutAndTaskSizeGivesTheSequentialValues() {
        GradientEstimator est = WeightPerturbation.central(1e-3);
        double[] theta = theta();
        int n = est.indexCount(theta.length);
        Evaluator ev = OBJECTIVE.newEvaluator();
        ev.select(SAMPLE);
        double[] expected = new double[n];
        est.evaluate(ev, theta, KEY, 0, n, expected);

        for (int size : new int[] {1, 7, n}) {
            double[] same = new double[n];
            try (FanOut f = new SameThreadFanOut(OBJECTIVE, est)) {
                f.evaluate(plan(n, size), theta, same);
            }
            assertArrayEquals(expected, same, 0.0, "this thread, task size " + size);
            for (int threads = 1; threads <= 3; threads++) {
                double[] pooled = new double[n];
                try (FanOut f = new ThreadPoolFanOut(OBJECTIVE, est, threads)) {
                    FanOut.Pending p = f.start(plan(n, size), theta, pooled);
                    p.await();
                }
                assertArrayEquals(expected, pooled, 0.0, threads + " threads, task size " + size);
            }
        }
    }

    @Test
    void aFailingTaskIsReportedByAwait() {
        GradientEstimator failing = new ForwardingEstimator(WeightPerturbation.central(1e-3)) {
            @Override
            public void evaluate(Evaluator ev, double[] theta, StepKey key, int from, int to, double[] out) {
                if (from > 0) {
                    throw new ArithmeticException("boom at " + from);
                }
                super.evaluate(ev, theta, key, from, to, out);
            }
        };
        double[] theta = theta();
        int n = theta.length;
        try (FanOut f = new ThreadPoolFanOut(OBJECTIVE, failing, 2)) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> f.evaluate(plan(n, 10), theta, new double[n]));
            assertTrue(e.getMessage().contains("boom at 10"), e.getMessage());
        }
    }

    @Test
    void oneTaskSizeRule() {
        assertEquals(5, TaskSizing.taskSize(5, 1_000_000, 8), "a configured size wins");
        assertEquals(25, TaskSizing.taskSize(0, 100, 1), "about four tasks per worker");
        assertEquals(13, TaskSizing.taskSize(0, 100, 2), "rounded up, so never more than four per worker");
        assertEquals(1, TaskSizing.taskSize(0, 3, 8), "at least one index");
        assertEquals(1, TaskSizing.taskSize(0, 0, 0), "no indices, no workers");
        assertEquals(TaskSizing.MAX_AUTO_TASK_SIZE, TaskSizing.taskSize(0, 10_000_000, 2), "capped");
    }
}
