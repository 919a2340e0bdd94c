package org.chemotaxis.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.Address;
import akka.actor.typed.ActorSystem;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.chemotaxis.cli.Main;
import org.chemotaxis.config.ConfigLoader;
import org.chemotaxis.config.ExperimentConfig;
import org.chemotaxis.cli.RunParts;
import org.chemotaxis.experiment.SequenceExperiment;
import org.chemotaxis.perturb.StepKey;
import org.chemotaxis.report.RunFolder;
import org.chemotaxis.runtime.ClusterSetup;
import org.chemotaxis.perturb.ForwardingEstimator;
import org.chemotaxis.runtime.JobFactory;
import org.chemotaxis.runtime.LocalRun;
import org.chemotaxis.runtime.ObserverNode;
import org.chemotaxis.train.RunJob;
import org.chemotaxis.runtime.RunOutcome;
import org.chemotaxis.runtime.WorkerNode;
import org.chemotaxis.task.Evaluator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.WindowType;

/**
 * The dashboard in a real browser. A trainer (one local worker) and a worker node run in this
 * JVM as a cluster; the workers' tasks wait at a gate that the test opens epoch by epoch, so the
 * page is checked at known points of the run: the loss chart gains a point per epoch, a page
 * opened after epoch 3 shows epochs 1-3, the best network's picture follows the best epoch, the
 * worker count drops when the worker node leaves, and an observer node's dashboard shows what
 * the trainer's shows. Then report.html, from disk.
 */
class DashboardBrowserTest {

    private static final String YAML = """
            name: dash
            seed: 5
            model: {type: elman, hidden: 4}
            data: {type: sine, count: 40, length: 16, dt: 0.1, validation_fraction: 0.2}
            objective: {washout: 2}
            estimator: {type: central, sigma: 1.0e-4}
            training: {epochs: %d, batch: 8}
            runtime: {task_size: 8}
            """;
    /** 32 training sequences in batches of 8. */
    private static final int STEPS_PER_EPOCH = 4;

    @TempDir
    static Path tmp;

    private static Browser browser;
    private final List<ActorSystem<?>> systems = new ArrayList<>();

    @BeforeAll
    static void startBrowser() {
        browser = new Browser(tmp.resolve("chrome-profile"));
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @AfterEach
    void stopSystems() {
        for (ActorSystem<?> s : systems) {
            s.terminate();
        }
        for (ActorSystem<?> s : systems) {
            s.getWhenTerminated().toCompletableFuture().orTimeout(30, TimeUnit.SECONDS).exceptionally(t -> null).join();
        }
    }

    /** Tasks of epoch e run once {@code open} >= e, or at once when {@code release} is set. */
    private static JobFactory gated(ExperimentConfig c, AtomicLong open, AtomicBoolean release) {
        return spec -> {
            RunJob job = new SequenceExperiment(ConfigLoader.parse(spec.configYaml(), "job")).job();
            return new RunJob(job.objective(), new ForwardingEstimator(job.estimator()) {
                @Override
                public void evaluate(Evaluator ev, double[] theta, StepKey key, int from, int to, double[] out) {
                    while (key.step() / STEPS_PER_EPOCH > open.get() && !release.get()) {
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

    private ActorSystem<Void> node(akka.actor.typed.Behavior<Void> guardian, String role, Address seed) {
        Config akka = LocalRun.workerDispatcher(1).withFallback(ClusterSetup.node("127.0.0.1", 0, role, null, null,
                ConfigFactory.load()));
        ActorSystem<Void> system = ActorSystem.create(guardian, ClusterSetup.SYSTEM, akka);
        systems.add(system);
        ClusterSetup.join(system, seed);
        return system;
    }

    @Test
    void theLivePageFollowsTheRunAndAnObserverShowsTheSame() throws Exception {
        int epochs = 6;
        ExperimentConfig c = ConfigLoader.parse(YAML.formatted(epochs), "dash.yml");
        AtomicLong open = new AtomicLong(-1);
        AtomicBoolean releaseAll = new AtomicBoolean();
        AtomicBoolean releaseNode = new AtomicBoolean();
        SequenceExperiment exp = new SequenceExperiment(c);
        var parts = RunParts.of(exp, exp.newTraining(), RunFolder.create(tmp, "live"), gated(c, open, releaseAll));
        Config akka = ClusterSetup.node("127.0.0.1", 0, "trainer", null, null, ConfigFactory.load());
        CompletableFuture<Address> seed = new CompletableFuture<>();
        CompletableFuture<Dashboard> trainerDashboard = new CompletableFuture<>();
        CompletableFuture<RunOutcome> run = CompletableFuture.supplyAsync(() -> LocalRun.run(parts, 1, akka, system -> {
            seed.complete(ClusterSetup.self(system));
            trainerDashboard.complete(Dashboard.start(system, "127.0.0.1", 0, Dashboard.follow(system)));
        }, null));
        try {
            Address at = seed.get(60, TimeUnit.SECONDS);
            ActorSystem<Void> workerNode = node(WorkerNode.create(1, gated(c, open, releaseNode), new CompletableFuture<>()),
                    "worker", at);

            String pageA = browser.driver.getWindowHandle();
            browser.driver.get(trainerDashboard.get(60, TimeUnit.SECONDS).url());
            browser.waitUntil("two workers", d -> browser.text("workers-now").equals("2"));
            assertEquals("running", browser.text("status"));
            assertEquals("", browser.lossEpochs(), "no epoch has ended");
            assertEquals(":", browser.picture(), "no picture before an epoch improved");
            for (int e = 0; e < 3; e++) {
                open.set(e);
                String expected = e == 0 ? "1" : e == 1 ? "1,2" : "1,2,3";
                browser.waitUntil("epochs " + expected, d -> browser.lossEpochs().equals(expected));
                if (e == 0) {
                    // The first epoch is the best so far: its network is drawn at once.
                    browser.waitUntil("the picture of epoch 1", d -> browser.picture().equals("1:lines"));
                }
            }
            assertEquals("epoch 3 of " + epochs, browser.text("progress"));
            // Later pictures come at most every 2 s: wait for the best epoch's (epochs 4-6 wait at the gate).
            browser.waitUntil("the best epoch's picture", d -> browser.picture().equals(browser.bestEpoch() + ":lines"));
            assertTrue(browser.text("best-caption").contains("closed loop"), browser.text("best-caption"));
            browser.screenshot("dashboard-after-epoch-3");

            // A page opened now gets the history first.
            browser.driver.switchTo().newWindow(WindowType.TAB);
            String pageB = browser.driver.getWindowHandle();
            browser.driver.get(trainerDashboard.get().url());
            browser.waitUntil("the history", d -> !browser.lossEpochs().isEmpty());
            assertEquals("1,2,3", browser.lossEpochs(), "a page opened after epoch 3 shows epochs 1-3");
            browser.waitUntil("the best epoch's picture", d -> browser.picture().equals(browser.bestEpoch() + ":lines"));
            assertTrue(browser.text("config").contains("hidden: 4"), "the run's config is shown");

            // The worker node leaves: the first page's worker count drops. Its task stays at the gate
            // until it is out of the cluster: released before, its worker would be idle in the run and
            // be given copies of the trainer's waiting tasks (speculative execution), and finish the run.
            workerNode.terminate();
            browser.driver.switchTo().window(pageA);
            browser.waitUntil("one worker", d -> browser.text("workers-now").equals("1"));
            releaseNode.set(true);
            workerNode.getWhenTerminated().toCompletableFuture().get(60, TimeUnit.SECONDS);
            assertTrue(browser.text("incidents").contains("left"), browser.text("incidents"));
            browser.screenshot("dashboard-after-a-worker-left");
            String trainerSummary = browser.text("summary");
            String trainerIncidents = browser.text("incidents");

            // An observer node with a dashboard of its own (as observe --dashboard runs it) shows the same.
            EventFeed feed = new EventFeed();
            CompletableFuture<WorkerNode.Exit> observerExit = new CompletableFuture<>();
            ActorSystem<Void> observer = node(ObserverNode.create(feed::publish, observerExit), "observer", at);
            Dashboard observerDashboard = Dashboard.start(observer, "127.0.0.1", 0, feed);
            browser.driver.switchTo().window(pageB);
            browser.driver.get(observerDashboard.url());
            browser.waitUntil("the observer's history", d -> browser.text("workers-now").equals("1")
                    && browser.lossEpochs().equals("1,2,3"));
            assertEquals(trainerSummary, browser.text("summary"), "the observer's page shows the trainer's run");
            assertEquals(trainerIncidents, browser.text("incidents"));
            browser.waitUntil("the best epoch's picture", d -> browser.picture().equals(browser.bestEpoch() + ":lines"));

            releaseAll.set(true);
            open.set(Long.MAX_VALUE);
            assertEquals(RunOutcome.Status.FINISHED, run.get(120, TimeUnit.SECONDS).status());
            String all = "1,2,3,4,5,6";
            browser.waitUntil("the finished run", d -> browser.lossEpochs().equals(all)
                    && browser.text("status").equals("finished"));
            // The run's end waits for the picture of its best network.
            assertEquals(browser.bestEpoch() + ":lines", browser.picture());
            browser.screenshot("observer-dashboard-finished");
            assertEquals(0, observerExit.get(60, TimeUnit.SECONDS).code());

            // report.html from disk, no server: the same run, finished.
            Path report = tmp.resolve("live").resolve(ReportPage.FILE);
            ReportPage.write(tmp.resolve("live"));
            String observerSummary = browser.text("summary");
            browser.driver.get(report.toUri().toString());
            browser.waitUntil("the report", d -> browser.lossEpochs().equals(all));
            assertEquals("finished", browser.text("status"));
            assertEquals(observerSummary, browser.text("summary"));
            assertEquals(browser.bestEpoch() + ":lines", browser.picture());
            browser.screenshot("report");
            browser.driver.close();
            browser.driver.switchTo().window(pageA);
        } finally {
            releaseNode.set(true);
            releaseAll.set(true);
            open.set(Long.MAX_VALUE);
            run.get(120, TimeUnit.SECONDS);
        }
    }

    private static int countOf(String text, String part) {
        int n = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            n++;
        }
        return n;
    }

    /** train writes report.html; opened from disk it draws the run with no server, also after `report` rewrites it. */
    @Test
    void reportHtmlOpensFromDiskWithoutAServer() throws Exception {
        Path config = tmp.resolve("report.yml");
        Files.writeString(config, YAML.formatted(3));
        assertEquals(0, Main.execute("train", config.toString(), "--out", tmp.toString(), "--name", "rep", "--workers", "1"));
        Path dir = tmp.resolve("rep");
        Path report = dir.resolve(ReportPage.FILE);
        assertTrue(Files.size(report) > 50_000, "the chart library is inlined");
        Files.delete(report);
        assertEquals(0, Main.execute("report", dir.toString()));
        browser.driver.get(report.toUri().toString());
        browser.waitUntil("three epochs", d -> browser.lossEpochs().equals("1,2,3"));
        assertEquals("finished", browser.text("status"));
        assertEquals("epoch 3 of 3", browser.text("progress"));
        assertTrue(browser.text("summary").contains("params_sha256"), browser.text("summary"));
        assertEquals(browser.bestEpoch() + ":lines", browser.picture(), "the final best network's picture");
        assertEquals(1, countOf(Files.readString(report), "\"event\":\"BestPreview\""), "only the newest picture is inlined");
        browser.screenshot("report-from-disk");
    }
}
