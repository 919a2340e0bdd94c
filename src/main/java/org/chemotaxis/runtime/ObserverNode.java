package org.chemotaxis.runtime;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.pubsub.Topic;
import akka.cluster.ClusterEvent;
import akka.cluster.typed.Cluster;
import akka.cluster.typed.Subscribe;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The guardian of an observer JVM: subscribes to the events topic and hands every event to
 * {@code sink} as it arrives. The run's end (RunFinished: 0, Failed: 1) or the trainer leaving
 * (1) ends the node.
 */
public final class ObserverNode {

    private record MemberEvent(ClusterEvent.MemberEvent event) {
    }

    private ObserverNode() {
    }

    public static Behavior<Void> create(Consumer<RunEvent> sink, CompletableFuture<WorkerNode.Exit> exit) {
        return Behaviors.<Object>setup(ctx -> {
            ActorRef<Topic.Command<RunEvent>> topic = ctx.spawn(Topic.create(RunEvent.class, EventLog.TOPIC), "events-topic");
            ActorRef<RunEvent> self = ctx.getSelf().unsafeUpcast();
            topic.tell(Topic.subscribe(self));
            ActorRef<ClusterEvent.MemberEvent> members = ctx.messageAdapter(ClusterEvent.MemberEvent.class, MemberEvent::new)
                    .unsafeUpcast();
            Cluster.get(ctx.getSystem()).subscriptions().tell(Subscribe.create(members, ClusterEvent.MemberEvent.class));
            return Behaviors.receive(Object.class)
                    .onMessage(RunEvent.class, e -> {
                        sink.accept(e);
                        if (e instanceof RunEvent.RunFinished) {
                            exit.complete(new WorkerNode.Exit(0, "the run finished"));
                        } else if (e instanceof RunEvent.Failed f) {
                            exit.complete(new WorkerNode.Exit(1, "the run failed: " + f.reason()));
                        }
                        return Behaviors.same();
                    })
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
