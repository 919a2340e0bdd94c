package org.chemotaxis.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.Address;
import akka.actor.typed.ActorSystem;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.chemotaxis.cli.RunParts;
import org.chemotaxis.config.ConfigLoader;
import org.chemotaxis.config.ExperimentConfig;
import org.chemotaxis.experiment.SequenceExperiment;
import org.chemotaxis.report.RunFolder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * A cluster whose only worker node cannot build the job (its data file is missing, a plugin
 * differs): the node declines with the reason and leaves with exit code 2, the trainer records a
 * WorkerDeclined event and, with no usable worker, says so on its console instead of waiting in
 * silence; a worker that can build the job then finishes the run.
 */
class NoUsableWorkerTest {

    private static final String YAML = """
            name: lonely
            seed: 4
            model: {type: elman, hidden: 3}
            data: {type: sine, count: 16, length: 10, dt: 0.1, validation_fraction: 0.25}
            objective: {washout: 1}
            estimator: {type: spsa, directions: 2}
            training: {epochs: 1, batch: 4}
            """;

    @TempDir
    Path tmp;

    private final List<ActorSystem<?>> systems = new java.util.concurrent.CopyOnWriteArrayList<>();

    @AfterEach
    void stopAll() {
        for (ActorSystem<?> s : systems) {
            s.terminate();
        }
        for (ActorSystem<?> s : systems) {
            s.getWhenTerminated().toCompletableFuture().orTimeout(30, TimeUnit.SECONDS).exceptionally(t -> null).join();
        }
    }

    private ActorSystem<Void> startWorker(Address seed, JobFactory jobs, CompletableFuture<WorkerNode.Exit> exit) {
        Config akka = LocalRun.workerDispatcher(2).withFallback(ClusterSetup.node("127.0.0.1", 0, "worker", null, null,
                ConfigFactory.load()));
        ActorSystem<Void> system = ActorSystem.create(WorkerNode.create(2, jobs, exit), ClusterSetup.SYSTEM, akka);
        systems.add(system);
        ClusterSetup.join(system, seed);
        return system;
    }

    @Test
    void aNodeThatCannotBuildTheJobLeavesAndTheTrainerSaysItHasNoWorker() throws Exception {
        Logger coordinatorLog = (Logger) LoggerFactory.getLogger(Coordinator.class);
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        coordinatorLog.addAppender(lines);
        try {
            ExperimentConfig c = ConfigLoader.parse(YAML, "lonely.yml");
            SequenceExperiment exp = new SequenceExperiment(c);
            var parts = RunParts.of(exp, exp.newTraining(), RunFolder.create(tmp, "lonely"), null);
            Config akka = ConfigFactory.parseString(Coordinator.NO_WORKER_WARNING + " = 300ms")
                    .withFallback(ClusterSetup.node("127.0.0.1", 0, "trainer", null, null, ConfigFactory.load()));
            CompletableFuture<Address> seed = new CompletableFuture<>();
            CompletableFuture<RunOutcome> run = CompletableFuture.supplyAsync(() -> LocalRun.run(parts, 0, akka,
                    system -> {
                        systems.add(system);
                        seed.complete(ClusterSetup.self(system));
                    }, null));
            Address at = seed.get(60, TimeUnit.SECONDS);

            CompletableFuture<WorkerNode.Exit> declined = new CompletableFuture<>();
            startWorker(at, spec -> {
                throw new IllegalArgumentException("data file not found: /data/on/the/trainer.csv");
            }, declined);
            WorkerNode.Exit exit = declined.get(60, TimeUnit.SECONDS);
            assertEquals(2, exit.code(), exit.reason());
            assertTrue(exit.reason().contains("data file not found"), exit.reason());

            long deadline = System.nanoTime() + 60_000_000_000L;
            while (System.nanoTime() < deadline && warnings(lines).stream().noneMatch(w -> w.contains("declined"))) {
                Thread.sleep(50);
            }
            List<String> said = warnings(lines);
            assertTrue(said.stream().anyMatch(w -> w.contains("declined the run on") && w.contains("data file not found")),
                    "the trainer says it has no usable worker, and why the last one declined: " + said);
            assertTrue(Files.readString(tmp.resolve("lonely/events.jsonl")).contains("\"event\":\"WorkerDeclined\""));

            startWorker(at, spec -> new SequenceExperiment(ConfigLoader.parse(spec.configYaml(), "job")).job(),
                    new CompletableFuture<>());
            RunOutcome o = run.get(120, TimeUnit.SECONDS);
            assertEquals(RunOutcome.Status.FINISHED, o.status(), o.reason());
        } finally {
            coordinatorLog.detachAppender(lines);
        }
    }

    private static List<String> warnings(ListAppender<ILoggingEvent> lines) {
        synchronized (lines.list) {
            return lines.list.stream().map(ILoggingEvent::getFormattedMessage)
                    .filter(m -> m.startsWith("no usable worker")).toList();
        }
    }
}
