package org.chemotaxis.runtime;

import org.chemotaxis.perturb.ForwardingEstimator;
import org.chemotaxis.cli.RunParts;
import org.chemotaxis.train.RunJob;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.Address;
import akka.actor.typed.ActorSystem;
import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.chemotaxis.config.ConfigLoader;
import org.chemotaxis.config.ExperimentConfig;
import org.chemotaxis.experiment.SequenceExperiment;
import org.chemotaxis.perturb.GradientEstimator;
import org.chemotaxis.perturb.StepKey;
import org.chemotaxis.report.ParameterHash;
import org.chemotaxis.report.RunFolder;
import org.chemotaxis.task.Evaluator;
import org.chemotaxis.train.Trainer;
import org.chemotaxis.train.Training;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cluster inside one JVM: a trainer ActorSystem (no local workers) and worker ActorSystems on
 * 127.0.0.1, port 0. Remote workers give the plain loop's parameters, also when one of them is
 * terminated abruptly mid-step or joins mid-run.
 */
class ClusterTrainingTest {

    private static final String YAML = """
            name: cluster
            seed: 11
            model: {type: elman, hidden: 6}
            data: {type: sine, count: 40, length: 24, dt: 0.1, validation_fraction: 0.2}
            objective: {washout: 2}
            estimator: {type: central, sigma: 1.0e-4}
            optimizer: {type: adam, lr: 0.02}
            training: {epochs: %d, batch: 8}
            runtime: {task_size: 8}
            """;

    @TempDir
    Path tmp;

    private final List<ActorSystem<?>> systems = new ArrayList<>();

    @AfterEach
    void stopAll() {
        for (ActorSystem<?> s : systems) {
            s.terminate();
        }
        for (ActorSystem<?> s : systems) {
            s.getWhenTerminated().toCompletableFuture().orTimeout(30, TimeUnit.SECONDS).exceptionally(t -> null).join();
        }
    }

    private static ExperimentConfig config(int epochs) {
        return ConfigLoader.parse(YAML.formatted(epochs), "cluster.yml");
    }

    private static String plainSha(ExperimentConfig c) {
        Training t = new SequenceExperiment(c).newTraining();
        Trainer.plain(t).run(c.training().epochs());
        return ParameterHash.sha256(t.theta());
    }

    /** The trainer, with no local workers, running in a background thread. */
    private CompletableFuture<RunOutcome> startTrainer(ExperimentConfig c, String name, CompletableFuture<Address> address) {
        return startTrainer(c, name, address, 0);
    }

    private CompletableFuture<RunOutcome> startTrainer(ExperimentConfig c, String name, CompletableFuture<Address> address,
                                                       int port) {
        SequenceExperiment exp = new SequenceExperiment(c);
        var parts = RunParts.of(exp, exp.newTraining(), RunFolder.create(tmp, name), null);
        Config akka = ClusterSetup.node("127.0.0.1", port, "trainer", null, null, ConfigFactory.load());
        return CompletableFuture.supplyAsync(() -> LocalRun.run(parts, 0, akka,
                system -> address.complete(ClusterSetup.self(system)), null));
    }

    /** A worker node in this JVM. */
    private ActorSystem<Void> startWorker(Address seed, JobFactory jobs, CompletableFuture<WorkerNode.Exit> exit) {
        return startWorker(seed, jobs, CodeFingerprint.current(), exit);
    }

    /** A worker node in this JVM that takes itself for a build with code fingerprint {@code build}. */
    private ActorSystem<Void> startWorker(Address seed, JobFactory jobs, String build,
                                          CompletableFuture<WorkerNode.Exit> exit) {
        Config akka = LocalRun.workerDispatcher(1).withFallback(ClusterSetup.node("127.0.0.1", 0, "worker", null, null,
                ConfigFactory.load()));
        ActorSystem<Void> system = ActorSystem.create(WorkerNode.create(1, jobs, build, exit), ClusterSetup.SYSTEM, akka);
        systems.add(system);
        ClusterSetup.join(system, seed);
        return system;
    }

    private static JobFactory fromConfig() {
        return spec -> new SequenceExperiment(ConfigLoader.parse(spec.configYaml(), "job")).job();
    }

    private interface Check {
        boolean holds() throws Exception;
    }

    private void waitFor(Check check, CompletableFuture<RunOutcome> run, String what, Process victim) throws Exception {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (System.nanoTime() < deadline && !run.isDone()) {
            if (check.holds()) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("not before the end of the run: " + what + "\n" + Files.readString(tmp.resolve("victim.log")));
    }

    /** Nodes that took tasks in the finished epochs so far. */
    private static int nodesSoFar(Path runDir) throws Exception {
        if (!Files.exists(runDir.resolve("events.jsonl"))) {
            return 0;
        }
        java.util.Set<String> nodes = new java.util.HashSet<>();
        for (JsonNode e : epochs(runDir)) {
            e.path("tasks_by_node").fieldNames().forEachRemaining(nodes::add);
        }
        return nodes.size();
    }

    private static List<JsonNode> epochs(Path runDir) throws Exception {
        return events(runDir, "EpochEnded");
    }

    private static List<JsonNode> events(Path runDir, String type) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(runDir.resolve("events.jsonl"))) {
            JsonNode e = EventLog.JSON.readTree(line);
            if (e.path("event").asText().equals(type)) {
                out.add(e);
            }
        }
        return out;
    }

    @Test
    void twoRemoteWorkerNodesGiveTheSingleJvmResult() throws Exception {
        ExperimentConfig c = config(3);
        CompletableFuture<Address> seed = new CompletableFuture<>();
        CompletableFuture<RunOutcome> run = startTrainer(c, "two", seed);
        Address at = seed.get(60, TimeUnit.SECONDS);
        CompletableFuture<WorkerNode.Exit> exitA = new CompletableFuture<>();
        CompletableFuture<WorkerNode.Exit> exitB = new CompletableFuture<>();
        // Work starts once both nodes have the job, so that both take part however fast the run is.
        CountDownLatch bothIn = new CountDownLatch(2);
        java.util.function.Consumer<StepKey> waitForBoth = key -> {
            try {
                bothIn.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        JobFactory jobs = spec -> {
            bothIn.countDown();
            return hooked(waitForBoth).build(spec);
        };
        startWorker(at, jobs, exitA);
        startWorker(at, jobs, exitB);
        RunOutcome o = run.get(180, TimeUnit.SECONDS);
        assertEquals(RunOutcome.Status.FINISHED, o.status(), o.reason());
        assertEquals(plainSha(c), o.lastParamsSha256());
        assertEquals(0, exitA.get(60, TimeUnit.SECONDS).code(), "worker nodes exit 0 when the training ends: " + exitA.get().reason());
        assertEquals(0, exitB.get(60, TimeUnit.SECONDS).code(), exitB.get().reason());
        // Pull: a faster node may take a whole epoch's tasks, so count over the run.
        java.util.Set<String> nodes = new java.util.TreeSet<>();
        for (JsonNode e : epochs(tmp.resolve("two"))) {
            e.path("tasks_by_node").fieldNames().forEachRemaining(nodes::add);
        }
        assertEquals(2, nodes.size(), "both remote nodes took tasks: " + nodes);
        assertTrue(!nodes.contains("local"));
    }

    /**
     * An adaptive distribution over the wire: CMA-ES's sampling matrix (P x P) and PGPE's sigma
     * travel in Weights to remote workers, which give the plain loop's parameters.
     */
    @Test
    void adaptiveEstimatorsOnRemoteWorkersGiveTheSingleJvmResult() throws Exception {
        for (String technique : new String[] {"cmaes", "pgpe"}) {
            ExperimentConfig c = ConfigLoader.parse(YAML.formatted(2), "cluster.yml",
                    List.of("estimator.type=" + technique, "estimator.sigma=0.05", "optimizer.type=clipup"));
            CompletableFuture<Address> seed = new CompletableFuture<>();
            CompletableFuture<RunOutcome> run = startTrainer(c, "remote-" + technique, seed);
            Address at = seed.get(60, TimeUnit.SECONDS);
            startWorker(at, fromConfig(), new CompletableFuture<>());
            RunOutcome o = run.get(180, TimeUnit.SECONDS);
            assertEquals(RunOutcome.Status.FINISHED, o.status(), o.reason());
            assertEquals(plainSha(c), o.lastParamsSha256(), technique);
        }
    }

    @Test
    void aWorkerNodeThatCannotBuildTheJobDeclinesAndTheRunFinishesOnTheOthers() throws Exception {
        ExperimentConfig c = config(3);
        CompletableFuture<Address> seed = new CompletableFuture<>();
        CompletableFuture<RunOutcome> run = startTrainer(c, "declined", seed);
        Address at = seed.get(60, TimeUnit.SECONDS);
        // The able node waits until the other has declined, so that the decline happens mid-run.
        CountDownLatch declinedFirst = new CountDownLatch(1);
        CompletableFuture<WorkerNode.Exit> declinerExit = new CompletableFuture<>();
        startWorker(at, spec -> {
            declinedFirst.countDown();
            throw new IllegalArgumentException("problem 'thermotaxis' is not installed on this node");
        }, declinerExit);
        assertTrue(declinedFirst.await(60, TimeUnit.SECONDS));
        startWorker(at, fromConfig(), new CompletableFuture<>());
        RunOutcome o = run.get(180, TimeUnit.SECONDS);
        assertEquals(RunOutcome.Status.FINISHED, o.status(), o.reason());
        assertEquals(plainSha(c), o.lastParamsSha256());
        List<JsonNode> declined = events(tmp.resolve("declined"), "WorkerDeclined");
        assertEquals(1, declined.size(), "one decline, and the node is not offered the run again");
        assertTrue(declined.get(0).path("reason").asText().contains("'thermotaxis' is not installed"), declined.toString());
        WorkerNode.Exit declinerEnd = declinerExit.get(60, TimeUnit.SECONDS);
        assertEquals(2, declinerEnd.code(), "the node that declined leaves with exit 2: " + declinerEnd.reason());
        assertTrue(declinerEnd.reason().contains("'thermotaxis' is not installed"), declinerEnd.reason());
    }

    /**
     * A worker node of another build (another code fingerprint) is refused on both sides: the
     * worker logs why and its node ends with exit code 2 without computing anything, the trainer
     * records a WorkerDeclined event naming both builds, and the run finishes on a worker of the
     * trainer's build.
     */
    @Test
    void aWorkerOfAnotherBuildIsRefusedOnBothSides() throws Exception {
        ExperimentConfig c = config(2);
        CompletableFuture<Address> seed = new CompletableFuture<>();
        CompletableFuture<RunOutcome> run = startTrainer(c, "stranger", seed);
        Address at = seed.get(60, TimeUnit.SECONDS);
        String other = "0123456789ab" + CodeFingerprint.current().substring(12);
        java.util.concurrent.atomic.AtomicInteger built = new java.util.concurrent.atomic.AtomicInteger();
        CompletableFuture<WorkerNode.Exit> strangerExit = new CompletableFuture<>();
        startWorker(at, spec -> {
            built.incrementAndGet();
            return fromConfig().build(spec);
        }, other, strangerExit);
        WorkerNode.Exit refused = strangerExit.get(60, TimeUnit.SECONDS);
        assertEquals(2, refused.code(), "like any node that cannot take part: " + refused.reason());
        assertFalse(refused.rejoin(), "joining again would not help");
        assertTrue(refused.reason().contains("another build: this worker's code is 0123456789ab, the trainer's is "
                + CodeFingerprint.shortForm(CodeFingerprint.current())), refused.reason());
        assertEquals(0, built.get(), "the stranger built nothing");
        startWorker(at, fromConfig(), new CompletableFuture<>());
        RunOutcome o = run.get(180, TimeUnit.SECONDS);
        assertEquals(RunOutcome.Status.FINISHED, o.status(), o.reason());
        assertEquals(plainSha(c), o.lastParamsSha256());
        List<JsonNode> declined = events(tmp.resolve("stranger"), "WorkerDeclined");
        assertEquals(1, declined.size(), declined.toString());
        assertTrue(declined.get(0).path("reason").asText().startsWith("another build: this worker's code is 0123456789ab"),
                declined.toString());
        for (JsonNode e : epochs(tmp.resolve("stranger"))) {
            assertEquals(1, e.path("tasks_by_node").size(), "only the trainer's build computed: " + e);
        }
    }

    /** An estimator that runs a hook before each task (on the worker's thread). */
    static final class Hooked extends ForwardingEstimator {
        final java.util.function.Consumer<StepKey> before;

        Hooked(GradientEstimator inner, java.util.function.Consumer<StepKey> before) {
            super(inner);
            this.before = before;
        }

        @Override
        public void evaluate(Evaluator ev, double[] theta, StepKey key, int from, int to, double[] out) {
            before.accept(key);
            inner.evaluate(ev, theta, key, from, to, out);
        }
    }

    private static JobFactory hooked(java.util.function.Consumer<StepKey> before) {
        return spec -> {
            var job = fromConfig().build(spec);
            return new RunJob(job.objective(), new Hooked(job.estimator(), before));
        };
    }

    /**
     * A worker JVM killed with SIGKILL while the run is busy: its tasks go back to the queue as
     * soon as the node is unreachable, the run finishes with the parameters of a run without
     * failures, and the stall is about the failure-detection time.
     */
    /** Waits (at most 60 s) until the run's events name an unreachable node. */
    private static void awaitUnreachable(Path runDir) {
        long deadline = System.nanoTime() + 60_000_000_000L;
        try {
            while (System.nanoTime() < deadline
                    && !Files.readString(runDir.resolve("events.jsonl")).contains("\"event\":\"NodeUnreachable\"")) {
                Thread.sleep(50);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aWorkerJvmKilledMidRunLosesNoWorkAndChangesNothing() throws Exception {
        ExperimentConfig c = config(12);
        java.util.concurrent.atomic.AtomicBoolean killed = new java.util.concurrent.atomic.AtomicBoolean();
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0, 0, java.net.InetAddress.getByName("127.0.0.1"))) {
            port = free.getLocalPort();
        }
        // The trainer has no workers of its own: it waits for the worker JVM, which starts first.
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process victim = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "org.chemotaxis.cli.Main", "worker", "--join", "127.0.0.1:" + port, "--workers", "1")
                .redirectErrorStream(true).redirectOutput(tmp.resolve("victim.log").toFile()).start();
        CompletableFuture<RunOutcome> run;
        try {
            CompletableFuture<Address> seed = new CompletableFuture<>();
            run = startTrainer(c, "killed", seed, port);
            Address at = seed.get(60, TimeUnit.SECONDS);
            waitFor(() -> nodesSoFar(tmp.resolve("killed")) >= 1, run, "the worker JVM took tasks", victim);
            // After the kill the surviving node holds its tasks until the trainer has noticed the
            // dead node, so that the run cannot end before that (a copy of the dead node's task,
            // speculative execution, would otherwise let it finish first on a fast machine).
            startWorker(at, hooked(key -> {
                if (killed.get()) {
                    awaitUnreachable(tmp.resolve("killed"));
                }
            }), new CompletableFuture<>());
            waitFor(() -> nodesSoFar(tmp.resolve("killed")) == 2, run, "both nodes took tasks", victim);
            victim.destroyForcibly();
            victim.waitFor();
            killed.set(true);
        } finally {
            victim.destroyForcibly();
        }
        RunOutcome o = run.get(180, TimeUnit.SECONDS);
        assertEquals(RunOutcome.Status.FINISHED, o.status(), o.reason());
        assertEquals(plainSha(c), o.lastParamsSha256(), "the same parameters as a run without failures");
        List<JsonNode> unreachable = events(tmp.resolve("killed"), "NodeUnreachable");
        assertEquals(1, unreachable.size(), "the killed node was noticed");
        List<JsonNode> ep = epochs(tmp.resolve("killed"));
        double[] secs = ep.stream().mapToDouble(e -> e.path("seconds").asDouble()).sorted().toArray();
        System.out.printf("kill -9 of a worker JVM: %d task(s) handed out again; slowest epoch %.2f s, median %.2f s%n",
                unreachable.get(0).path("tasks_requeued").asInt(), secs[secs.length - 1], secs[secs.length / 2]);
    }

    @Test
    void aWorkerNodeJoiningMidRunGetsTasks() throws Exception {
        ExperimentConfig c = config(8);
        CompletableFuture<Address> seed = new CompletableFuture<>();
        CompletableFuture<RunOutcome> run = startTrainer(c, "join", seed);
        Address at = seed.get(60, TimeUnit.SECONDS);
        CountDownLatch secondEpoch = new CountDownLatch(1);
        // The first node is slowed down (30 ms a task) so that the run lasts until the second one is in.
        JobFactory counting = hooked(key -> {
            if (key.step() >= 8) {
                secondEpoch.countDown();
            }
            try {
                Thread.sleep(30);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        startWorker(at, counting, new CompletableFuture<>());
        assertTrue(secondEpoch.await(120, TimeUnit.SECONDS), "the first node worked alone for two epochs");
        startWorker(at, fromConfig(), new CompletableFuture<>());
        RunOutcome o = run.get(180, TimeUnit.SECONDS);
        assertEquals(RunOutcome.Status.FINISHED, o.status(), o.reason());
        assertEquals(plainSha(c), o.lastParamsSha256());
        List<JsonNode> ep = epochs(tmp.resolve("join"));
        assertEquals(1, ep.get(0).path("tasks_by_node").size(), "epoch 1: one node");
        assertEquals(2, nodesSoFar(tmp.resolve("join")), "the late node took tasks");
        assertEquals(2, ep.get(ep.size() - 1).path("workers").asInt());
    }

    /**
     * An observer that joins after two epochs still sees the whole run, once and in order: the
     * trainer's EventLog replays what the observer's Topic subscription missed.
     */
    @Test
    void aLateObserverSeesEveryEventOnceInOrder() throws Exception {
        int epochs = 8;
        ExperimentConfig c = config(epochs);
        CompletableFuture<Address> seed = new CompletableFuture<>();
        CompletableFuture<RunOutcome> run = startTrainer(c, "late", seed);
        Address at = seed.get(60, TimeUnit.SECONDS);
        CountDownLatch thirdEpoch = new CountDownLatch(1);
        // 40 ms a task, so that the run goes on while the observer joins and catches up.
        startWorker(at, hooked(key -> {
            if (key.step() >= 8) { // 4 steps an epoch
                thirdEpoch.countDown();
            }
            try {
                Thread.sleep(40);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }), new CompletableFuture<>());
        assertTrue(thirdEpoch.await(120, TimeUnit.SECONDS), "two epochs went by before the observer");

        List<RunEvent> seen = java.util.Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<WorkerNode.Exit> exit = new CompletableFuture<>();
        ActorSystem<Void> observer = ActorSystem.create(ObserverNode.create(seen::add, exit), ClusterSetup.SYSTEM,
                ClusterSetup.node("127.0.0.1", 0, "observer", null, null, ConfigFactory.load()));
        systems.add(observer);
        ClusterSetup.join(observer, at);
        assertEquals(0, exit.get(180, TimeUnit.SECONDS).code(), exit.get().reason());
        assertEquals(RunOutcome.Status.FINISHED, run.get(60, TimeUnit.SECONDS).status());

        List<RunEvent> written = new ArrayList<>();
        for (String line : Files.readAllLines(tmp.resolve("late").resolve("events.jsonl"))) {
            written.add(EventLog.JSON.readValue(line, RunEvent.class));
        }
        List<String> kinds = new ArrayList<>();
        List<Long> epochsSeen = new ArrayList<>();
        synchronized (seen) {
            for (RunEvent e : seen) {
                kinds.add(e.getClass().getSimpleName());
                if (e instanceof RunEvent.EpochEnded ep) {
                    epochsSeen.add(ep.epoch());
                }
            }
        }
        assertEquals(java.util.stream.LongStream.range(0, epochs).boxed().toList(), epochsSeen, "epochs seen");
        assertEquals("RunStarted", kinds.get(0));
        assertEquals("RunFinished", kinds.get(kinds.size() - 1));
        assertEquals(written, seen, "the observer saw exactly the events of events.jsonl, in order");
    }

    /**
     * A straggler (a node ten times slower than its task's worth, 400 ms a task) does not hold up
     * the steps: its last task of a step is copied to the idle fast node, whose result comes first;
     * the straggler's later result is ignored, every step completes once, and the parameters are
     * those of the plain loop.
     */
    @Test
    void aStragglersTasksAreCopiedToAnIdleNodeAndTheFirstResultWins() throws Exception {
        ExperimentConfig c = config(3);
        CompletableFuture<Address> seed = new CompletableFuture<>();
        CompletableFuture<RunOutcome> run = startTrainer(c, "straggler", seed);
        Address at = seed.get(60, TimeUnit.SECONDS);
        CountDownLatch bothIn = new CountDownLatch(2);
        JobFactory fast = spec -> {
            bothIn.countDown();
            return hooked(key -> await(bothIn)).build(spec);
        };
        JobFactory slow = spec -> {
            bothIn.countDown();
            return hooked(key -> {
                await(bothIn);
                sleep(400);
            }).build(spec);
        };
        startWorker(at, fast, new CompletableFuture<>());
        startWorker(at, slow, new CompletableFuture<>());
        RunOutcome o = run.get(180, TimeUnit.SECONDS);
        assertEquals(RunOutcome.Status.FINISHED, o.status(), o.reason());
        assertEquals(plainSha(c), o.lastParamsSha256(), "duplicate results change nothing");
        List<JsonNode> ep = epochs(tmp.resolve("straggler"));
        int copies = ep.stream().mapToInt(e -> e.path("speculative_tasks").asInt()).sum();
        long steps = ep.stream().mapToLong(e -> e.path("steps").asLong()).sum();
        assertTrue(copies > 0, "the straggler's tasks were copied: " + ep);
        assertEquals(3L * 4, steps, "every step completed once");
        assertEquals(3, ep.size());
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A million parameters travel to a remote worker (θ is ~9 MB on the large-message channel). */
    @Test
    void aMillionParametersReachARemoteWorker() throws Exception {
        ExperimentConfig c = ConfigLoader.parse("""
                name: large
                seed: 2
                model: {type: elman, hidden: 1000}
                data: {type: sine, count: 4, length: 3, dt: 0.1, validation_fraction: 0.5}
                objective: {washout: 0}
                estimator: {type: spsa, sigma: 1.0e-4, directions: 2}
                optimizer: {type: sgd, lr: 0.01, schedule: constant}
                training: {epochs: 1, batch: 2}
                runtime: {task_size: 1}
                """, "large.yml");
        CompletableFuture<Address> seed = new CompletableFuture<>();
        CompletableFuture<RunOutcome> run = startTrainer(c, "large", seed);
        startWorker(seed.get(60, TimeUnit.SECONDS), fromConfig(), new CompletableFuture<>());
        RunOutcome o = run.get(300, TimeUnit.SECONDS);
        assertEquals(RunOutcome.Status.FINISHED, o.status(), o.reason());
        assertTrue(new SequenceExperiment(c).model().parameterCount() >= 1_000_000);
        assertEquals(plainSha(c), o.lastParamsSha256());
        assertEquals(1, epochs(tmp.resolve("large")).get(0).path("tasks_by_node").size());
    }
}
