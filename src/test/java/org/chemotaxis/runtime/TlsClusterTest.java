package org.chemotaxis.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.Address;
import akka.actor.typed.ActorSystem;
import akka.cluster.MemberStatus;
import akka.cluster.typed.Cluster;
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
import org.slf4j.LoggerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Artery over TLS with mutual authentication, with certificates from deploy/tls/make-keys.sh: a
 * worker with a certificate of the cluster's CA joins and trains; one signed by another CA
 * cannot join, nor can one without TLS, and the trainer says so in one line each.
 */
class TlsClusterTest {

    private static final String PASSWORD = "test-secret-123";

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

    private Path makeKeys() throws Exception {
        Path keys = tmp.resolve("tls");
        ProcessBuilder pb = new ProcessBuilder("bash", "deploy/tls/make-keys.sh", keys.toString(), "trainer", "worker",
                "--rogue", "intruder").redirectErrorStream(true).redirectOutput(tmp.resolve("keys.log").toFile());
        pb.environment().put(ClusterSetup.PASSWORD_ENV, PASSWORD);
        pb.environment().put("PATH", Path.of(System.getProperty("java.home"), "bin") + ":" + System.getenv("PATH"));
        assertEquals(0, pb.start().waitFor(), Files.readString(tmp.resolve("keys.log")));
        return keys;
    }

    private ActorSystem<Void> worker(Path tls, Address seed) {
        Config akka = LocalRun.workerDispatcher(1).withFallback(
                ClusterSetup.node("127.0.0.1", 0, "worker", tls, PASSWORD, ConfigFactory.load()));
        ActorSystem<Void> s = ActorSystem.create(WorkerNode.create(1,
                spec -> new SequenceExperiment(ConfigLoader.parse(spec.configYaml(), "job")).job(),
                new CompletableFuture<>()), ClusterSetup.SYSTEM, akka);
        systems.add(s);
        ClusterSetup.join(s, seed);
        return s;
    }

    private ActorSystem<Void> plainWorker(Address seed) {
        Config akka = LocalRun.workerDispatcher(1).withFallback(
                ClusterSetup.node("127.0.0.1", 0, "worker", null, null, ConfigFactory.load()));
        ActorSystem<Void> s = ActorSystem.create(WorkerNode.create(1,
                spec -> new SequenceExperiment(ConfigLoader.parse(spec.configYaml(), "job")).job(),
                new CompletableFuture<>()), ClusterSetup.SYSTEM, akka);
        systems.add(s);
        ClusterSetup.join(s, seed);
        return s;
    }

    /** Lines logged to the "chemotaxis" logger while the test runs. */
    private static ListAppender<ILoggingEvent> capture() {
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        ((Logger) LoggerFactory.getLogger("chemotaxis")).addAppender(lines);
        return lines;
    }

    private static List<String> tlsLines(ListAppender<ILoggingEvent> lines) {
        synchronized (lines.list) {
            return lines.list.stream().map(ILoggingEvent::getFormattedMessage).filter(m -> m.startsWith("TLS: ")).toList();
        }
    }

    @Test
    void onlyNodesWithTheClustersCertificateJoin() throws Exception {
        ListAppender<ILoggingEvent> logged = capture();
        Path keys = makeKeys();
        ExperimentConfig c = ConfigLoader.parse("""
                name: tls
                seed: 4
                model: {type: elman, hidden: 4}
                data: {type: sine, count: 24, length: 12, dt: 0.1, validation_fraction: 0.25}
                objective: {washout: 2}
                training: {epochs: 2, batch: 6}
                """, "tls.yml");
        SequenceExperiment exp = new SequenceExperiment(c);
        RunFolder folder = RunFolder.create(tmp, "run");
        var parts = RunParts.of(exp, exp.newTraining(), folder, null);
        Config trainer = ClusterSetup.node("127.0.0.1", 0, "trainer", keys.resolve("trainer"), PASSWORD,
                ConfigFactory.load());
        CompletableFuture<Address> seed = new CompletableFuture<>();
        CompletableFuture<RunOutcome> run = CompletableFuture.supplyAsync(() -> LocalRun.run(parts, 0, trainer,
                system -> seed.complete(ClusterSetup.self(system)), null));
        Address at = seed.get(60, TimeUnit.SECONDS);

        ActorSystem<Void> intruder = worker(keys.resolve("intruder"), at);
        ActorSystem<Void> plain = plainWorker(at);
        String refused = "TLS: refused a node: it presented no certificate signed by a CA in this node's trust store"
                + " (its certificate comes from another CA)";
        String plainRefused = "TLS: refused a node: it does not speak TLS (a node started without --tls?)";
        // Both handshakes are tried within seconds on a quiet machine; a starved one needs longer, so wait for
        // the lines (at least 8 s, for a wrongly admitted node to have had time to come up) rather than a fixed time.
        long start = System.nanoTime();
        while (System.nanoTime() - start < TimeUnit.SECONDS.toNanos(8)
                || (System.nanoTime() - start < TimeUnit.SECONDS.toNanos(90)
                && !(tlsLines(logged).contains(refused) && tlsLines(logged).contains(plainRefused)))) {
            Thread.sleep(200);
        }
        assertFalse(Cluster.get(intruder).selfMember().status().equals(MemberStatus.up()),
                "a node with a foreign certificate must not join");
        assertFalse(Cluster.get(plain).selfMember().status().equals(MemberStatus.up()), "nor one without TLS");
        List<String> tls = tlsLines(logged);
        assertEquals(1, tls.stream().filter(refused::equals).count(), "the trainer says it once: " + tls);
        assertEquals(1, tls.stream().filter(plainRefused::equals).count(), tls.toString());
        assertTrue(tls.stream().anyMatch(l -> l.matches("TLS: node 127\\.0\\.0\\.1:\\d+ refused this node \\(bad_certificate\\): "
                + "is this node's certificate signed by the cluster's CA\\?")), "the intruder hears why: " + tls);
        assertFalse(run.isDone());
        assertFalse(Files.readString(folder.file(RunFolder.EVENTS)).contains("EpochEnded"),
                "no work was done by the intruder");

        worker(keys.resolve("worker"), at);
        RunOutcome o = run.get(120, TimeUnit.SECONDS);
        assertEquals(RunOutcome.Status.FINISHED, o.status(), o.reason());
        assertTrue(Files.readString(folder.file(RunFolder.EVENTS)).contains("EpochEnded"));
        assertFalse(Cluster.get(intruder).selfMember().status().equals(MemberStatus.up()));
    }
}
