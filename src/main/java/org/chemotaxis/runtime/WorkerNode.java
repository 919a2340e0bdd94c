package org.chemotaxis.runtime;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.DispatcherSelector;
import akka.actor.typed.Terminated;
import akka.actor.typed.javadsl.Behaviors;
import akka.cluster.ClusterEvent;
import akka.cluster.typed.Cluster;
import akka.cluster.typed.Subscribe;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The guardian of a worker JVM: N workers that register with the cluster's Receptionist and take
 * tasks from whichever coordinator offers them a run. When the run ends the coordinator stops
 * them and the node reports exit code 0; when every worker declined the run (it cannot build it,
 * or it is another build) it reports 2 with the reason. When this node is removed from the
 * cluster first (cut off from the trainer, or the trainer died, and the Split Brain Resolver
 * downed this side), or the trainer leaves, it reports 1 with {@link Exit#rejoin()}: the caller
 * may start a new node that joins again.
 */
public final class WorkerNode {

    /**
     * How a node ended: the process exit code and why; {@code rejoin} when the run may still go on
     * without this node having heard its end (a new node could join it again).
     */
    public record Exit(int code, String reason, boolean rejoin) {

        public Exit(int code, String reason) {
            this(code, reason, false);
        }
    }

    private sealed interface Event {
    }

    private record MemberEvent(ClusterEvent.MemberEvent event) implements Event {
    }

    private WorkerNode() {
    }

    public static Behavior<Void> create(int workers, JobFactory factory, CompletableFuture<Exit> exit) {
        return create(workers, factory, CodeFingerprint.current(), exit);
    }

    /** @param build the {@link CodeFingerprint} the workers compare with a job's */
    public static Behavior<Void> create(int workers, JobFactory factory, String build, CompletableFuture<Exit> exit) {
        return Behaviors.<Object>setup(ctx -> {
            Set<ActorRef<Worker.Command>> alive = new HashSet<>();
            // A node whose every worker declined the run (it cannot read the data, lacks the plugin) has nothing
            // to give: it leaves with the reason and exit code 2 instead of staying joined and idle.
            java.util.concurrent.atomic.AtomicInteger declined = new java.util.concurrent.atomic.AtomicInteger();
            for (int i = 0; i < workers; i++) {
                ActorRef<Worker.Command> w = ctx.spawn(
                        Worker.create(factory, build, () -> exit.complete(new Exit(0, "the training ended")), reason -> {
                            if (declined.incrementAndGet() == workers) {
                                exit.complete(new Exit(2, reason));
                            }
                        }), "worker-" + i,
                        DispatcherSelector.fromConfig(LocalRun.WORKER_DISPATCHER));
                ctx.watch(w);
                alive.add(w);
            }
            ActorRef<ClusterEvent.MemberEvent> members = ctx.messageAdapter(ClusterEvent.MemberEvent.class, MemberEvent::new)
                    .unsafeUpcast();
            Cluster cluster = Cluster.get(ctx.getSystem());
            cluster.subscriptions().tell(Subscribe.create(members, ClusterEvent.MemberEvent.class));
            return Behaviors.receive(Object.class)
                    .onSignal(Terminated.class, t -> {
                        alive.remove(t.getRef());
                        if (alive.isEmpty()) {
                            exit.complete(new Exit(0, "the training ended"));
                        }
                        return Behaviors.same();
                    })
                    .onMessage(MemberEvent.class, m -> {
                        ClusterEvent.MemberEvent e = m.event();
                        boolean self = e.member().address().equals(cluster.selfMember().address());
                        if ((e instanceof ClusterEvent.MemberRemoved || e instanceof ClusterEvent.MemberDowned) && self) {
                            // Downed is enough: such a node is shut down, possibly before it hears of its
                            // removal, and it had joined (even if it never saw itself Up: downed at once).
                            exit.complete(new Exit(1, "this node was removed from the cluster", true));
                        } else if (e instanceof ClusterEvent.MemberRemoved && e.member().hasRole("trainer")) {
                            exit.complete(new Exit(1, "the trainer node " + e.member().address() + " left the cluster",
                                    true));
                        }
                        return Behaviors.same();
                    })
                    .build();
        }).unsafeCast();
    }
}
