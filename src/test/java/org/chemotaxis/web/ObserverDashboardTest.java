package org.chemotaxis.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.Address;
import akka.actor.typed.ActorSystem;
import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.chemotaxis.cli.RunParts;
import org.chemotaxis.config.ConfigLoader;
import org.chemotaxis.experiment.SequenceExperiment;
import org.chemotaxis.perturb.ForwardingEstimator;
import org.chemotaxis.perturb.StepKey;
import org.chemotaxis.report.RunFolder;
import org.chemotaxis.runtime.ClusterSetup;
import org.chemotaxis.runtime.EventLog;
import org.chemotaxis.runtime.JobFactory;
import org.chemotaxis.runtime.LocalRun;
import org.chemotaxis.runtime.ObserverNode;
import org.chemotaxis.runtime.RunOutcome;
import org.chemotaxis.runtime.WorkerNode;
import org.chemotaxis.task.Evaluator;
import org.chemotaxis.train.RunJob;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An observer node with a dashboard of its own (as {@code observe --join ... --dashboard} runs it:
 * another actor system, joined to the trainer's cluster, every event crossing Artery in CBOR)
 * serves what the trainer's dashboard serves: the same page, and the same events, byte for
 * byte, as events.jsonl holds them, pictures of the best network included. The observer joins in
 * the middle of the run while epochs keep ending, so its history comes from the trainer's replay
 * and what follows it live must join it without a gap (a Topic subscription is known to the
 * trainer only seconds after the replay, by the receptionist's gossip).
 */
class ObserverDashboardTest {

    private static final String YAML = """
            name: observed
            seed: 5
            model: {type: elman, hidden: 4}
            data: {type: sine, count: 40, length: 16, dt: 0.1, validation_fraction: 0.2}
            objective: {washout: 2}
            estimator: {type: central, sigma: 1.0e-4}
            training: {epochs: 300, batch: 8}
            runtime: {task_size: 8}
            generation: {steps: 40}
            """;
    /** 32 training sequences in batches of 8. */
    private static final int STEPS_PER_EPOCH = 4;

    @TempDir
    Path tmp;

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<ActorSystem<?>> systems = new ArrayList<>();

    @AfterEach
    void stopSystems() {
        systems.forEach(ActorSystem::terminate);
        for (ActorSystem<?> s : systems) {
            s.getWhenTerminated().toCompletableFuture().orTimeout(30, TimeUnit.SECONDS).exceptionally(t -> null).join();
        }
    }

    /** Tasks of epoch e run once {@code open} >= e. */
    private static JobFactory gated(AtomicLong open) {
        return spec -> {
            RunJob job = new SequenceExperiment(ConfigLoader.parse(spec.configYaml(), "job")).job();
            return new RunJob(job.objective(), new ForwardingEstimator(job.estimator()) {
                @Override
                public void evaluate(Evaluator ev, double[] theta, StepKey key, int from, int to, double[] out) {
                    while (key.step() / STEPS_PER_EPOCH > open.get()) {
                        try {
                            Thread.sleep(5);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return;
                        }
                    }
                    super.evaluate(ev, theta, key, from, to, out);
                }
            });
        };
    }

    private String page(Dashboard d) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(d.url())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        return r.body();
    }

    /**
     * The history a browser that connects now gets: the events after the "reset", whose data says
     * how many there are. The stream then stays open for live events; it is closed here.
     */
    private List<String> history(Dashboard d) throws Exception {
        HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(URI.create(d.url() + "events")).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("content-type").orElse("").startsWith("text/event-stream"));
        List<String> events = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            // Records of "field:value" lines end with a blank line; a comment (":") is a heartbeat.
            int expected = -1;
            String type = null;
            String data = null;
            String line;
            while ((expected < 0 || events.size() < expected) && (line = in.readLine()) != null) {
                if (!line.isEmpty()) {
                    int colon = line.indexOf(':');
                    String field = colon < 0 ? line : line.substring(0, colon);
                    String value = colon < 0 ? "" : line.substring(line.startsWith(" ", colon + 1) ? colon + 2 : colon + 1);
                    if (field.equals("event")) {
                        type = value;
                    } else if (field.equals("data")) {
                        data = data == null ? value : data + "\n" + value;
                    }
                    continue;
                }
                if (data != null) {
                    if ("reset".equals(type)) {
                        assertEquals(-1, expected, "one reset, first");
                        expected = Integer.parseInt(data);
                    } else {
                        assertTrue(expected >= 0, "the reset comes first");
                        events.add(data);
                    }
                }
                type = null;
                data = null;
            }
        }
        return events;
    }

    private static List<String> eventsJsonl(Path runDir) throws Exception {
        return Files.readAllLines(runDir.resolve("events.jsonl")).stream().filter(l -> !l.isBlank()).toList();
    }

    /** Waits (up to 60 s) until {@code check} holds twice in a row, 300 ms apart: nothing is still on its way. */
    private static void awaitSteady(String what, Supplier<Boolean> check) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        int inARow = 0;
        while (inARow < 2) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("never: " + what);
            }
            inARow = check.get() ? inARow + 1 : 0;
            Thread.sleep(300);
        }
    }

    private static long count(List<String> events, String type) {
        return events.stream().filter(e -> e.contains("\"event\":\"" + type + "\"")).count();
    }

    @Test
    void anObserversDashboardServesWhatTheTrainersServes() throws Exception {
        AtomicLong open = new AtomicLong(2);
        SequenceExperiment exp = new SequenceExperiment(ConfigLoader.parse(YAML, "observed.yml"));
        Path runDir = tmp.resolve("observed");
        var parts = RunParts.of(exp, exp.newTraining(), RunFolder.create(tmp, "observed"), gated(open));
        Config akka = ClusterSetup.node("127.0.0.1", 0, "trainer", null, null, ConfigFactory.load());
        CompletableFuture<Address> seed = new CompletableFuture<>();
        CompletableFuture<Dashboard> trainerDashboard = new CompletableFuture<>();
        CompletableFuture<RunOutcome> run = CompletableFuture.supplyAsync(() -> LocalRun.run(parts, 1, akka, system -> {
            seed.complete(ClusterSetup.self(system));
            trainerDashboard.complete(Dashboard.start(system, "127.0.0.1", 0, Dashboard.follow(system)));
        }, null));
        try {
            Dashboard trainer = trainerDashboard.get(60, TimeUnit.SECONDS);
            // Epochs 1-3 end; the run then waits in epoch 4.
            awaitSteady("three epochs and a picture", () -> {
                try {
                    List<String> h = history(trainer);
                    return count(h, "EpochEnded") == 3 && count(h, "BestPreview") >= 1;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });

            // The observer joins now, while an epoch ends every 50 ms, until it has been in for 3 s.
            AtomicBoolean ticking = new AtomicBoolean(true);
            Thread ticker = new Thread(() -> {
                try {
                    while (ticking.get() && open.get() < 290) {
                        Thread.sleep(50);
                        open.incrementAndGet();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            ticker.setDaemon(true);
            ticker.start();
            Config observerAkka = ClusterSetup.node("127.0.0.1", 0, "observer", null, null, ConfigFactory.load());
            EventFeed feed = new EventFeed();
            CompletableFuture<WorkerNode.Exit> exit = new CompletableFuture<>();
            ActorSystem<Void> observerSystem = ActorSystem.create(ObserverNode.create(feed::publish, exit),
                    ClusterSetup.SYSTEM, observerAkka);
            systems.add(observerSystem);
            ClusterSetup.join(observerSystem, seed.get());
            Dashboard observer = Dashboard.start(observerSystem, "127.0.0.1", 0, feed);

            assertEquals(page(trainer), page(observer), "the same page");
            Thread.sleep(3000);
            ticking.set(false);
            ticker.join(60_000);
            long done = open.get() + 1;
            awaitSteady("the observer's history is the trainer's and events.jsonl's", () -> {
                try {
                    List<String> onDisk = eventsJsonl(runDir);
                    return history(trainer).equals(onDisk) && history(observer).equals(onDisk);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            List<String> midRun = history(observer);
            assertEquals(done, count(midRun, "EpochEnded"));
            assertTrue(done > 10, done + " epochs: they went on while the observer joined");
            assertTrue(count(midRun, "BestPreview") >= 1, "the pictures reach the observer");

            // The rest of the run reaches the observer live.
            open.set(Long.MAX_VALUE);
            RunOutcome outcome = run.get(120, TimeUnit.SECONDS);
            assertEquals(RunOutcome.Status.FINISHED, outcome.status());
            assertEquals(0, exit.get(60, TimeUnit.SECONDS).code());
            List<String> all = history(observer);
            assertEquals(eventsJsonl(runDir), all, "every event of the run, byte for byte as events.jsonl holds it");

            // The last picture is of the best epoch, and it came before the end.
            JsonNode finished = EventLog.JSON.readTree(all.get(all.size() - 1));
            assertEquals("RunFinished", finished.path("event").asText());
            String lastPicture = all.stream().filter(e -> e.contains("\"event\":\"BestPreview\"")).reduce((a, b) -> b)
                    .orElseThrow();
            JsonNode picture = EventLog.JSON.readTree(lastPicture);
            assertEquals(finished.path("best_epoch").asLong(), picture.path("epoch").asLong());
            assertEquals("lines", picture.path("picture").path("kind").asText());
            assertEquals(40, picture.path("picture").path("series").get(1).path("y").size(), "40 generated steps");
        } finally {
            open.set(Long.MAX_VALUE);
            run.get(120, TimeUnit.SECONDS);
        }
    }
}
