package org.chemotaxis.bench;

import java.util.concurrent.TimeUnit;

import org.chemotaxis.util.Interval;
import org.chemotaxis.data.SineDataset;
import org.chemotaxis.model.CtrnnModel;
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
 * The sine problem of {@link SineWpBenchmark} with a CTRNN (1 input, N neurons, 1 output,
 * dt = 0.1): central-difference weight perturbation, B = 16 sequences of T = 50 steps,
 * sigma = 1e-3, through {@code CtrnnPerturbation}.
 * <ul>
 *   <li>{@code kernelIndices}: the values of {@code indices} parameter indices (all P when 0)
 *       on one thread, through {@link WeightPerturbation#evaluate}; with {@code -prof gc} this
 *       shows the steady-state allocation of the hot loop (B/op);</li>
 *   <li>{@code gradient}: a whole gradient with {@link ParallelGradient} on 1 or 2 threads.</li>
 * </ul>
 * Indices [0, indices) are log tau, theta and then w entries: the ones that need a recurrent
 * pass, so time x P / indices bounds a whole gradient from above. JMH's
 * {@code -jvmArgsAppend -Dchemotaxis.kernel=scalar} times the scalar block.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx4g"})
public class CtrnnWpBenchmark {

    private static final int BATCH = 16;
    private static final int LENGTH = 50;
    private static final double DT = 0.1;

    static SequenceRegression objective(int neurons, int batch, int length) {
        SineDataset data = new SineDataset(42L, batch, length, 0.05, Interval.of(0.5, 2.0), Interval.of(0.0, 2 * Math.PI),
                1.0, 0.0);
        return SequenceRegression.builder(data, new CtrnnModel(1, neurons, 1, DT)).washout(0).build();
    }

    @State(Scope.Thread)
    public static class KernelState {
        @Param({"16", "32", "64", "128"})
        public int neurons;

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
            SequenceRegression obj = objective(neurons, BATCH, LENGTH);
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
        public int neurons;

        @Param({"1", "2"})
        public int threads;

        ParallelGradient parallel;
        double[] theta;
        double[] grad;
        final StepKey key = new StepKey(42L, 0);

        @Setup(Level.Trial)
        public void setUp() {
            SequenceRegression obj = objective(neurons, BATCH, LENGTH);
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
