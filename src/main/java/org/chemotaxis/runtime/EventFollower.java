package org.chemotaxis.runtime;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.pubsub.Topic;
import akka.actor.typed.receptionist.Receptionist;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Hands every event of the run to {@code sink}, in order, from the first one on, also when it
 * starts late: in the trainer's JVM or any other node of its cluster. It asks the trainer's
 * {@link EventLog} (found with the Receptionist) to {@link EventLog.Follow follow} it: the events
 * so far, then each later one, all from the EventLog itself, so none is lost or doubled. (A
 * Topic subscription would miss what is published before the subscription has reached the
 * trainer by the receptionist's gossip, seconds after the replay; an observer joining a running
 * training lost events that way.) The follower also subscribes to the Topic, and uses it only when
 * no EventLog is listed within {@link #REPLAY_TIMEOUT}, or none begins its replay within that
 * time of being asked (a trainer without the EventLog service): then it goes on with the live
 * events alone. Once the replay has begun it waits for all of it (a busy trainer may take a while
 * between chunks, and going over to the topic in between would lose the rest of the replay and
 * every event the EventLog sends after it).
 */
public final class EventFollower {

    static final Duration REPLAY_TIMEOUT = Duration.ofSeconds(15);

    private record EventLogs(Receptionist.Listing listing) {
    }

    /** The wait of the given round (0: for an EventLog to be listed, 1: for the replay to begin) is over. */
    private record ReplayTimedOut(int round) {
    }

    private EventFollower() {
    }

    /** {@code sink} is called on the follower's thread, one event at a time. */
    public static Behavior<Void> create(Consumer<RunEvent> sink) {
        return create(sink, REPLAY_TIMEOUT);
    }

    /** As above, giving up on a replay that has not begun after {@code timeout}. */
    static Behavior<Void> create(Consumer<RunEvent> sink, Duration timeout) {
        return Behaviors.<Object>setup(ctx -> new Follower(ctx, sink, timeout).behavior()).unsafeCast();
    }

    private static final class Follower {
        private final ActorContext<Object> ctx;
        private final Consumer<RunEvent> sink;
        /** Live events that arrived before the replay was complete. */
        private final List<RunEvent> held = new ArrayList<>();
        /** The replayed events, so that their live copies are not shown twice (topic mode only). */
        private final Set<RunEvent> replayed = new HashSet<>();
        private final Duration timeout;
        private boolean asked;
        private boolean replaying;
        private boolean live;
        /** Live events come from the EventLog itself; the topic's copies are not used. */
        private boolean direct;

        Follower(ActorContext<Object> ctx, Consumer<RunEvent> sink, Duration timeout) {
            this.ctx = ctx;
            this.sink = sink;
            this.timeout = timeout;
            ActorRef<Topic.Command<RunEvent>> topic = ctx.spawn(Topic.create(RunEvent.class, EventLog.TOPIC), "events-topic");
            topic.tell(Topic.subscribe(ctx.getSelf().unsafeUpcast()));
            ActorRef<Receptionist.Listing> listings = ctx.messageAdapter(Receptionist.Listing.class, EventLogs::new);
            ctx.getSystem().receptionist().tell(Receptionist.subscribe(EventLog.SERVICE_KEY, listings));
            ctx.scheduleOnce(timeout, ctx.getSelf(), new ReplayTimedOut(0));
        }

        Behavior<Object> behavior() {
            return Behaviors.receive(Object.class)
                    .onMessage(RunEvent.class, e -> {
                        if (!live) {
                            held.add(e);
                        } else if (!direct) {
                            show(e);
                        }
                        return Behaviors.same();
                    })
                    .onMessage(EventLogs.class, m -> {
                        Set<ActorRef<EventLog.Command>> logs = m.listing().getServiceInstances(EventLog.SERVICE_KEY);
                        if (!asked && !live && !logs.isEmpty()) {
                            asked = true;
                            // Its own reference, not an adapter's: the EventLog watches it to stop sending.
                            ActorRef<EventLog.Replayed> replies = ctx.getSelf().narrow();
                            logs.iterator().next().tell(new EventLog.Follow(replies));
                            ctx.scheduleOnce(timeout, ctx.getSelf(), new ReplayTimedOut(1));
                        }
                        return Behaviors.same();
                    })
                    .onMessage(EventLog.Replayed.class, r -> {
                        if (!live) {
                            replaying = true;
                            for (RunEvent e : r.events()) {
                                replayed.add(e);
                                show(e);
                            }
                            if (r.last()) {
                                // What the topic brought meanwhile is in the replay or comes next from the EventLog.
                                held.clear();
                                replayed.clear();
                                direct = true;
                                live = true;
                            }
                        } else if (direct) {
                            r.events().forEach(sink);
                        }
                        return Behaviors.same();
                    })
                    .onMessage(ReplayTimedOut.class, t -> {
                        // Round 0 is over once an EventLog was asked (round 1 then runs), round 1 once the replay began.
                        boolean over = t.round() == 0 ? !asked : !replaying;
                        if (!live && over) {
                            ctx.getLog().debug("no replay of earlier events within {}; showing live events only", timeout);
                            goLive();
                        }
                        return Behaviors.same();
                    })
                    .build();
        }

        private void goLive() {
            live = true;
            for (RunEvent e : held) {
                show(e);
            }
            held.clear();
        }

        /** Shows an event unless the replay already did. */
        private void show(RunEvent e) {
            if (live && replayed.contains(e)) {
                return;
            }
            sink.accept(e);
        }
    }
}
