package org.chemotaxis.runtime;

import org.chemotaxis.perturb.ForwardingEstimator;
import org.chemotaxis.train.RunJob;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.chemotaxis.perturb.GradientEstimator;
import org.chemotaxis.perturb.StepKey;
import org.chemotaxis.report.ParameterHash;
import org.chemotaxis.task.Evaluator;
import org.chemotaxis.train.Trainer;
import org.chemotaxis.train.Training;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A worker that throws in the middle of a step: the task is retried elsewhere and the result is unchanged. */
class WorkerFailureTest {

    @TempDir
    Path tmp;

    /** Delegates to an estimator but throws for the task starting at index {@code from} of {@code step}, {@code times} times. */
    static final class Flaky extends ForwardingEstimator {
        final long step;
        final int from;
        final AtomicInteger failuresLeft;

        Flaky(GradientEstimator inner, long step, int from, AtomicInteger failuresLeft) {
            super(inner);
            this.step = step;
            this.from = from;
            this.failuresLeft = failuresLeft;
        }

        @Override
        public void evaluate(Evaluator ev, double[] theta, StepKey key, int from, int to, double[] out) {
            // Compute first, then fail: a half-done task must not leak into the result either.
            inner.evaluate(ev, theta, key, from, to, out);
            if (key.step() == step && from == this.from && failuresLeft.getAndDecrement() > 0) {
                throw new IllegalStateException("injected failure in step " + step + " at index " + from);
            }
        }
    }

    private RunOutcome run(RuntimeFixture f, String name, AtomicInteger failures) {
        JobFactory jobs = spec -> new RunJob(f.experiment.objective(),
                new Flaky(f.experiment.estimator(), 3, 10, failures));
        return LocalRun.run(f.parts(tmp, name, jobs), 3, ConfigFactory.load(), null);
    }

    @Test
    void aTaskThatThrowsIsRetriedAndTheResultIsUnchanged() {
        RuntimeFixture f = new RuntimeFixture();
        AtomicInteger failures = new AtomicInteger(2);
        RunOutcome outcome = run(f, "flaky", failures);
        assertEquals(RunOutcome.Status.FINISHED, outcome.status(), outcome.reason());
        assertEquals(-1, failures.get(), "both injected failures happened, then the third attempt succeeded");
        Training plain = f.experiment.newTraining();
        Trainer.plain(plain).run(f.config.training().epochs());
        assertEquals(ParameterHash.sha256(plain.theta()), outcome.lastParamsSha256());
    }

    @Test
    void aTaskThatKeepsFailingStopsTheRunWithAFailedEvent() throws Exception {
        RuntimeFixture f = new RuntimeFixture();
        RunOutcome outcome = run(f, "broken", new AtomicInteger(Integer.MAX_VALUE));
        assertEquals(RunOutcome.Status.FAILED, outcome.status());
        assertTrue(outcome.reason().contains("failed 3 times") && outcome.reason().contains("injected failure"),
                outcome.reason());
        String events = Files.readString(tmp.resolve("broken").resolve("events.jsonl"));
        assertTrue(events.contains("\"event\":\"Failed\""), events);
        assertTrue(events.contains("\"step\":3"), "the Failed event names the step: " + events);
    }
}
