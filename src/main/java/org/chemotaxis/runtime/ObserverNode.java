package org.chemotaxis.runtime;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.Behaviors;
import akka.cluster.ClusterEvent;
import akka.cluster.typed.Cluster;
import akka.cluster.typed.Subscribe;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The guardian of an observer JVM: hands every event of the run to {@code sink}, in order,
 * from the first one on, also when it joins late (an {@link EventFollower} does that). The
 * run's end (RunFinished: 0, Failed: 1) or the trainer leaving (1) ends the node.
 */
public final class ObserverNode {

    private record MemberEvent(ClusterEvent.MemberEvent event) {
    }

    private ObserverNode() {
    }

    public static Behavior<Void> create(Consumer<RunEvent> sink, CompletableFuture<WorkerNode.Exit> exit) {
        return Behaviors.<MemberEvent>setup(ctx -> {
            ctx.spawn(EventFollower.create(e -> {
                sink.accept(e);
                if (e instanceof RunEvent.RunFinished) {
                    exit.complete(new WorkerNode.Exit(0, "the run finished"));
                } else if (e instanceof RunEvent.Failed f) {
                    exit.complete(new WorkerNode.Exit(1, "the run failed: " + f.reason()));
                }
            }), "events");
            ActorRef<ClusterEvent.MemberEvent> members = ctx.messageAdapter(ClusterEvent.MemberEvent.class, MemberEvent::new)
                    .unsafeUpcast();
            Cluster.get(ctx.getSystem()).subscriptions().tell(Subscribe.create(members, ClusterEvent.MemberEvent.class));
            return Behaviors.receive(MemberEvent.class)
                    .onMessage(MemberEvent.class, m -> {
                        if (m.event() instanceof ClusterEvent.MemberRemoved r && r.member().hasRole("trainer")) {
                            exit.complete(new WorkerNode.Exit(1, "the trainer node left before the run finished"));
                        }
                        return Behaviors.same();
                    })
                    .build();
        }).unsafeCast();
    }
}
