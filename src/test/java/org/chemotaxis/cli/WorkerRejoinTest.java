package org.chemotaxis.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.Address;
import akka.actor.AddressFromURIString;
import akka.actor.typed.ActorSystem;
import akka.cluster.typed.Cluster;
import akka.cluster.typed.Down;
import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.chemotaxis.config.ConfigLoader;
import org.chemotaxis.config.ExperimentConfig;
import org.chemotaxis.experiment.SequenceExperiment;
import org.chemotaxis.perturb.ForwardingEstimator;
import org.chemotaxis.perturb.StepKey;
import org.chemotaxis.report.ParameterHash;
import org.chemotaxis.report.RunFolder;
import org.chemotaxis.runtime.ClusterSetup;
import org.chemotaxis.runtime.JobFactory;
import org.chemotaxis.runtime.LocalRun;
import org.chemotaxis.runtime.RunOutcome;
import org.chemotaxis.runtime.WorkerNode;
import org.chemotaxis.task.Evaluator;
import org.chemotaxis.train.RunJob;
import org.chemotaxis.train.Trainer;
import org.chemotaxis.train.Training;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code worker --join} stays in the run: a worker node downed by the trainer's side (as after a
 * network cut or a long pause) starts a fresh actor system and joins again by itself, and a
 * worker whose trainer is killed with SIGKILL and restarted with {@code train --resume} finds the
 * new trainer and carries on; both runs end with the plain loop's parameters and the worker
 * node exits 0 when told the run is over.
 */
class WorkerRejoinTest {

    private static final String YAML = """
            name: rejoin
            seed: 21
            model: {type: elman, hidden: 5}
            data: {type: sine, count: 40, length: 20, dt: 0.1, validation_fraction: 0.2}
            objective: {washout: 2}
            estimator: {type: central, sigma: 1.0e-4}
            optimizer: {type: adam, lr: 0.02}
            training: {epochs: %d, batch: 8}
            runtime: {task_size: 10}
            """;

    /**
     * The worker notices a dead trainer and downs itself sooner than by default (2 s of silence,
     * 2 s stable), so that the test does not wait 12 s for it; the behaviour is the same.
     */
    private static final String FAST_DOWNING = """
            akka.cluster.failure-detector.acceptable-heartbeat-pause = 2s
            akka.cluster.split-brain-resolver.stable-after = 2s
            """;

    @TempDir
    Path tmp;

    private static ExperimentConfig config(int epochs) {
        return ConfigLoader.parse(YAML.formatted(epochs), "rejoin.yml");
    }

    private static String plainSha(ExperimentConfig c) {
        Training t = new SequenceExperiment(c).newTraining();
        Trainer.plain(t).run(c.training().epochs());
        return ParameterHash.sha256(t.theta());
    }

    /** Rebuilds the job from its config, each task taking at least {@code ms} (so that the run lasts). */
    private static JobFactory slowJobs(long ms) {
        return spec -> {
            RunJob job = new SequenceExperiment(ConfigLoader.parse(spec.configYaml(), "job")).job();
            return new RunJob(job.objective(), new ForwardingEstimator(job.estimator()) {
                @Override
                public void evaluate(Evaluator ev, double[] theta, StepKey key, int from, int to, double[] out) {
                    try {
                        Thread.sleep(ms);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    inner.evaluate(ev, theta, key, from, to, out);
                }
            });
        };
    }

    private static RejoiningNode worker(String join, JobFactory jobs) {
        Config akka = LocalRun.workerDispatcher(1).withFallback(ConfigFactory.parseString(FAST_DOWNING))
                .withFallback(ClusterSetup.node("127.0.0.1", 0, "worker", null, null, ConfigFactory.load()));
        return new RejoiningNode(join, akka, "test worker", exit -> WorkerNode.create(1, jobs, exit),
                Duration.ofMillis(500));
    }

    /** A trainer node running a run of {@code c} in {@code folder} with no workers of its own. */
    private record TrainerRun(CompletableFuture<RunOutcome> outcome, ActorSystem<Void> system, Address seed) {

        static TrainerRun start(ExperimentConfig c, RunFolder folder) throws Exception {
            SequenceExperiment exp = new SequenceExperiment(c);
            var parts = RunParts.of(exp, exp.newTraining(), folder, null);
            Config akka = ClusterSetup.node("127.0.0.1", 0, "trainer", null, null, ConfigFactory.load());
            CompletableFuture<ActorSystem<Void>> started = new CompletableFuture<>();
            CompletableFuture<RunOutcome> run = CompletableFuture.supplyAsync(() -> LocalRun.run(parts, 0, akka,
                    started::complete, null));
            ActorSystem<Void> system = started.get(60, TimeUnit.SECONDS);
            return new TrainerRun(run, system, ClusterSetup.self(system));
        }

        String hostPort() {
            return seed.getHost().get() + ":" + seed.getPort().get();
        }
    }

    /** A trainer and one worker node (15 ms tasks) on the cluster, the worker running until stopped. */
    private record OneWorkerRun(RunFolder folder, TrainerRun trainer, RejoiningNode node,
                                CompletableFuture<Integer> workerExit) {

        static OneWorkerRun start(ExperimentConfig c, Path tmp, String name) throws Exception {
            RunFolder folder = RunFolder.create(tmp, name);
            TrainerRun trainer = TrainerRun.start(c, folder);
            RejoiningNode node = worker(trainer.hostPort(), slowJobs(15));
            return new OneWorkerRun(folder, trainer, node, CompletableFuture.supplyAsync(node::run));
        }

        void awaitFirstEpoch() throws Exception {
            waitFor(() -> epochsEnded(folder.dir()) >= 1, 120, "the worker computed an epoch");
        }
    }

    private interface Check {
        boolean holds() throws Exception;
    }

    private static void waitFor(Check check, long seconds, String what) throws Exception {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (!check.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + seconds + " s: " + what);
            }
            Thread.sleep(20);
        }
    }

    private static int epochsEnded(Path runDir) {
        return Files.exists(runDir.resolve("events.jsonl")) ? RunFiles.events(runDir, "EpochEnded").size() : 0;
    }

    /** Worker node addresses that did tasks, over the whole run. */
    private static Set<String> nodesThatComputed(Path runDir) {
        Set<String> nodes = new TreeSet<>();
        for (JsonNode e : RunFiles.events(runDir, "EpochEnded")) {
            e.path("tasks_by_node").fieldNames().forEachRemaining(nodes::add);
        }
        return nodes;
    }

    @Test
    void aWorkerDownedByTheTrainersSideJoinsAgainByItself() throws Exception {
        ExperimentConfig c = config(6);
        OneWorkerRun r = OneWorkerRun.start(c, tmp, "downed");
        RunFolder folder = r.folder();
        RejoiningNode node = r.node();
        String first;
        try {
            r.awaitFirstEpoch();
            first = nodesThatComputed(folder.dir()).iterator().next();
            Address victim = AddressFromURIString.parse("akka://" + first);
            // What the Split Brain Resolver does to a node cut off for longer than it waits.
            Cluster.get(r.trainer().system()).manager().tell(new Down(victim));

            RunOutcome o = r.trainer().outcome().get(180, TimeUnit.SECONDS);
            assertEquals(RunOutcome.Status.FINISHED, o.status(), o.reason());
            assertEquals(plainSha(c), o.lastParamsSha256(), "the same parameters as a run without faults");
            assertEquals(ExitCode.OK, r.workerExit().get(60, TimeUnit.SECONDS), "the worker heard the run's end");
        } finally {
            node.stop();
        }
        assertEquals(2, node.incarnations(), "the downed node started once more");
        Set<String> nodes = nodesThatComputed(folder.dir());
        assertEquals(2, nodes.size(), "both incarnations computed: " + nodes);
        List<JsonNode> epochs = RunFiles.events(folder.dir(), "EpochEnded");
        JsonNode last = epochs.get(epochs.size() - 1);
        assertEquals(1, last.path("workers").asInt(), "as many workers computing at the end as at the start");
        assertEquals(1, last.path("tasks_by_node").size(), last.toString());
        assertTrue(!last.path("tasks_by_node").has(first), "the last epoch was computed by the new node: " + last);
    }

    @Test
    void aFirstJoinThatFailsEndsTheNodeWithoutRetrying() throws Exception {
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0, 0, java.net.InetAddress.getByName("127.0.0.1"))) {
            port = free.getLocalPort();
        }
        Config akka = ConfigFactory.parseString("akka.cluster.shutdown-after-unsuccessful-join-seed-nodes = 2s")
                .withFallback(LocalRun.workerDispatcher(1))
                .withFallback(ClusterSetup.node("127.0.0.1", 0, "worker", null, null, ConfigFactory.load()));
        RejoiningNode node = new RejoiningNode("127.0.0.1:" + port, akka, "test worker",
                exit -> WorkerNode.create(1, slowJobs(0), exit), Duration.ofMillis(100));
        assertEquals(ExitCode.FAILED, CompletableFuture.supplyAsync(node::run).get(60, TimeUnit.SECONDS),
                "nobody at that address: most likely a wrong address, which waiting would not fix");
        assertEquals(1, node.incarnations());
    }

    @Test
    void aWorkerFindsTheTrainerRestartedWithResumeAndCarriesOn() throws Exception {
        int epochs = 8;
        ExperimentConfig c = config(epochs);
        Path yaml = tmp.resolve("rejoin.yml");
        Files.writeString(yaml, YAML.formatted(epochs));
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0, 0, java.net.InetAddress.getByName("127.0.0.1"))) {
            port = free.getLocalPort();
        }
        Path runDir = tmp.resolve("runs").resolve("restarted");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> jvm = List.of(java, "-cp", System.getProperty("java.class.path"), "org.chemotaxis.cli.Main");
        List<String> cluster = List.of("--cluster", "--port", String.valueOf(port), "--workers", "0");

        List<String> first = new java.util.ArrayList<>(jvm);
        first.addAll(List.of("train", yaml.toString(), "--out", tmp.resolve("runs").toString(), "--name", "restarted"));
        first.addAll(cluster);
        Process trainer = new ProcessBuilder(first).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("trainer-1.log").toFile()).start();
        RejoiningNode node = worker("127.0.0.1:" + port, slowJobs(20));
        CompletableFuture<Integer> workerExit = CompletableFuture.supplyAsync(node::run);
        Process resumed = null;
        try {
            waitFor(() -> epochsEnded(runDir) >= 2 || !trainer.isAlive(), 120, "two epochs before the kill");
            assertTrue(trainer.isAlive(), "the first trainer must still run: " + Files.readString(tmp.resolve("trainer-1.log")));
            trainer.destroyForcibly();
            trainer.waitFor();
            int before = epochsEnded(runDir);
            assertTrue(before < epochs, "killed mid-run");

            List<String> again = new java.util.ArrayList<>(jvm);
            again.addAll(List.of("train", "--resume", runDir.toString()));
            again.addAll(cluster);
            resumed = new ProcessBuilder(again).redirectErrorStream(true)
                    .redirectOutput(tmp.resolve("trainer-2.log").toFile()).start();
            assertTrue(resumed.waitFor(180, TimeUnit.SECONDS), "the resumed trainer (no workers of its own) finished: "
                    + "the worker came back");
            assertEquals(0, resumed.exitValue(), Files.readString(tmp.resolve("trainer-2.log")));
            assertEquals(ExitCode.OK, workerExit.get(60, TimeUnit.SECONDS), "the worker heard the run's end");
        } finally {
            trainer.destroyForcibly();
            if (resumed != null) {
                resumed.destroyForcibly();
            }
            node.stop();
        }
        assertEquals(plainSha(c), RunFiles.lastSha(runDir), "the same parameters as a run without faults");
        assertTrue(node.incarnations() >= 2, "the worker started a new node to join the new trainer");
        assertEquals(epochs, RunFiles.events(runDir, "EpochEnded").stream().mapToLong(e -> e.path("epoch").asLong())
                .distinct().count(), "every epoch ended (the interrupted one again after the resume)");
    }

    /**
     * A worker node that dies without a word (a killed JVM: the trainer finds it unreachable) and
     * comes back at the same host and port, as a restarted process on a machine does, computes
     * again: the mark "unreachable" belonged to the dead incarnation, not to the address.
     */
    @Test
    void aWorkerNodeBackAtTheSameAddressAfterDyingComputesAgain() throws Exception {
        ExperimentConfig c = config(10);
        RunFolder folder = RunFolder.create(tmp, "same-address");
        TrainerRun trainer = TrainerRun.start(c, folder);
        CompletableFuture<RunOutcome> run = trainer.outcome();
        Address at = trainer.seed();
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0, 0, java.net.InetAddress.getByName("127.0.0.1"))) {
            port = free.getLocalPort();
        }
        // Dies as a killed JVM does: no leave, no goodbye, so the trainer finds it unreachable.
        Config silent = ConfigFactory.parseString("""
                akka.coordinated-shutdown.run-by-actor-system-terminate = off
                akka.coordinated-shutdown.terminate-actor-system = off
                """).withFallback(LocalRun.workerDispatcher(1))
                .withFallback(ClusterSetup.node("127.0.0.1", port, "worker", null, null, ConfigFactory.load()));
        ActorSystem<Void> first = ActorSystem.create(WorkerNode.create(1, slowJobs(15), new CompletableFuture<>()),
                ClusterSetup.SYSTEM, silent);
        ActorSystem<Void> second = null;
        try {
            ClusterSetup.join(first, at);
            waitFor(() -> epochsEnded(folder.dir()) >= 1, 120, "the first incarnation computed an epoch");
            first.terminate();
            first.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
            waitFor(() -> !RunFiles.events(folder.dir(), "NodeUnreachable").isEmpty(), 60,
                    "the trainer found the dead node unreachable");
            int before = epochsEnded(folder.dir());

            second = ActorSystem.create(WorkerNode.create(1, slowJobs(15), new CompletableFuture<>()),
                    ClusterSetup.SYSTEM, LocalRun.workerDispatcher(1)
                            .withFallback(ClusterSetup.node("127.0.0.1", port, "worker", null, null, ConfigFactory.load())));
            ClusterSetup.join(second, at);
            RunOutcome o = run.get(180, TimeUnit.SECONDS);
            assertEquals(RunOutcome.Status.FINISHED, o.status(), o.reason());
            assertEquals(plainSha(c), o.lastParamsSha256(), "the same parameters as a run without faults");
            assertTrue(before < 10, "the node died mid-run");
        } finally {
            first.terminate();
            if (second != null) {
                second.terminate();
            }
            if (!run.isDone()) {
                run.cancel(true);
            }
        }
        List<JsonNode> epochs = RunFiles.events(folder.dir(), "EpochEnded");
        JsonNode last = epochs.get(epochs.size() - 1);
        assertTrue(last.path("tasks_by_node").has(ClusterSetup.SYSTEM + "@127.0.0.1:" + port),
                "the new incarnation computed: " + last);
    }

    /**
     * A trainer whose own node is downed (the other nodes found it unreachable, e.g. while it was
     * paused) cannot get its workers back: it ends at once, exit 1 with the resume line, instead
     * of waiting with no workers for good, and leaves a checkpoint to resume from.
     */
    @Test
    void aTrainerDownedFromItsClusterEndsWithTheResumeLine() throws Exception {
        OneWorkerRun r = OneWorkerRun.start(config(40), tmp, "downed-trainer");
        RunFolder folder = r.folder();
        try {
            r.awaitFirstEpoch();
            Cluster.get(r.trainer().system()).manager().tell(new Down(r.trainer().seed()));
            RunOutcome o = r.trainer().outcome().get(60, TimeUnit.SECONDS);
            assertEquals(RunOutcome.Status.FAILED, o.status());
            assertTrue(o.reason().startsWith("this trainer's node was downed from the cluster"), o.reason());
            assertTrue(o.reason().endsWith("train --resume " + folder.dir()), o.reason());
        } finally {
            r.node().stop();
        }
        assertTrue(Files.exists(folder.dir().resolve("checkpoint.json")), "a checkpoint to resume from");
        assertTrue(epochsEnded(folder.dir()) < 40, "ended mid-run");
    }
}
