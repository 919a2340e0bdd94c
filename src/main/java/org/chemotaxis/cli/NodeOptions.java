package org.chemotaxis.cli;

import akka.actor.typed.ActorSystem;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.Adapter;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.chemotaxis.config.BadInputException;
import org.chemotaxis.runtime.BindCheck;
import org.chemotaxis.runtime.ClusterSetup;
import org.chemotaxis.runtime.WorkerNode;
import picocli.CommandLine.Option;

/** The options of a node that joins a training cluster (worker, observe), and how it runs until it is done. */
final class NodeOptions {

    @Option(names = "--join", required = true, paramLabel = "HOST:PORT", description = "the trainer's cluster address")
    String join;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "host to bind (default: ${DEFAULT-VALUE})")
    String host;

    @Option(names = "--port", defaultValue = "0", description = "port to bind (default: ${DEFAULT-VALUE}: any free port)")
    int port;

    @Option(names = "--tls", paramLabel = "DIR", description = "Artery over TLS: DIR holds node.p12 and trust.p12; "
            + "password in $CHEMOTAXIS_TLS_PASSWORD")
    Path tls;

    @Option(names = "--insecure", description = "allow a --host other than loopback without --tls (a network you trust)")
    boolean insecure;

    /** The node's Akka settings; refuses a port open to the network without TLS or --insecure (BindCheck). */
    Config config(String role) {
        if (port < 0 || port > 65535) {
            throw new BadInputException("--port must be in 0..65535, but was " + port);
        }
        if (tls != null) {
            TlsFolder.check(tls);
        }
        BindCheck.check(host, tls != null, insecure, ConfigFactory.load()).ifPresent(BindCheck::warn);
        return ClusterSetup.node(host, port, role, tls, TlsFolder.password(), ConfigFactory.load());
    }

    /**
     * Starts the node, joins, and waits until the guardian reports an exit or the system stops on
     * its own (it could not join within akka.cluster.shutdown-after-unsuccessful-join-seed-nodes,
     * or it was downed).
     */
    int runUntilDone(Behavior<Void> guardian, CompletableFuture<WorkerNode.Exit> exit, Config config, String what) {
        return runUntilDone(guardian, exit, config, what, system -> { });
    }

    /** As above; {@code onSystem} sees the node's system once it is joining. */
    int runUntilDone(Behavior<Void> guardian, CompletableFuture<WorkerNode.Exit> exit, Config config, String what,
                     java.util.function.Consumer<ActorSystem<Void>> onSystem) {
        var seed = ClusterSetup.seed(join);
        org.slf4j.LoggerFactory.getILoggerFactory();
        ActorSystem<Void> system = ActorSystem.create(guardian, ClusterSetup.SYSTEM, config);
        ClusterSetup.join(system, seed);
        Duration joinTimeout = config.getDuration("akka.cluster.shutdown-after-unsuccessful-join-seed-nodes");
        System.err.println(what + " " + ClusterSetup.self(system).hostPort() + " joining " + join + " ...");
        onSystem.accept(system);
        AtomicBoolean joined = new AtomicBoolean();
        akka.cluster.Cluster.get(Adapter.toClassic(system)).registerOnMemberUp(() -> {
            joined.set(true);
            System.err.println(what + " joined the cluster at " + join);
        });
        system.getWhenTerminated().thenRun(() -> exit.complete(new WorkerNode.Exit(1, joined.get()
                ? "this node was removed from the cluster (the trainer is gone or unreachable)"
                : "could not join " + join + " within " + joinTimeout.toSeconds() + " s: is the trainer running there?")));
        WorkerNode.Exit e = exit.join();
        system.terminate();
        system.getWhenTerminated().toCompletableFuture().orTimeout(30, TimeUnit.SECONDS).exceptionally(t -> null).join();
        System.err.println(what + " stopped: " + e.reason());
        return e.code();
    }
}
