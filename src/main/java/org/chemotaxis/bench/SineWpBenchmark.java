package org.chemotaxis.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.chemotaxis.util.Interval;
import org.chemotaxis.data.SineDataset;
import org.chemotaxis.kernel.Kernels;
import org.chemotaxis.model.ElmanModel;
import org.chemotaxis.perturb.StepKey;
import org.chemotaxis.perturb.WeightPerturbation;
import org.chemotaxis.task.Evaluator;
import org.chemotaxis.task.Sample;
import org.chemotaxis.task.SequenceRegression;

/**
 * Benchmark "sine-1hl", the same problem as the PyTorch peer (shared/peers/torch_wp_sine.py):
 * Elman network, 1 input, H tanh units, 1 linear output; B sine sequences of T steps
 * (dt = 0.05, f ~ U[0.5, 2), phase ~ U[0, 2 pi)), next-step targets, mean squared error over
 * all steps (washout 0); central-difference weight perturbation with sigma, 2P forward passes
 * per gradient. Prints one JSON line per (hidden size, thread count): the median wall seconds
 * per gradient over the repetitions, the median CPU seconds of the process per gradient (all
 * threads; robust when other programs share the cores) and GFLOP/s counted as the peer counts
 * them, 2P * B * T * 2 * (H^2 + 2H).
 *
 * <p>Usage: {@code SineWpBenchmark [--hidden 16,32] [--threads 1,2] [--batch 16] [--length 50]
 * [--sigma 1e-3] [--reps 5] [--seconds 2] [--reference]}. Each configuration first warms up
 * for about {@code --seconds} (JIT), then times {@code --reps} gradients. {@code --reference}
 * times the unbatched path (one full forward pass per perturbed copy) instead of the kernel.
 * {@code --max-indices N} times only the first N perturbation indices (w_xh, then w_hh: the
 * costly ones) and scales the time by P / N, an upper bound for a whole gradient, for hidden
 * sizes where one gradient takes minutes ("extrapolated": true in the output).
 * {@code -Dchemotaxis.kernel=scalar} forces the scalar kernel.
 */
public final class SineWpBenchmark {

    private SineWpBenchmark() {
    }

    /** The benchmark's objective for hidden size H. */
    public static SequenceRegression objective(int hidden, int batch, int length) {
        SineDataset data = new SineDataset(42L, batch, length, 0.05, Interval.of(0.5, 2.0), Interval.of(0.0, 2 * Math.PI),
                1.0, 0.0);
        return SequenceRegression.builder(data, new ElmanModel(1, hidden, 1)).washout(0).build();
    }

    public static Sample allRows(int batch) {
        int[] rows = new int[batch];
        for (int i = 0; i < batch; i++) {
            rows[i] = i;
        }
        return Sample.of(rows);
    }

    /** Flops per gradient as the peer counts them. */
    public static double flops(int hidden, int batch, int length) {
        long p = 1L * hidden + (long) hidden * hidden + hidden + hidden + 1;
        return 2.0 * p * batch * length * 2.0 * ((double) hidden * hidden + 2.0 * hidden);
    }

    /** One JSON line: the seconds, CPU seconds and GFLOP/s of a whole gradient (median of {@code reps}). */
    public static String run(int h, int threads, int batch, int length, double sigma, int reps, double warmSeconds,
                      boolean reference, int maxIndices) {
        SequenceRegression obj = objective(h, batch, length);
        double[] theta = new double[obj.parameterCount()];
        obj.model().initialize(theta, 42L);
        WeightPerturbation est = WeightPerturbation.central(sigma);
        StepKey key = new StepKey(42L, 0);
        double[] grad = new double[theta.length];
        List<Double> times = new ArrayList<>();
        List<Double> cpu = new ArrayList<>();
        String kernel;
        if (reference) {
            kernel = "reference";
            Evaluator ev = obj.newEvaluator();
            ev.select(allRows(batch));
            Runnable once = () -> referenceGradient(ev, theta, sigma, grad);
            time(once, warmSeconds, reps, times, cpu);
        } else {
            kernel = Kernels.preferred().name();
            boolean part = maxIndices > 0 && maxIndices < theta.length;
            try (ParallelGradient pg = new ParallelGradient(obj, allRows(batch), est, threads, 0)) {
                if (part) {
                    time(() -> pg.values(theta, key, maxIndices), warmSeconds, reps, times, cpu);
                    times.replaceAll(t -> t * theta.length / maxIndices);
                    cpu.replaceAll(t -> t * theta.length / maxIndices);
                } else {
                    time(() -> pg.gradient(theta, key, grad), warmSeconds, reps, times, cpu);
                }
            }
        }
        boolean extrapolated = !reference && maxIndices > 0 && maxIndices < theta.length;
        double[] sorted = times.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double median = sorted[sorted.length / 2];
        double cpuMedian = cpu.stream().mapToDouble(Double::doubleValue).sorted().toArray()[cpu.size() / 2];
        double norm = 0;
        for (double g : grad) {
            norm += g * g;
        }
        return String.format(Locale.ROOT,
                "{\"impl\": \"java\", \"kernel\": \"%s\", \"threads\": %d, \"hidden\": %d, \"batch\": %d, "
                        + "\"length\": %d, \"parameters\": %d, \"forward_passes\": %d, \"seconds_per_gradient\": %.5f, "
                        + "\"min_seconds\": %.5f, \"cpu_seconds\": %.5f, \"gflops\": %.2f, \"extrapolated\": %s, "
                        + "\"grad_norm\": %.10g}",
                kernel, reference ? 1 : threads, h, batch, length, theta.length, 2 * theta.length, median,
                sorted[0], cpuMedian, flops(h, batch, length) / median / 1e9, extrapolated, extrapolated ? Double.NaN : Math.sqrt(norm));
    }

    /** Wall seconds and CPU seconds of the whole process (all threads) per run. */
    private static void time(Runnable once, double warmSeconds, int reps, List<Double> times, List<Double> cpu) {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        com.sun.management.OperatingSystemMXBean hs = os instanceof com.sun.management.OperatingSystemMXBean b ? b : null;
        long warmEnd = System.nanoTime() + (long) (warmSeconds * 1e9);
        do {
            once.run();
        } while (System.nanoTime() < warmEnd);
        for (int r = 0; r < reps; r++) {
            long c0 = hs == null ? 0 : hs.getProcessCpuTime();
            long t0 = System.nanoTime();
            once.run();
            times.add((System.nanoTime() - t0) / 1e9);
            cpu.add(hs == null ? Double.NaN : (hs.getProcessCpuTime() - c0) / 1e9);
        }
    }

    /** One full forward pass per perturbed copy: what the kernel replaces. */
    private static void referenceGradient(Evaluator ev, double[] theta, double sigma, double[] grad) {
        double[] p = theta.clone();
        for (int i = 0; i < theta.length; i++) {
            double t = theta[i];
            p[i] = t + sigma;
            double plus = ev.loss(p);
            p[i] = t - sigma;
            grad[i] = (plus - ev.loss(p)) / ((t + sigma) - (t - sigma));
            p[i] = t;
        }
    }
}
