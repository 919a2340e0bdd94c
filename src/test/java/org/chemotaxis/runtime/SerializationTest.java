package org.chemotaxis.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.typed.ActorRef;
import akka.actor.typed.javadsl.Adapter;
import akka.serialization.Serialization;
import akka.serialization.SerializationExtension;
import akka.serialization.Serializer;
import akka.serialization.Serializers;
import com.typesafe.config.ConfigFactory;
import java.util.List;
import java.util.Map;
import org.chemotaxis.task.Sample;
import org.chemotaxis.train.EarlyStoppingRule;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every message that may cross a JVM goes through jackson-cbor (Jackson 2.20 over Akka 2.6's
 * 2.11 pin, records included) and comes back equal; Java serialization is off.
 */
class SerializationTest {

    private static ActorTestKit kit;
    private static Serialization serialization;

    @BeforeAll
    static void start() {
        kit = ActorTestKit.create("serialization", ConfigFactory.load());
        serialization = SerializationExtension.get(Adapter.toClassic(kit.system()));
    }

    @AfterAll
    static void stop() {
        kit.shutdownTestKit();
    }

    /** Serialises with the serializer Akka picks, checks it is jackson-cbor, and reads it back. */
    @SuppressWarnings("unchecked")
    private static <T> T roundTrip(T message) {
        Serializer s = serialization.findSerializerFor(message);
        assertEquals("akka.serialization.jackson.JacksonCborSerializer", s.getClass().getName(),
                message.getClass().getName());
        // serialize() sets the transport information that actor references need.
        byte[] bytes = serialization.serialize(message).get();
        String manifest = Serializers.manifestFor(s, message);
        return (T) serialization.deserialize(bytes, s.identifier(), manifest).get();
    }

    static int size(Object message) {
        return serialization.serialize(message).get().length;
    }

    @Test
    void workerProtocolRoundTrips() {
        ActorRef<Worker.Command> worker = kit.createTestProbe(Worker.Command.class).getRef();
        ActorRef<Coordinator.Command> coordinator = kit.createTestProbe(Coordinator.Command.class).getRef();
        double[] theta = {0.1, -2.5e-300, Double.MIN_VALUE, 1.0 / 3};
        long run = JobSpec.runKey("run");
        double[] scale = {0.25, 1e-12, 3.5};
        Worker.Weights w = roundTrip(new Worker.Weights(run, 7, 3, theta, new Sample(new int[] {4, 1, 9}, 42), scale));
        assertArrayEquals(theta, w.theta(), 0.0);
        assertArrayEquals(scale, w.scale(), 0.0);
        assertEquals(new Sample(new int[] {4, 1, 9}, 42), w.sample());
        assertEquals(3, w.step());
        assertEquals(new Worker.Assign(run, 3, 2, 10, 20), roundTrip(new Worker.Assign(run, 3, 2, 10, 20)));
        assertEquals(Worker.Stop.INSTANCE, roundTrip(Worker.Stop.INSTANCE));
        Worker.Offer offer = roundTrip(new Worker.Offer(JobSpec.of("run", "name: x\n").withCode("c0de"), 4, coordinator));
        assertEquals(coordinator, offer.coordinator());
        assertEquals("name: x\n", offer.job().configYaml());

        assertEquals(4, offer.id());
        assertEquals(run, offer.job().run());
        Coordinator.TaskDone done = roundTrip(new Coordinator.TaskDone(run, 3, 2, 4, new double[] {1e-17, -4}));
        assertArrayEquals(new double[] {1e-17, -4}, done.values(), 0.0);
        assertEquals(4, done.worker());
        assertEquals(new Coordinator.WorkRequest(4, worker), roundTrip(new Coordinator.WorkRequest(4, worker)));
        assertEquals(new Coordinator.TaskFailed(run, 3, 2, 4, "boom"),
                roundTrip(new Coordinator.TaskFailed(run, 3, 2, 4, "boom")));
    }

    @Test
    void eventsRoundTrip() {
        RunEvent.EpochEnded e = new RunEvent.EpochEnded("run", 123, 4, 0.5, 0.25, "r2", 0.9, 12, 7000, 1.5, 2, 0.01,
                true, Map.of("local", 48), 112_000, 500, 3);
        assertEquals(e, roundTrip(e));
        RunEvent.RunFinished f = new RunEvent.RunFinished("run", 1, 2, 3, 4, 5.5, 1, 0.1, "ab", "cd", "/m");
        assertEquals(f, roundTrip(f));
        // The replay an observer asks for: a list of events of several kinds, in order.
        EventLog.Replayed replayed = roundTrip(new EventLog.Replayed(List.of(e, f), true));
        assertEquals(List.of(e, f), replayed.events());
        assertTrue(replayed.last());
        ActorRef<EventLog.Replayed> observer = kit.createTestProbe(EventLog.Replayed.class).getRef();
        assertEquals(observer, roundTrip(new EventLog.Replay(observer)).replyTo());
        EarlyStoppingRule.Verdict v = new EarlyStoppingRule.Verdict(EarlyStoppingRule.State.initial(), false, false);
        assertTrue(v.state().bestLoss() == Double.POSITIVE_INFINITY);
    }

    @Test
    void eventFieldsAreSnakeCaseAndANewFieldReadsAsZeroFromOlderRuns() throws Exception {
        String unreachable = EventLog.toJson(new RunEvent.NodeUnreachable("run", 1, "10.0.0.2:2552", 7, 2));
        assertTrue(unreachable.contains("\"tasks_requeued\":2"), unreachable);
        String declined = EventLog.toJson(new RunEvent.WorkerDeclined("run", 1, "10.0.0.2:2552", "another build"));
        assertTrue(declined.contains("\"node\":\"10.0.0.2:2552\""), declined);
        RunEvent.EpochEnded e = new RunEvent.EpochEnded("run", 123, 4, 0.5, 0.25, "r2", 0.9, 12, 7000, 1.5, 2, 0.01,
                true, Map.of("local", 48), 112_000, 500, 5);
        String json = EventLog.toJson(e);
        assertTrue(json.contains("\"speculative_tasks\":5"), json);
        RunEvent old = EventLog.JSON.readValue(json.replace(",\"speculative_tasks\":5", ""), RunEvent.class);
        assertEquals(0, ((RunEvent.EpochEnded) old).speculativeTasks());
    }

    @Test
    void taskAndResultMessagesDoNotGrowWithTheParameterCount() {
        long run = JobSpec.runKey("tiny-20261127-000000");
        // a large step and index range: the sizes hold for long runs of models with P ~ 10^6
        int assign = size(new Worker.Assign(run, 123456, 17, 1000000, 1000064));
        int result1 = size(new Coordinator.TaskDone(run, 123456, 17, 40, new double[1]));
        int result64 = size(new Coordinator.TaskDone(run, 123456, 17, 40, new double[64]));
        int weights = size(new Worker.Weights(run, 1, 123456, new double[1000], new Sample(new int[16], 0),
                new double[0]));
        System.out.printf("bytes: assign %d, result of 1 value %d, of 64 values %d (%.1f per value), "
                + "weights of P=1000 %d%n", assign, result1, result64, (result64 - result1) / 63.0, weights);
        assertTrue(assign <= 64, "assign " + assign);
        assertTrue(result1 <= 64, "result of one value " + result1);
        // each value is one CBOR double (9 bytes); past 23 entries the array header takes one byte more
        assertEquals(result1 + 63 * 9 + 1, result64);
    }
}
