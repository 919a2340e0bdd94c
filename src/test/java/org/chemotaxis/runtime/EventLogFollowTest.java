package org.chemotaxis.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import akka.actor.typed.javadsl.Adapter;
import akka.serialization.Serialization;
import akka.serialization.SerializationExtension;
import akka.serialization.Serializers;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A follower of the EventLog gets the events so far and then every later one, in order, until it stops. */
class EventLogFollowTest {

    private static ActorTestKit kit;

    @BeforeAll
    static void start() {
        kit = ActorTestKit.create("follow", ConfigFactory.load());
    }

    @AfterAll
    static void stop() {
        kit.shutdownTestKit();
    }

    private static RunEvent checkpoint(long epoch) {
        return new RunEvent.Checkpointed("run", 100 + epoch, epoch, 4 * (epoch + 1), "checkpoint.json");
    }

    @Test
    void aFollowerGetsTheReplayThenEveryLaterEventUntilItStops() {
        ActorRef<EventLog.Command> log = kit.spawn(EventLog.create(null, null));
        for (long e = 0; e < 250; e++) {
            log.tell(new EventLog.Record(checkpoint(e), null));
        }
        TestProbe<EventLog.Replayed> follower = kit.createTestProbe(EventLog.Replayed.class);
        log.tell(new EventLog.Follow(follower.getRef()));
        for (long e = 250; e < 260; e++) {
            log.tell(new EventLog.Record(checkpoint(e), null));
        }
        List<RunEvent> seen = new ArrayList<>();
        boolean replayOver = false;
        int afterReplay = 0;
        while (seen.size() < 260) {
            EventLog.Replayed r = follower.receiveMessage(Duration.ofSeconds(20));
            seen.addAll(r.events());
            if (replayOver) {
                assertEquals(1, r.events().size(), "live events come one by one");
                afterReplay++;
            }
            replayOver |= r.last();
        }
        List<RunEvent> expected = new ArrayList<>();
        for (long e = 0; e < 260; e++) {
            expected.add(checkpoint(e));
        }
        assertEquals(expected, seen, "the replay and the live events join without a gap or a double");
        assertEquals(10, afterReplay);

        // When a follower stops, the others go on getting events.
        TestProbe<EventLog.Replayed> second = kit.createTestProbe(EventLog.Replayed.class);
        log.tell(new EventLog.Follow(second.getRef()));
        second.receiveMessage(Duration.ofSeconds(20));
        second.receiveMessage(Duration.ofSeconds(20));
        second.receiveMessage(Duration.ofSeconds(20));
        follower.stop();
        kit.createTestProbe().expectTerminated(follower.getRef(), Duration.ofSeconds(20));
        log.tell(new EventLog.Record(checkpoint(260), null));
        EventLog.Replayed next = second.receiveMessage(Duration.ofSeconds(20));
        assertEquals(List.of(checkpoint(260)), next.events());
    }

    @Test
    void followCrossesJvmsInCbor() {
        Serialization serialization = SerializationExtension.get(Adapter.toClassic(kit.system()));
        ActorRef<EventLog.Replayed> ref = kit.createTestProbe(EventLog.Replayed.class).getRef();
        EventLog.Follow f = new EventLog.Follow(ref);
        var s = serialization.findSerializerFor(f);
        assertEquals("akka.serialization.jackson.JacksonCborSerializer", s.getClass().getName());
        byte[] bytes = serialization.serialize(f).get();
        Object back = serialization.deserialize(bytes, s.identifier(), Serializers.manifestFor(s, f)).get();
        assertTrue(back instanceof EventLog.Follow b && b.replyTo().equals(ref));
    }
}
