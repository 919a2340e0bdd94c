package org.chemotaxis.cli;

import org.chemotaxis.train.RunJob;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.chemotaxis.bench.ChemotaxisBenchmark;
import org.chemotaxis.bench.SineWpBenchmark;
import org.chemotaxis.experiment.Configs;
import org.chemotaxis.config.ExperimentConfig;
import org.chemotaxis.experiment.SequenceExperiment;
import org.chemotaxis.report.ParameterHash;
import org.chemotaxis.report.RunFolder;
import org.chemotaxis.runtime.EventLog;
import org.chemotaxis.runtime.LocalRun;
import org.chemotaxis.runtime.RunOutcome;
import org.chemotaxis.train.Trainer;
import org.chemotaxis.train.Training;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench}: seconds per training step on the sine benchmark of the PyTorch peer
 * (shared/peers/torch_wp_sine.py): Elman, 1 input, H tanh units, 1 output; B sequences of T
 * steps, f ~ U[0.5, 2], dt = 0.05; sigma 1e-3. Each path runs the same steps: the plain loop on
 * a thread pool, and the actor runtime with as many workers.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Measure seconds per gradient step on the sine benchmark; one JSON line per path.",
            "Keys as the PyTorch peer's (seconds_per_gradient, gflops, threads, parameters, forward_passes)."})
public final class BenchCommand implements Callable<Integer> {

    @Option(names = "--workload", defaultValue = "sine",
            description = "sine (the peer's benchmark) or chemotaxis (worm-steps per second of experiments/chemotaxis.yml's "
                    + "training passes, per thread count 1..--threads) (default: ${DEFAULT-VALUE})")
    String workload;

    @Option(names = "--seconds", paramLabel = "S", description = "chemotaxis: measured seconds per thread count "
            + "(default: 20); --path gradient: warm-up seconds (default: 2)")
    Double secondsOption;

    @Option(names = "--max-indices", paramLabel = "N", description = "--path gradient: time the first N indices only and "
            + "scale to the whole gradient (default: all)")
    int maxIndices;

    @Option(names = "--reference", description = "--path gradient: also time the reference path (no kernel)")
    boolean reference;

    @Option(names = "--model", defaultValue = "elman", description = "elman or ctrnn (default: ${DEFAULT-VALUE})")
    String model;

    @Option(names = "--hidden", defaultValue = "32", description = "hidden units (default: ${DEFAULT-VALUE})")
    int hidden;

    @Option(names = "--batch", defaultValue = "16", description = "sequences per batch (default: ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--length", defaultValue = "50", description = "time steps (default: ${DEFAULT-VALUE})")
    int length;

    @Option(names = "--estimator", defaultValue = "central", description = "estimator.type (default: ${DEFAULT-VALUE})")
    String estimator;

    @Option(names = "--directions", defaultValue = "64", description = "estimator.directions (default: ${DEFAULT-VALUE})")
    int directions;

    @Option(names = "--threads", description = "threads / workers (default: one per core)")
    Integer threads;

    @Option(names = "--path", defaultValue = "both", description = "plain, actor or both: the training loop on a thread pool "
            + "and on actors; gradient: one gradient alone on the thread-pool fan-out, GFLOP/s counted as the PyTorch peer "
            + "does (default: ${DEFAULT-VALUE})")
    String path;

    @Option(names = "--steps", defaultValue = "5", description = "measured steps per repetition (default: ${DEFAULT-VALUE})")
    int steps;

    @Option(names = "--reps", defaultValue = "3", description = "repetitions; the median is reported (default: ${DEFAULT-VALUE})")
    int reps;

    @Override
    public Integer call() throws Exception {
        if (!List.of("plain", "actor", "both", "gradient").contains(path)) {
            throw new IllegalArgumentException("--path must be plain, actor, both or gradient, but was '" + path + "'");
        }
        if (steps < 1 || reps < 1 || hidden < 1 || batch < 1 || length < 1) {
            throw new IllegalArgumentException("--steps, --reps, --hidden, --batch and --length must be >= 1");
        }
        int n = threads != null ? threads : LocalRun.defaultWorkers();
        if (n < 1) {
            throw new IllegalArgumentException("--threads must be >= 1, but was " + n);
        }
        if (workload.equals("chemotaxis")) {
            return chemotaxis(n);
        }
        if (!workload.equals("sine")) {
            throw new IllegalArgumentException("--workload must be sine or chemotaxis, but was '" + workload + "'");
        }
        if (path.equals("gradient")) {
            double warm = secondsOption != null ? secondsOption : 2;
            System.out.println(SineWpBenchmark.run(hidden, n, batch, length, 1e-3, reps, warm, reference, maxIndices));
            return ExitCode.OK;
        }
        ExperimentConfig config = config(steps);
        SequenceExperiment exp = new SequenceExperiment(config);
        if (!path.equals("actor")) {
            report("plain", exp, n, median(reps, () -> plainSeconds(config, n)));
        }
        if (!path.equals("plain")) {
            report("actor", exp, n, median(reps, () -> actorSeconds(config, n)));
        }
        return ExitCode.OK;
    }

    /** Worm-steps per second on 1 .. n threads, the built-in experiments/chemotaxis.yml (ChemotaxisBenchmark). */
    private int chemotaxis(int n) throws Exception {
        double seconds = secondsOption != null ? secondsOption : 20;
        if (!(seconds > 0)) {
            throw new IllegalArgumentException("--seconds must be > 0, but was " + seconds);
        }
        String yaml;
        try (var in = BenchCommand.class.getResourceAsStream("/experiments/chemotaxis.yml")) {
            if (in == null) {
                throw new IllegalStateException("experiments/chemotaxis.yml is not in the jar");
            }
            yaml = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        List<Integer> counts = new ArrayList<>();
        for (int t = 1; t <= n; t++) {
            counts.add(t);
        }
        for (String line : ChemotaxisBenchmark.run(Configs.parse(yaml, "chemotaxis.yml"), "experiments/chemotaxis.yml",
                counts, 2, seconds, seconds / 2)) {
            System.out.println(line);
        }
        return ExitCode.OK;
    }

    /** S measured steps in one epoch: B*S training sequences and B for validation. */
    private ExperimentConfig config(int s) {
        String yaml = String.format(Locale.ROOT, """
                name: bench
                seed: 42
                model: {type: %s, hidden: %d}
                data: {type: sine, count: %d, length: %d, dt: 0.05, frequency: [0.5, 2.0], validation_fraction: %s}
                objective: {washout: 0}
                estimator: {type: %s, sigma: 1.0e-3, directions: %d}
                optimizer: {type: sgd, lr: 1.0e-9, schedule: constant}
                training: {epochs: 1, batch: %d}
                """, model, hidden, batch * (s + 1), length, Double.toString(1.0 / (s + 1)), estimator, directions, batch);
        return Configs.parse(yaml, "bench");
    }

    private interface Measurement {
        double seconds() throws Exception;
    }

    private static double median(int reps, Measurement m) throws Exception {
        m.seconds(); // warm-up: JIT and caches
        double[] t = new double[reps];
        for (int i = 0; i < reps; i++) {
            t[i] = m.seconds();
        }
        Arrays.sort(t);
        return t[reps / 2];
    }

    private String lastSha;

    /** Seconds per step of one epoch (S steps and one validation) of the plain loop on a thread pool. */
    private double plainSeconds(ExperimentConfig config, int n) {
        SequenceExperiment exp = new SequenceExperiment(config);
        Training training = exp.newTraining();
        try (Trainer trainer = Trainer.threads(training, n)) {
            long t0 = System.nanoTime();
            for (int i = 0; i < steps; i++) {
                trainer.step();
            }
            training.validationLoss();
            double s = (System.nanoTime() - t0) / 1e9 / steps;
            lastSha = ParameterHash.sha256(training.theta());
            return s;
        }
    }

    /** The same epoch through the actors; the time is the coordinator's own epoch time (EpochEnded.seconds). */
    private double actorSeconds(ExperimentConfig config, int n) throws IOException {
        SequenceExperiment exp = new SequenceExperiment(config);
        Path out = Files.createTempDirectory("chemotaxis-bench");
        try {
            RunFolder folder = RunFolder.create(out, "bench");
            RunJob job = exp.job();
            var parts = RunParts.of(exp, exp.newTraining(), folder, spec -> job);
            RunOutcome o = LocalRun.run(parts, n, ConfigFactory.load(), null);
            if (o.status() != RunOutcome.Status.FINISHED) {
                throw new IllegalStateException("bench run failed: " + o.reason());
            }
            if (lastSha != null && !lastSha.equals(o.lastParamsSha256())) {
                throw new IllegalStateException("actor and plain paths disagree: " + lastSha + " vs " + o.lastParamsSha256());
            }
            for (String line : Files.readAllLines(folder.file(RunFolder.EVENTS))) {
                JsonNode e = EventLog.JSON.readTree(line);
                if (e.path("event").asText().equals("EpochEnded")) {
                    return e.path("seconds").asDouble() / steps;
                }
            }
            throw new IllegalStateException("no EpochEnded event in the bench run");
        } finally {
            deleteTree(out);
        }
    }

    private void report(String which, SequenceExperiment exp, int n, double seconds) {
        int p = exp.parameterCount();
        var est = exp.estimator();
        long passes = (long) est.indexCount(p) * est.passesPerIndex();
        // The peer's count: 2 flops per multiply-add of the recurrent, input and output layers, per pass.
        double flops = (double) passes * batch * length * 2 * ((double) hidden * hidden + 2.0 * hidden);
        ObjectNode json = EventLog.JSON.createObjectNode();
        json.put("benchmark", "sine-1hl");
        json.put("path", which);
        json.put("model", model);
        json.put("estimator", estimator);
        json.put("threads", n);
        json.put("hidden", hidden);
        json.put("batch", batch);
        json.put("length", length);
        json.put("parameters", p);
        json.put("forward_passes", passes);
        json.put("seconds_per_gradient", round(seconds, 5));
        json.put("gflops", round(flops / seconds / 1e9, 2));
        json.put("forward_passes_per_second", round(passes / seconds, 1));
        System.out.println(json);
    }

    private static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }

    private static void deleteTree(Path dir) {
        try (var files = Files.walk(dir)) {
            List<Path> all = new ArrayList<>(files.toList());
            all.sort(java.util.Comparator.reverseOrder());
            for (Path p : all) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
