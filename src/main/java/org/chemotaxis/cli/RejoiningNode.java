package org.chemotaxis.cli;

import akka.actor.Address;
import akka.actor.CoordinatedShutdown;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.Adapter;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigValueFactory;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.chemotaxis.runtime.ClusterSetup;
import org.chemotaxis.runtime.WorkerNode;

/**
 * A worker node that stays in the run whatever happens to the network or the trainer: it starts
 * an actor system and joins; when that node is removed from the cluster without having heard the
 * run's end (cut off from the trainer for longer than the Split Brain Resolver waits, paused, or
 * the trainer died and is restarted with {@code train --resume}), it starts a fresh actor system
 * and joins again, as often as it takes. It ends when the run is over (exit 0), when it cannot
 * take part in the run (exit 2: its workers declined it, e.g. it is another build), on
 * SIGINT/SIGTERM (leaving the cluster first, exit 143), or when its very first join fails (exit 1:
 * most likely a wrong address, which waiting would not fix).
 *
 * <p>An actor system that was downed cannot join again (its incarnation is quarantined), so each
 * attempt is a new one; after the first join, attempts keep trying to reach the seed without a
 * time limit ({@code shutdown-after-unsuccessful-join-seed-nodes = off}).
 */
final class RejoiningNode {

    /** The pause between a node's end and the next attempt. */
    static final Duration PAUSE = Duration.ofSeconds(2);

    private final Address seed;
    private final String join;
    private final Config config;
    private final String what;
    private final Function<CompletableFuture<WorkerNode.Exit>, Behavior<Void>> guardian;
    private final Duration pause;
    private volatile boolean stopping;
    private volatile ActorSystem<Void> current;
    private volatile int incarnations;

    /**
     * @param join     the seed as the user gave it, for messages
     * @param guardian a fresh guardian for each attempt, completing the given exit
     */
    RejoiningNode(String join, Config config, String what,
                  Function<CompletableFuture<WorkerNode.Exit>, Behavior<Void>> guardian, Duration pause) {
        this.seed = ClusterSetup.seed(join);
        this.join = join;
        // The JVM's shutdown hook is this class's: Akka's own would end the node before we know it is stopping.
        this.config = config.withValue("akka.coordinated-shutdown.run-by-jvm-shutdown-hook",
                ConfigValueFactory.fromAnyRef("off"));
        this.what = what;
        this.guardian = guardian;
        this.pause = pause;
    }

    /** Runs until the node is done, with a JVM shutdown hook that leaves the cluster on SIGINT/SIGTERM. */
    int runWithSignals() {
        Thread hook = new Thread(this::stop, "leave-on-signal");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return run();
        } finally {
            if (!stopping) {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException alreadyShuttingDown) {
                    // the hook runs: it finds no node left
                }
            }
        }
    }

    /** Runs until the node is done; returns the exit code. */
    int run() {
        boolean everJoined = false;
        while (true) {
            CompletableFuture<WorkerNode.Exit> exit = new CompletableFuture<>();
            Config c = everJoined
                    ? config.withValue("akka.cluster.shutdown-after-unsuccessful-join-seed-nodes",
                            ConfigValueFactory.fromAnyRef("off"))
                    : config;
            org.slf4j.LoggerFactory.getILoggerFactory();
            ActorSystem<Void> system = ActorSystem.create(guardian.apply(exit), ClusterSetup.SYSTEM, c);
            current = system;
            incarnations++;
            if (stopping) {
                terminate(system);
                return ExitCode.TERMINATED;
            }
            ClusterSetup.join(system, seed);
            System.err.println(what + " " + ClusterSetup.self(system).hostPort() + " joining " + join + " ...");
            AtomicBoolean joined = new AtomicBoolean();
            akka.cluster.Cluster.get(Adapter.toClassic(system)).registerOnMemberUp(() -> {
                joined.set(true);
                System.err.println(what + " joined the cluster at " + join);
            });
            boolean rejoining = everJoined;
            Duration joinTimeout = config.getDuration("akka.cluster.shutdown-after-unsuccessful-join-seed-nodes");
            system.getWhenTerminated().thenRun(() -> exit.complete(joined.get() || rejoining
                    ? new WorkerNode.Exit(1, "this node was removed from the cluster (cut off from the trainer, "
                            + "or the trainer is gone)", true)
                    : new WorkerNode.Exit(1, "could not join " + join + " within " + joinTimeout.toSeconds()
                            + " s: is the trainer running there?")));
            WorkerNode.Exit e = exit.join();
            everJoined |= joined.get();
            terminate(system);
            if (stopping) {
                System.err.println(what + " stopped: it left the cluster on request");
                return ExitCode.TERMINATED;
            }
            if (!e.rejoin()) {
                System.err.println(what + " stopped: " + e.reason());
                return e.code();
            }
            System.err.println(what + ": " + e.reason() + "; joining " + join + " again in " + pause.toSeconds()
                    + " s (until the run is over; Ctrl-C stops this node)");
            if (!sleep(pause)) {
                return ExitCode.TERMINATED;
            }
        }
    }

    /** How many actor systems this node has started so far (1 + the rejoins). */
    int incarnations() {
        return incarnations;
    }

    /** Stops the node: the current system leaves the cluster and terminates; no new attempt starts. */
    void stop() {
        stopping = true;
        ActorSystem<Void> s = current;
        if (s != null) {
            CoordinatedShutdown.get(Adapter.toClassic(s)).run(CoordinatedShutdown.jvmExitReason());
            s.getWhenTerminated().toCompletableFuture().orTimeout(15, TimeUnit.SECONDS).exceptionally(t -> null).join();
        }
    }

    private static void terminate(ActorSystem<Void> system) {
        system.terminate();
        system.getWhenTerminated().toCompletableFuture().orTimeout(30, TimeUnit.SECONDS).exceptionally(t -> null).join();
    }

    /** Sleeps unless stopping; false when stopped meanwhile. */
    private boolean sleep(Duration d) {
        long end = System.nanoTime() + d.toNanos();
        while (!stopping && System.nanoTime() < end) {
            try {
                Thread.sleep(Math.min(100, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return !stopping;
    }
}
