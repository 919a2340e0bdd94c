package org.chemotaxis.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.pubsub.Topic;
import akka.actor.typed.receptionist.Receptionist;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An observer that joins late gets every event once and in order, also when the trainer is slow
 * to send the replay's chunks: a gap between chunks longer than the replay timeout must not make
 * it go live in the middle of the replay (it then lost the chunks after the gap).
 */
class EventFollowerTest {

    private final ActorTestKit kit = ActorTestKit.create();

    @AfterEach
    void stop() {
        kit.shutdownTestKit();
    }

    private static RunEvent.EpochEnded epoch(long epoch) {
        return new RunEvent.EpochEnded("run", 1000 + epoch, epoch, 0.5, 0.4, "F", 0.3, 25, 825, 1.5, 2, 0.01, true,
                Map.of("local", 25), 0, 0, 0);
    }

    /** The slow EventLog's cue to send the rest of its replay and the events recorded since. */
    private enum Rest { INSTANCE }

    /**
     * An EventLog that has epochs 0..4 recorded and replays them in two chunks, the second one
     * {@code gap} after the first, then sends epochs 5 and 6, recorded meanwhile, one by one as
     * {@link EventLog.Follow} promises; epochs 5 and 6 also go out on the topic right after the
     * first chunk, where a follower that went over to the topic would show them too early.
     */
    private static Behavior<Object> slowLog(Duration gap, ActorRef<Topic.Command<RunEvent>> topic) {
        return Behaviors.setup(ctx -> {
            ctx.getSystem().receptionist().tell(Receptionist.register(EventLog.SERVICE_KEY, ctx.getSelf().narrow()));
            AtomicReference<ActorRef<EventLog.Replayed>> follower = new AtomicReference<>();
            return Behaviors.receive(Object.class)
                    .onMessage(EventLog.Follow.class, f -> {
                        follower.set(f.replyTo());
                        f.replyTo().tell(new EventLog.Replayed(List.of(epoch(0), epoch(1), epoch(2)), false));
                        topic.tell(Topic.publish(epoch(5)));
                        topic.tell(Topic.publish(epoch(6)));
                        ctx.scheduleOnce(gap, ctx.getSelf(), Rest.INSTANCE);
                        return Behaviors.same();
                    })
                    .onMessageEquals(Rest.INSTANCE, () -> {
                        follower.get().tell(new EventLog.Replayed(List.of(epoch(3), epoch(4)), true));
                        follower.get().tell(new EventLog.Replayed(List.of(epoch(5)), true));
                        follower.get().tell(new EventLog.Replayed(List.of(epoch(6)), true));
                        return Behaviors.same();
                    })
                    .build();
        });
    }

    @Test
    void aSlowReplayIsWaitedForOnceItHasBegun() throws Exception {
        ActorRef<Topic.Command<RunEvent>> topic = kit.spawn(Topic.create(RunEvent.class, EventLog.TOPIC), "topic");
        List<Long> seen = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch all = new CountDownLatch(7);
        kit.spawn(EventFollower.create(e -> {
            seen.add(((RunEvent.EpochEnded) e).epoch());
            all.countDown();
        }, Duration.ofMillis(500)), "follower");
        // Give the follower's topic subscription time to spread, so that the topic's copies can arrive
        // (the outcome must be the same whether they do or not).
        Thread.sleep(300);
        kit.spawn(slowLog(Duration.ofMillis(1500), topic), "event-log");
        all.await(10, TimeUnit.SECONDS);
        Thread.sleep(200);
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L, 6L), List.copyOf(seen),
                "every event once, in order: the whole replay, then the later ones from the EventLog");
    }

    @Test
    void withoutAnEventLogItGoesLiveAfterTheTimeout() throws Exception {
        ActorRef<Topic.Command<RunEvent>> topic = kit.spawn(Topic.create(RunEvent.class, EventLog.TOPIC), "topic");
        List<Long> seen = Collections.synchronizedList(new ArrayList<>());
        kit.spawn(EventFollower.create(e -> seen.add(((RunEvent.EpochEnded) e).epoch()), Duration.ofMillis(300)),
                "follower");
        Thread.sleep(300);
        topic.tell(Topic.publish(epoch(9)));
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (seen.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(List.of(9L), List.copyOf(seen));
    }
}
