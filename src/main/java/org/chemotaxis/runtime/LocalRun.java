package org.chemotaxis.runtime;

import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.Behavior;
import akka.actor.typed.DispatcherSelector;
import akka.actor.typed.PostStop;
import akka.actor.typed.Terminated;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.pubsub.Topic;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Function;
import org.chemotaxis.report.Picture;
import org.chemotaxis.train.EarlyStoppingRule;
import org.chemotaxis.train.RunRecorder;
import org.chemotaxis.train.Training;

/**
 * Runs one training in an actor system: EventLog, EarlyStopping, a pool of local workers on
 * their own dispatcher (their forward passes never starve the coordinator) and the Coordinator.
 * Extra workers elsewhere in the cluster join through the Receptionist.
 */
public final class LocalRun {

    /** Name of the dispatcher that the local workers run on. */
    public static final String WORKER_DISPATCHER = "chemotaxis.worker-dispatcher";

    private LocalRun() {
    }

    /** The dispatcher settings for {@code workers} threads, to put in front of the Akka config. */
    public static Config workerDispatcher(int workers) {
        return ConfigFactory.parseString(WORKER_DISPATCHER + " {\n"
                + "  type = Dispatcher\n"
                + "  executor = \"thread-pool-executor\"\n"
                + "  thread-pool-executor.fixed-pool-size = " + Math.max(1, workers) + "\n"
                + "  throughput = 1\n"
                + "}\n");
    }

    /**
     * Everything a run needs besides its actors. {@code pictures} (may be null) draws a network
     * for the dashboard: every new best one is drawn ({@link BestPreviews}).
     */
    public record Parts(Training training, Coordinator.Settings settings, RunRecorder recorder, JobSpec job,
                        JobFactory jobFactory, EarlyStoppingRule rule, Path runDir,
                        Function<double[], Picture> pictures) {
    }

    /** The guardian's signal to start training. */
    private enum Begin { INSTANCE }

    /** The EventLog cannot write the run's files. */
    private record EventsUnwritable(String reason) {
    }

    /**
     * The guardian of a trainer node: spawns the run's actors and completes {@code outcome} when
     * the coordinator is done. {@code coordinatorReady} (may be null) gets the coordinator's
     * reference, e.g. to ask it to stop after an epoch. The coordinator, and so the training,
     * starts once {@code begin} completes: what else the node runs (a dashboard) starts first,
     * so that its start-up does not compete with the first epochs.
     */
    public static Behavior<Void> guardian(Parts parts, int localWorkers, CompletableFuture<RunOutcome> outcome,
                                          Consumer<ActorRef<Coordinator.Command>> coordinatorReady,
                                          CompletionStage<?> begin) {
        return Behaviors.<Object>setup(ctx -> {
            ActorRef<Topic.Command<RunEvent>> topic = ctx.spawn(Topic.create(RunEvent.class, EventLog.TOPIC), "events-topic");
            ActorRef<Object> self = ctx.getSelf();
            ActorRef<EventLog.Command> eventLog = ctx.spawn(EventLog.create(parts.runDir(), topic,
                    reason -> self.tell(new EventsUnwritable(reason))), "event-log");
            ActorRef<EarlyStopping.Command> stopping = ctx.spawn(
                    EarlyStopping.create(parts.rule()), "early-stopping");
            for (int i = 0; i < localWorkers; i++) {
                ctx.spawn(Worker.create(parts.jobFactory()), "worker-" + i,
                        DispatcherSelector.fromConfig(WORKER_DISPATCHER));
            }
            ctx.watch(eventLog);
            BestPreviews previews = parts.pictures() == null ? null : new BestPreviews(parts.recorder(),
                    parts.pictures(), parts.settings().runId(), e -> eventLog.tell(new EventLog.Record(e, null)));
            RunRecorder recorder = previews != null ? previews : parts.recorder();
            ctx.pipeToSelf(begin, (ok, failure) -> Begin.INSTANCE);
            java.util.concurrent.atomic.AtomicReference<ActorRef<Coordinator.Command>> running =
                    new java.util.concurrent.atomic.AtomicReference<>();
            return Behaviors.receive(Object.class)
                    .onMessageEquals(Begin.INSTANCE, () -> {
                        if (outcome.isDone()) {
                            return Behaviors.same();
                        }
                        ActorRef<Coordinator.Command> coordinator = ctx.spawn(Coordinator.create(parts.settings(),
                                parts.training(), recorder, parts.job(), eventLog, stopping, outcome), "coordinator");
                        running.set(coordinator);
                        if (coordinatorReady != null) {
                            coordinatorReady.accept(coordinator);
                        }
                        ctx.watch(coordinator);
                        return Behaviors.same();
                    })
                    .onMessage(EventsUnwritable.class, m -> {
                        // Unrecorded, a run could not be resumed where it stands: it ends (exit 1).
                        ActorRef<Coordinator.Command> coordinator = running.get();
                        if (coordinator != null) {
                            coordinator.tell(new Coordinator.EventsUnwritable(m.reason()));
                        } else if (!outcome.isDone()) {
                            outcome.complete(new RunOutcome(RunOutcome.Status.FAILED, parts.training().epochsDone(),
                                    parts.training().step(), null, null, m.reason()));
                        }
                        return Behaviors.same();
                    })
                    .onSignal(Terminated.class, t -> {
                        if (t.getRef().equals(eventLog) && !outcome.isDone()) {
                            // Without its event files a run would go on unrecorded, or wait forever for an ack.
                            String reason = "the event log stopped: cannot write the run's events (see the log)";
                            outcome.complete(new RunOutcome(RunOutcome.Status.FAILED, parts.training().epochsDone(),
                                    parts.training().step(), null, null, reason));
                        } else if (!outcome.isDone()) {
                            // The coordinator threw: its exception is in the log; say so in the events too.
                            String reason = "the coordinator stopped unexpectedly (see the log for the exception)";
                            eventLog.tell(new EventLog.Record(new RunEvent.Failed(parts.settings().runId(),
                                    System.currentTimeMillis(), parts.training().epochsDone(), parts.training().step(),
                                    reason), null));
                            outcome.complete(new RunOutcome(RunOutcome.Status.FAILED, parts.training().epochsDone(),
                                    parts.training().step(), null, null, reason));
                        }
                        return Behaviors.same();
                    })
                    .onSignal(PostStop.class, s -> {
                        if (previews != null) {
                            previews.close();
                        }
                        return Behaviors.same();
                    })
                    .build();
        }).unsafeCast();
    }

    /** Runs to the end in a fresh local actor system and shuts it down. */
    public static RunOutcome run(Parts parts, int localWorkers, Config akkaConfig,
                                 Consumer<ActorRef<Coordinator.Command>> coordinatorReady) {
        return run(parts, localWorkers, akkaConfig, null, coordinatorReady);
    }

    /**
     * Runs to the end in a fresh actor system and shuts it down. With the cluster provider in
     * {@code akkaConfig} the node joins itself as the cluster's first seed, and workers on other
     * nodes join through it; {@code onSystem} (may be null) sees the system once it runs, e.g.
     * to learn the bound address or to serve a dashboard, before the training starts.
     */
    public static RunOutcome run(Parts parts, int localWorkers, Config akkaConfig, Consumer<ActorSystem<Void>> onSystem,
                                 Consumer<ActorRef<Coordinator.Command>> coordinatorReady) {
        CompletableFuture<RunOutcome> outcome = new CompletableFuture<>();
        CompletableFuture<Void> begin = new CompletableFuture<>();
        // Logging first: Akka logs while it starts, and SLF4J would otherwise replay those lines with a warning.
        org.slf4j.LoggerFactory.getILoggerFactory();
        Config config = workerDispatcher(localWorkers).withFallback(akkaConfig);
        ActorSystem<Void> system = ActorSystem.create(guardian(parts, localWorkers, outcome, coordinatorReady, begin),
                ClusterSetup.SYSTEM, config);
        // A node downed from its cluster shuts its actor system down, possibly before the
        // coordinator has said why: the run must end then rather than wait for good.
        String stoppedEarly = ClusterSetup.isCluster(system) ? Coordinator.downedHere(parts.runDir())
                : "the trainer's actor system stopped before the run ended; continue with train --resume "
                + parts.runDir();
        system.getWhenTerminated().thenRun(() -> outcome.complete(new RunOutcome(RunOutcome.Status.FAILED,
                0, 0, null, null, stoppedEarly)));
        try {
            if (ClusterSetup.isCluster(system)) {
                ClusterSetup.join(system, ClusterSetup.self(system));
            }
            try {
                if (onSystem != null) {
                    onSystem.accept(system);
                }
            } finally {
                begin.complete(null);
            }
            return outcome.join();
        } finally {
            system.terminate();
            system.getWhenTerminated().toCompletableFuture().orTimeout(30, java.util.concurrent.TimeUnit.SECONDS)
                    .exceptionally(t -> null).join();
        }
    }

    /** Default worker count: one per available processor. */
    public static int defaultWorkers() {
        return Runtime.getRuntime().availableProcessors();
    }

}
