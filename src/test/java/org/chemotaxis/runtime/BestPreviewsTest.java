package org.chemotaxis.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.chemotaxis.report.Picture;
import org.chemotaxis.train.RunRecorder;
import org.chemotaxis.train.TrainingState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Pictures of the best network: drawn beside the training (the coordinator never waits for one,
 * except for the last at the run's end), newest first, small enough to cross JVMs in CBOR and
 * replayed in chunks that fit Artery's frames.
 */
class BestPreviewsTest {

    private static ActorTestKit kit;

    @BeforeAll
    static void start() {
        kit = ActorTestKit.create("previews", ConfigFactory.load());
    }

    @AfterAll
    static void stop() {
        kit.shutdownTestKit();
    }

    /** A recorder that counts what it is asked to write. */
    private static final class Files implements RunRecorder {
        final List<Long> models = new CopyOnWriteArrayList<>();

        @Override
        public String checkpoint(TrainingState state, long epochsDone, String epochRecord) {
            return "checkpoint-" + epochsDone;
        }

        @Override
        public String model(double[] theta, long epoch, double validationLoss) {
            models.add(epoch);
            return "model-" + epoch;
        }
    }

    /** A picture that says which θ it drew: θ[0] as the title. */
    private static Picture drawing(double[] theta) {
        return new Picture(Picture.LINES, Double.toString(theta[0]), "t", "v",
                List.of(new Picture.Series("target", new float[] {0, 1}, new float[] {(float) theta[0], 2})), null, null);
    }

    private static long epochOf(RunEvent e) {
        return ((RunEvent.BestPreview) e).epoch();
    }

    @Test
    void theCoordinatorDoesNotWaitAndTheNewestBestWins() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch painting = new CountDownLatch(1);
        LinkedBlockingQueue<RunEvent> events = new LinkedBlockingQueue<>();
        Function<double[], Picture> painter = theta -> {
            painting.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return drawing(theta);
        };
        Files files = new Files();
        try (BestPreviews p = new BestPreviews(files, painter, "run", events::add, Duration.ZERO)) {
            double[] theta = {0.5};
            // The painter is held: had model() waited for it, this would never return.
            assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
                assertEquals("model-0", p.model(theta, 0, 1.0));
                theta[0] = 99; // the caller's array moves on; the picture is of θ as it was saved
                // Epoch 0's picture is being drawn (on a loaded machine its thread may start late).
                assertTrue(painting.await(20, TimeUnit.SECONDS));
                for (long epoch = 1; epoch <= 3; epoch++) {
                    p.model(new double[] {epoch}, epoch, 1.0 / (epoch + 1));
                }
            });
            assertEquals(List.of(0L, 1L, 2L, 3L), files.models, "every model is written");
            release.countDown();
            RunEvent first = events.poll(20, TimeUnit.SECONDS);
            RunEvent second = events.poll(20, TimeUnit.SECONDS);
            assertEquals(0, epochOf(first));
            assertEquals("0.5", ((RunEvent.BestPreview) first).picture().title());
            assertEquals(3, epochOf(second), "epochs 1 and 2 were overtaken before they were drawn");
            assertEquals("3.0", ((RunEvent.BestPreview) second).picture().title());
            assertEquals("run", second.runId());
            assertEquals(null, events.poll(300, TimeUnit.MILLISECONDS));
        }
    }

    @Test
    void theRunsEndWaitsForTheLastPictureDrawnWithoutDelay() throws Exception {
        LinkedBlockingQueue<RunEvent> events = new LinkedBlockingQueue<>();
        // An interval far longer than the test: only the end's hurry can draw the second picture.
        try (BestPreviews p = new BestPreviews(new Files(), BestPreviewsTest::drawing, "run", events::add,
                Duration.ofHours(1))) {
            p.model(new double[] {1}, 4, 0.5);
            assertEquals(4, epochOf(events.poll(20, TimeUnit.SECONDS)), "the first picture comes at once");
            p.model(new double[] {2}, 7, 0.25);
            assertEquals(null, events.poll(300, TimeUnit.MILLISECONDS), "the next waits for the interval");
            assertTimeoutPreemptively(Duration.ofSeconds(20), () -> p.model(new double[] {2}, 7, 0.25));
            assertEquals(7, epochOf(events.poll()),
                    "the end saves the best model again and returns once its picture is out");
        }
    }

    @Test
    void aPainterThatFailsCostsOnlyItsPicture() throws Exception {
        LinkedBlockingQueue<RunEvent> events = new LinkedBlockingQueue<>();
        Function<double[], Picture> painter = theta -> {
            if (theta[0] < 0) {
                throw new IllegalStateException("cannot draw");
            }
            return drawing(theta);
        };
        try (BestPreviews p = new BestPreviews(new Files(), painter, "run", events::add, Duration.ZERO)) {
            p.model(new double[] {-1}, 0, 1);
            p.model(new double[] {-1}, 0, 1); // waits until the failed attempt is over
            p.model(new double[] {1}, 1, 0.5);
            assertEquals(1, epochOf(events.poll(20, TimeUnit.SECONDS)));
            assertTrue(events.isEmpty());
        }
    }

    @Test
    void aPictureCrossesJvmsInCborAndReplaysComeInChunksThatFitAFrame() throws Exception {
        Serialization serialization = SerializationExtension.get(Adapter.toClassic(kit.system()));
        // A large picture: 4 worms of 250 points and a 24 x 24 map.
        List<Picture.Series> worms = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            float[] x = new float[Picture.MAX_POINTS];
            float[] y = new float[Picture.MAX_POINTS];
            for (int k = 0; k < x.length; k++) {
                x[k] = (float) Math.cos(k * 0.1 + w) * 4.5f;
                y[k] = (float) Math.sin(k * 0.1 + w) * 4.5f;
            }
            worms.add(new Picture.Series("worm " + (w + 1), x, y));
        }
        Picture big = new Picture(Picture.PATHS, "paths", "x (cm)", "y (cm)", worms,
                new Picture.Grid(-6.5f, -6.5f, 13f, 24, new float[576]), List.of(new Picture.Mark("peak", 0, 0)));
        RunEvent.BestPreview e = new RunEvent.BestPreview("run", 7, 3, big);
        var serializer = serialization.findSerializerFor(e);
        assertEquals("akka.serialization.jackson.JacksonCborSerializer", serializer.getClass().getName());
        byte[] bytes = serialization.serialize(e).get();
        Object back = serialization.deserialize(bytes, serializer.identifier(), Serializers.manifestFor(serializer, e)).get();
        assertEquals(e, back);
        assertTrue(bytes.length <= EventLog.bytes(e), "the estimate is generous: " + bytes.length + " <= " + EventLog.bytes(e));
        System.out.printf("a picture of 4 paths of %d points and a 24 x 24 map: %d bytes in CBOR%n", Picture.MAX_POINTS,
                bytes.length);

        // A run whose every epoch improved, with a picture each: its replay in chunks under the frame size.
        ActorRef<EventLog.Command> log = kit.spawn(EventLog.create(null, null));
        List<RunEvent> recorded = new ArrayList<>();
        for (int epoch = 0; epoch < 120; epoch++) {
            recorded.add(new RunEvent.Checkpointed("run", epoch, epoch, epoch * 10L, "checkpoint.json"));
            recorded.add(new RunEvent.BestPreview("run", epoch, epoch, big));
        }
        for (RunEvent r : recorded) {
            log.tell(new EventLog.Record(r, null));
        }
        TestProbe<EventLog.Replayed> probe = kit.createTestProbe(EventLog.Replayed.class);
        log.tell(new EventLog.Replay(probe.getRef()));
        List<RunEvent> replayed = new ArrayList<>();
        int chunks = 0;
        while (true) {
            EventLog.Replayed chunk = probe.receiveMessage(Duration.ofSeconds(20));
            chunks++;
            int size = serialization.serialize(chunk).get().length;
            assertTrue(size < 256 * 1024, "a chunk of " + size + " bytes fits Artery's frame");
            replayed.addAll(chunk.events());
            if (chunk.last()) {
                break;
            }
        }
        assertEquals(recorded, replayed, "every event, in order");
        assertTrue(chunks > 240 * 7_000 / EventLog.REPLAY_CHUNK_BYTES, chunks + " chunks");
    }
}
