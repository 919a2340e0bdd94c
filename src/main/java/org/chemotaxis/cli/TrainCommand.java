package org.chemotaxis.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.chemotaxis.experiment.RunReports;
import org.chemotaxis.experiment.Configs;
import org.chemotaxis.config.BadInputException;
import org.chemotaxis.config.ConfigLoader;
import org.chemotaxis.config.ExperimentConfig;
import org.chemotaxis.experiment.Experiment;
import org.chemotaxis.experiment.Experiments;
import org.chemotaxis.config.Limits;
import org.chemotaxis.report.AppendedFile;
import org.chemotaxis.report.CheckpointCodec;
import org.chemotaxis.report.EventHistory;
import org.chemotaxis.report.ParameterHash;
import org.chemotaxis.report.RunFolder;
import org.chemotaxis.report.RunLock;
import org.chemotaxis.runtime.BindCheck;
import org.chemotaxis.runtime.ClusterSetup;
import org.chemotaxis.runtime.CodeFingerprint;
import org.chemotaxis.runtime.EventRepair;
import org.chemotaxis.runtime.LocalRun;
import org.chemotaxis.runtime.RunOutcome;
import org.chemotaxis.train.EarlyStoppingRule;
import org.chemotaxis.train.Training;
import org.chemotaxis.web.Dashboard;
import org.chemotaxis.web.ReportPage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code train}: one training run through the actor runtime, into a run folder. */
@Command(name = "train", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Train a network by weight perturbation and write a run folder.",
            "With no CONFIG the built-in sine experiment runs. Ctrl-C or SIGTERM stops after the epoch under",
            "way (exit 130 or 143); train --resume RUN_DIR continues it."})
public final class TrainCommand implements Callable<Integer> {

    @Mixin
    PluginOptions plugins;

    @Parameters(index = "0", arity = "0..1", paramLabel = "CONFIG", description = "experiment YAML file")
    Path configFile;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "override a config key, e.g. --set model.hidden=32")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--workers", paramLabel = "N", description = "local workers (default: runtime.workers, 0 = one per core)")
    Integer workers;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "runs", description = "parent of the run folder (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--name", paramLabel = "NAME", description = "run folder name (default: <config name>-<timestamp>)")
    String name;

    @Option(names = "--resume", paramLabel = "RUN_DIR", description = "continue a run from its last checkpoint, "
            + "bit for bit; with --set training.epochs=N for more epochs (the learning-rate schedule then stretches to N)")
    Path resume;

    @Option(names = "--init-from", paramLabel = "RUN_DIR", description = "start from the saved model of another run "
            + "(its model.json, same model type and sizes) instead of fresh initial weights; optimizer state starts afresh")
    Path initFrom;

    @Option(names = "--cluster", description = "make this JVM a cluster seed that worker nodes can join")
    boolean cluster;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "cluster host to bind (default: ${DEFAULT-VALUE})")
    String host;

    @Option(names = "--port", defaultValue = "2551", description = "cluster port (default: ${DEFAULT-VALUE}; 0: any)")
    int port;

    @Option(names = "--tls", paramLabel = "DIR", description = "Artery over TLS with mutual authentication; DIR holds "
            + "node.p12 and trust.p12 (deploy/tls/make-keys.sh), the password in $CHEMOTAXIS_TLS_PASSWORD")
    Path tls;

    @Option(names = "--insecure", description = "allow a cluster --host other than loopback without --tls (a network you trust)")
    boolean insecure;

    @Mixin
    DashboardOptions dashboard;

    @Override
    public Integer call() {
        // Everything is checked first, in the order the run would meet it; only then the folder,
        // its lock and its files.
        dashboard.validate();
        if (workers != null) {
            Limits.checkRange("--workers", workers, 0, Limits.MAX_WORKERS);
        }
        if (!cluster && tls != null) {
            throw new BadInputException("--tls needs --cluster");
        }
        if (port < 0 || port > 65535) {
            throw new BadInputException("--port must be in 0..65535, but was " + port);
        }
        if (name != null) {
            Limits.checkName("--name", name);
        }
        if (tls != null) {
            TlsFolder.check(tls);
        }
        if (cluster) {
            BindCheck.check(host, tls != null, insecure, ConfigFactory.load()).ifPresent(BindCheck::warn);
        }
        Prepared p;
        try {
            p = resume != null ? prepareResume() : prepareFresh();
        } catch (WriteFailed e) {
            return writeFailed(e.runDir, e.getMessage());
        }
        int code;
        try (RunLock lock = p.lock()) {
            code = run(p);
        } catch (UncheckedIOException e) {
            code = writeFailed(p.folder().dir(), e.getMessage());
        }
        if (code == ExitCode.FAILED && resume == null && discard) {
            // a fresh run whose files failed before its first checkpoint keeps nothing worth resuming
            p.folder().deleteIfEmptyOfResults();
        }
        return code;
    }

    /** Set when a fresh run's files failed before it had a checkpoint: its folder goes once its lock is let go. */
    private boolean discard;

    /**
     * A run's file could not be written (a full disk, a folder gone): the one line of exit 1,
     * with what to do. The checkpoint is the commit point: with one, {@code --resume} continues
     * exactly; without one there is nothing to continue and the folder goes.
     */
    private int writeFailed(Path runDir, String reason) {
        boolean resumable = java.nio.file.Files.isRegularFile(runDir.resolve(RunFolder.CHECKPOINT));
        discard = !resumable;
        System.err.println("failed: " + reason + (resumable
                ? "; free space (or fix the folder), then continue with: bin/chemotaxis train --resume " + runDir
                : "; no epoch was completed: free space (or fix the folder) and start the run again"));
        return ExitCode.FAILED;
    }

    /** A write failure while a run folder was being prepared (its lock is let go already). */
    private static final class WriteFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient Path runDir;

        WriteFailed(Path runDir, UncheckedIOException cause) {
            super(cause.getMessage(), cause);
            this.runDir = runDir;
        }
    }

    /** A run ready to start, its folder locked: nothing in it can fail for bad input any more. */
    record Prepared(ExperimentConfig config, Experiment experiment, Training training, RunFolder folder, RunLock lock) {
    }

    private Prepared prepareFresh() {
        ExperimentConfig config = configFile == null ? builtIn() : Configs.load(configFile, overrides, plugins.registry());
        Experiment exp = Experiments.of(config, plugins.registry());
        Training training = exp.newTraining();
        WarmStart warm = initFrom != null ? WarmStart.from(initFrom, exp, training) : null;
        String folderName = name != null ? name : RunFolder.defaultName(config.name());
        RunFolder.checkNew(out, folderName);
        // Only now, with everything validated, does a folder appear.
        RunFolder folder = RunFolder.create(out, folderName);
        RunLock lock;
        try {
            lock = RunLock.acquire(folder.dir());
        } catch (RuntimeException e) {
            folder.deleteIfEmptyOfResults();
            throw e;
        }
        try {
            folder.writeConfig(ConfigLoader.toYaml(config));
            if (warm != null) {
                warm.record(folder);
            }
        } catch (UncheckedIOException e) {
            lock.close();
            folder.deleteIfEmptyOfResults();
            throw new WriteFailed(folder.dir(), e);
        }
        return new Prepared(config, exp, training, folder, lock);
    }

    private Prepared prepareResume() {
        if (configFile != null || name != null || initFrom != null) {
            throw new BadInputException("--resume continues a run as configured: give no CONFIG, --name or --init-from"
                    + " (--set training.epochs=N gives it more epochs)");
        }
        RunFolder folder = RunFolder.open(resume);
        // An active run changes the files checked below: say that it is active, not that they disagree.
        RunLock.checkFree(folder.dir());
        ExperimentConfig stored = Configs.load(folder.file(RunFolder.CONFIG), java.util.List.of(), plugins.registry());
        CheckpointCodec.Decoded checkpoint = folder.readCheckpoint().orElseThrow(() -> new BadInputException(
                "no checkpoint in " + resume + " (" + RunFolder.CHECKPOINT + " is missing): nothing to resume"));
        EventHistory.Read history = EventHistory.read(folder.file(RunFolder.EVENTS));
        ResumeCheck.metrics(folder);
        folder.checkWritable();
        ExperimentConfig config = RunExtension.apply(stored, overrides);
        Experiment exp = Experiments.of(config, plugins.registry());
        Training training = exp.newTraining();
        try {
            training.restoreState(checkpoint.state());
        } catch (IllegalArgumentException e) {
            throw new BadInputException("checkpoint " + folder.file(RunFolder.CHECKPOINT) + " does not fit "
                    + folder.file(RunFolder.CONFIG) + ": " + e.getMessage());
        }
        ResumeCheck.consistent(folder, stored, checkpoint, training, history);
        if (config != stored) {
            RunExtension.check(config, training.epochsDone());
        }
        EventRepair repair = EventRepair.plan(folder.dir(), checkpoint, history.events());
        boolean modelBehind = ResumeCheck.modelBehind(folder, checkpoint);
        RunLock lock = RunLock.acquire(folder.dir());
        try {
            // What was checked is what runs: no other run changed the checkpoint before the lock was ours.
            CheckpointCodec.Decoded now = folder.readCheckpoint().orElse(null);
            if (now == null || now.state().step() != checkpoint.state().step()
                    || !ParameterHash.sha256(now.state().theta()).equals(ParameterHash.sha256(checkpoint.state().theta()))) {
                throw new BadInputException("checkpoint " + folder.file(RunFolder.CHECKPOINT)
                        + " changed while this resume started (another run ended just now?); start it again");
            }
            history.warnings().forEach(w -> System.err.println("warning: " + w));
            try {
                // The checkpoint is the commit point: what a failed write kept from the files, they get now.
                if (repair.needed()) {
                    System.err.println("warning: " + repair.describe());
                    repair.write(folder.dir());
                }
                if (modelBehind) {
                    EarlyStoppingRule.State best = checkpoint.state().stopping();
                    System.err.println("warning: " + folder.file(RunFolder.MODEL) + " was behind the checkpoint's best"
                            + " epoch " + (best.bestEpoch() + 1) + ": written from " + RunFolder.CHECKPOINT);
                    folder.describing(exp.model()).model(checkpoint.state().bestTheta(), best.bestEpoch(), best.bestLoss());
                }
                if (config != stored) {
                    RunExtension.record(folder, stored, config, training.epochsDone());
                }
            } catch (UncheckedIOException e) {
                throw new WriteFailed(folder.dir(), e);
            }
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
        return new Prepared(config, exp, training, folder, lock);
    }

    private int run(Prepared p) {
        RunFolder folder = p.folder().describing(p.experiment().model());
        int n = workers != null ? workers : p.config().runtime().workers();
        if (n == 0 && !(cluster && workers != null)) {
            n = LocalRun.defaultWorkers();
        }
        var parts = RunParts.of(p.experiment(), p.training(), folder,
                JobFactories.inMemory(p.experiment(), folder.runId()));
        Config akka = akkaConfig();
        if (cluster) {
            akka = ClusterSetup.node(host, port, "trainer", tls, TlsFolder.password(), akka);
        }
        RunOutcome outcome;
        try (Interrupts interrupts = Interrupts.install(folder.dir(), p.lock())) {
            outcome = LocalRun.run(parts, n, akka,
                    system -> {
                        if (cluster) {
                            System.err.println("cluster seed at " + ClusterSetup.self(system).hostPort()
                                    + " (build " + CodeFingerprint.shortForm(CodeFingerprint.current()) + ")"
                                    + ": start workers with  bin/chemotaxis worker --join "
                                    + ClusterSetup.self(system).host().get() + ":" + ClusterSetup.self(system).port().get());
                        }
                        if (dashboard.enabled()) {
                            dashboard.start(system, Dashboard.follow(system));
                        }
                    }, interrupts::coordinator);
            try {
                ReportPage.write(folder.dir());
            } catch (UncheckedIOException e) {
                if (outcome.status() != RunOutcome.Status.FAILED) {
                    throw e;
                }
                // the report is a view of the files; the reason the run failed is the line to show
            }
            if (outcome.status() == RunOutcome.Status.INTERRUPTED) {
                System.err.println(Interrupts.resumeLine(folder.dir(), outcome.epochs()));
                return ExitCode.INTERRUPTED;
            }
        }
        if (outcome.status() == RunOutcome.Status.FAILED) {
            if (AppendedFile.isWriteFailure(outcome.reason())) {
                return writeFailed(folder.dir(), outcome.reason());
            }
            System.err.println("failed: " + outcome.reason());
            return ExitCode.FAILED;
        }
        RunReports.afterTraining(folder, p.experiment());
        System.out.println("run_dir=" + folder.dir() + " params_sha256=" + outcome.paramsSha256());
        return ExitCode.OK;
    }

    /** The built-in experiment: experiments/sine.yml, packaged into the jar. */
    private ExperimentConfig builtIn() {
        String resource = "/experiments/sine.yml";
        try (var in = TrainCommand.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the jar lacks " + resource);
            }
            String yaml = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            return Configs.parse(yaml, "built-in sine.yml", overrides, plugins.registry());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static Config akkaConfig() {
        // The trainer stops itself on SIGINT/SIGTERM (Interrupts): Akka must not stop first.
        return ConfigFactory.parseString("akka.coordinated-shutdown.run-by-jvm-shutdown-hook = off")
                .withFallback(ConfigFactory.load());
    }
}
