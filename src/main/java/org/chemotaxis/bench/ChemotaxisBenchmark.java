package org.chemotaxis.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.chemotaxis.config.ConfigLoader;
import org.chemotaxis.config.ExperimentConfig;
import org.chemotaxis.experiment.ChemotaxisExperiment;
import org.chemotaxis.perturb.GradientEstimator;
import org.chemotaxis.perturb.StepKey;
import org.chemotaxis.task.Evaluator;
import org.chemotaxis.task.Sample;

/**
 * Worm-steps per second of chemotaxis training: the perturbed passes of training steps of a
 * config (default experiments/chemotaxis.yml), as workers compute them, on 1..n threads at once.
 * A task is {@code --task-size} estimator indices (directions) on the step's sample, as the
 * coordinator cuts a step (2 directions per task for 2 workers and 16 directions); each thread
 * has its own evaluator and takes steps 0, 1, 2, ... of its own. A worm-step is one world step
 * of one worm under one controller. Prints one JSON line per thread count: worm-steps per second
 * of wall time (all threads together), and per second of each thread's CPU time (robust when
 * other programs share the cores).
 *
 * <p>Uses only the API that the objective and estimator had before the batched world was added,
 * so the same source runs against an older jar:
 * {@code java -cp OLD.jar src/main/java/org/chemotaxis/bench/ChemotaxisBenchmark.java ...}
 * (bench/chemotaxis.sh does this, side by side).
 *
 * <p>Usage: {@code ChemotaxisBenchmark [--config FILE] [--threads 1,2] [--task-size 2]
 * [--seconds 20] [--warmup 10]}.
 */
public final class ChemotaxisBenchmark {

    private ChemotaxisBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String configFile = "experiments/chemotaxis.yml";
        List<Integer> threads = List.of(1, 2);
        int taskSize = 2;
        double seconds = 20;
        double warmup = 10;
        for (int i = 0; i < args.length; i += 2) {
            String v = i + 1 < args.length ? args[i + 1] : "";
            switch (args[i]) {
                case "--config" -> configFile = v;
                case "--threads" -> threads = ints(v);
                case "--task-size" -> taskSize = Integer.parseInt(v);
                case "--seconds" -> seconds = Double.parseDouble(v);
                case "--warmup" -> warmup = Double.parseDouble(v);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        for (String line : run(ConfigLoader.load(Path.of(configFile)), configFile, threads, taskSize, seconds, warmup)) {
            System.out.println(line);
        }
    }

    /** One JSON line per thread count: each measures {@code seconds} after {@code warmup} seconds of the same work. */
    public static List<String> run(ExperimentConfig config, String name, List<Integer> threads, int taskSize,
                                   double seconds, double warmup) throws Exception {
        ChemotaxisExperiment exp = new ChemotaxisExperiment(config);
        List<String> lines = new ArrayList<>();
        for (int n : threads) {
            measure(exp, n, taskSize, warmup);
            Result r = measure(exp, n, taskSize, seconds);
            if (Double.isNaN(r.check)) {
                throw new IllegalStateException("a loss difference was NaN");
            }
            lines.add(String.format(Locale.ROOT,
                    "{\"benchmark\":\"chemotaxis\",\"config\":\"%s\",\"threads\":%d,\"task_size\":%d,"
                            + "\"worm_steps\":%d,\"seconds\":%.3f,\"worm_steps_per_second\":%.0f,"
                            + "\"worm_steps_per_cpu_second\":%.0f}",
                    name, n, taskSize, r.wormSteps, r.wall, r.wormSteps / r.wall, r.wormSteps / r.cpu));
        }
        return lines;
    }

    private record Result(long wormSteps, double wall, double cpu, double check) {
    }

    private record ThreadResult(long wormSteps, double cpu, double check) {
    }

    /** n threads each run whole tasks until {@code seconds} have passed. */
    private static Result measure(ChemotaxisExperiment exp, int n, int taskSize, double seconds) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            long t0 = System.nanoTime();
            long deadline = t0 + (long) (seconds * 1e9);
            List<Future<ThreadResult>> futures = new ArrayList<>();
            for (int t = 0; t < n; t++) {
                final int thread = t;
                futures.add(pool.submit(() -> work(exp, thread, taskSize, deadline)));
            }
            long steps = 0;
            double cpu = 0;
            double check = 0;
            for (Future<ThreadResult> f : futures) {
                ThreadResult r = f.get();
                steps += r.wormSteps;
                cpu += r.cpu;
                check += r.check;
            }
            double wall = (System.nanoTime() - t0) / 1e9;
            return new Result(steps, wall, cpu, check);
        } finally {
            pool.shutdown();
        }
    }

    private static ThreadResult work(ChemotaxisExperiment exp, int thread, int taskSize, long deadline) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long c0 = mx.getCurrentThreadCpuTime();
        GradientEstimator est = exp.estimator();
        Evaluator ev = exp.objective().newEvaluator();
        double[] theta = exp.initialTheta();
        int indices = est.indexCount(theta.length);
        long perPass = (long) exp.config().training().batch() * exp.world().steps();
        double[] out = new double[indices];
        long wormSteps = 0;
        double check = 0;
        for (long step = thread; System.nanoTime() < deadline; step += 1000) {
            Sample sample = exp.samples().train(0, (int) step);
            ev.select(sample);
            StepKey key = new StepKey(exp.config().seed(), step);
            for (int from = 0; from < indices && System.nanoTime() < deadline; from += taskSize) {
                int to = Math.min(indices, from + taskSize);
                est.evaluate(ev, theta, key, from, to, out);
                wormSteps += (long) (to - from) * est.passesPerIndex() * perPass;
                check += out[0];
            }
        }
        return new ThreadResult(wormSteps, (mx.getCurrentThreadCpuTime() - c0) / 1e9, check);
    }

    private static List<Integer> ints(String csv) {
        List<Integer> r = new ArrayList<>();
        for (String s : csv.split(",")) {
            r.add(Integer.parseInt(s.trim()));
        }
        return r;
    }
}
