package org.chemotaxis.bench;

import java.util.concurrent.TimeUnit;

import org.chemotaxis.perturb.StepKey;
import org.chemotaxis.perturb.WeightPerturbation;
import org.chemotaxis.task.Evaluator;
import org.chemotaxis.task.SequenceRegression;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The sine benchmark (see {@link SineWpBenchmark}): central-difference weight perturbation of
 * an Elman network, B = 16 sequences of T = 50 steps, sigma = 1e-3.
 * <ul>
 *   <li>{@code kernelIndices}: the values of {@code indices} parameter indices (all P when 0)
 *       on one thread, through {@link WeightPerturbation#evaluate}; with {@code -prof gc} this
 *       shows the steady-state allocation of the hot loop (B/op);</li>
 *   <li>{@code gradient}: a whole gradient with {@link ParallelGradient} on 1 or 2 threads.</li>
 * </ul>
 * Indices [0, indices) are w_xh and then w_hh entries: the expensive ones, so time x P / indices
 * bounds a whole gradient from above for the large hidden sizes.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx4g"})
public class ElmanWpBenchmark {

    private static final int BATCH = 16;
    private static final int LENGTH = 50;

    @State(Scope.Thread)
    public static class KernelState {
        @Param({"16", "32", "64", "128", "256"})
        public int hidden;

        /** Parameter indices per call; 0 means all P. */
        @Param({"1024"})
        public int indices;

        Evaluator evaluator;
        double[] theta;
        double[] out;
        int to;
        final WeightPerturbation estimator = WeightPerturbation.central(1e-3);
        final StepKey key = new StepKey(42L, 0);

        @Setup(Level.Trial)
        public void setUp() {
            SequenceRegression obj = SineWpBenchmark.objective(hidden, BATCH, LENGTH);
            theta = new double[obj.parameterCount()];
            obj.model().initialize(theta, 42L);
            evaluator = obj.newEvaluator();
            evaluator.select(SineWpBenchmark.allRows(BATCH));
            to = indices == 0 ? theta.length : Math.min(indices, theta.length);
            out = new double[to];
        }
    }

    @Benchmark
    public double kernelIndices(KernelState s) {
        s.estimator.evaluate(s.evaluator, s.theta, s.key, 0, s.to, s.out);
        return s.out[s.to - 1];
    }

    @State(Scope.Benchmark)
    public static class GradientState {
        @Param({"16", "32", "64"})
        public int hidden;

        @Param({"1", "2"})
        public int threads;

        ParallelGradient parallel;
        double[] theta;
        double[] grad;
        final StepKey key = new StepKey(42L, 0);

        @Setup(Level.Trial)
        public void setUp() {
            SequenceRegression obj = SineWpBenchmark.objective(hidden, BATCH, LENGTH);
            theta = new double[obj.parameterCount()];
            obj.model().initialize(theta, 42L);
            grad = new double[theta.length];
            parallel = new ParallelGradient(obj, SineWpBenchmark.allRows(BATCH), WeightPerturbation.central(1e-3),
                    threads, 0);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            parallel.close();
        }
    }

    @Benchmark
    public double gradient(GradientState s) {
        s.parallel.gradient(s.theta, s.key, s.grad);
        return s.grad[0];
    }
}
