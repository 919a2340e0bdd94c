package org.chemotaxis.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The EventLog of a resumed run: its replay and its events.jsonl cover the whole run. */
class EventLogTest {

    private static ActorTestKit kit;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() {
        kit = ActorTestKit.create();
    }

    @AfterAll
    static void stop() {
        kit.shutdownTestKit();
    }

    private static RunEvent.EpochEnded epoch(long epoch) {
        return new RunEvent.EpochEnded("run", 1000 + epoch, epoch, 0.5, 0.4, "F", 0.3, 25 * (epoch + 1),
                33 * 25 * (epoch + 1), 1.5, 2, 0.01, true, Map.of("local", 25), 33 * 25 * 16 * (epoch + 1),
                100 * (epoch + 1), 0);
    }

    private void record(ActorRef<EventLog.Command> log, RunEvent e) {
        TestProbe<EventLog.Recorded> ack = kit.createTestProbe(EventLog.Recorded.class);
        log.tell(new EventLog.Record(e, ack.getRef()));
        ack.expectMessage(new EventLog.Recorded(null));
    }

    private List<RunEvent> replay(ActorRef<EventLog.Command> log) {
        TestProbe<EventLog.Replayed> probe = kit.createTestProbe(EventLog.Replayed.class);
        log.tell(new EventLog.Replay(probe.getRef()));
        List<RunEvent> events = new ArrayList<>();
        EventLog.Replayed chunk;
        do {
            chunk = probe.receiveMessage();
            events.addAll(chunk.events());
        } while (!chunk.last());
        return events;
    }

    @Test
    void aResumedRunReplaysTheEventsOfTheJvmBefore() throws Exception {
        RunEvent.RunStarted started = new RunEvent.RunStarted("run", 1, "resume", tmp.toString(), 10, "elman",
                "central", "adam", 4, 25, 0, 2, "name: resume\n");
        ActorRef<EventLog.Command> first = kit.spawn(EventLog.create(tmp, null));
        record(first, started);
        record(first, epoch(0));
        record(first, epoch(1));
        kit.stop(first);

        RunEvent.RunStarted resumed = new RunEvent.RunStarted("run", 2, "resume", tmp.toString(), 10, "elman",
                "central", "adam", 4, 25, 2, 2, "name: resume\n");
        ActorRef<EventLog.Command> second = kit.spawn(EventLog.create(tmp, null));
        record(second, resumed);
        record(second, epoch(2));

        List<RunEvent> expected = List.of(started, epoch(0), epoch(1), resumed, epoch(2));
        assertEquals(expected, replay(second), "the replay starts with the first JVM's events");
        List<RunEvent> onDisk = new ArrayList<>();
        for (String line : Files.readAllLines(tmp.resolve("events.jsonl"))) {
            onDisk.add(EventLog.JSON.readValue(line, RunEvent.class));
        }
        assertEquals(expected, onDisk);
        kit.stop(second);
    }

    @Test
    void aLineTornByAKillIsSkippedAndTheNextEventGetsItsOwnLine() throws Exception {
        ActorRef<EventLog.Command> first = kit.spawn(EventLog.create(tmp, null));
        record(first, epoch(0));
        kit.stop(first);
        String torn = EventLog.JSON.writeValueAsString(epoch(1));
        Files.writeString(tmp.resolve("events.jsonl"), torn.substring(0, torn.length() / 2),
                StandardCharsets.UTF_8, StandardOpenOption.APPEND);

        ActorRef<EventLog.Command> second = kit.spawn(EventLog.create(tmp, null));
        record(second, epoch(1));
        assertEquals(List.of(epoch(0), epoch(1)), replay(second));
        List<String> lines = Files.readAllLines(tmp.resolve("events.jsonl"));
        assertEquals(3, lines.size(), "first event, the torn half line, the new event");
        assertTrue(lines.get(1).startsWith(torn.substring(0, 10)));
        assertEquals(epoch(1), EventLog.JSON.readValue(lines.get(2), RunEvent.class));
        kit.stop(second);
    }
}
