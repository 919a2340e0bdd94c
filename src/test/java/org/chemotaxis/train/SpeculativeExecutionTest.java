package org.chemotaxis.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import org.chemotaxis.perturb.StepKey;
import org.chemotaxis.task.Sample;
import org.junit.jupiter.api.Test;

/**
 * Speculative execution in the {@link StepScheduler}: a step's last running task is also given to
 * an idle worker on another node once it has run too long; the first result wins, the copy's is
 * ignored, and the step completes once. The clock is driven by hand (milliseconds).
 */
class SpeculativeExecutionTest {

    private static final long RUN = 7;
    private static final long MS = 1_000_000L;

    private final AtomicLong clock = new AtomicLong();
    private final StepScheduler<String> s = new StepScheduler<>(RUN, 3, Speculation.DEFAULT, clock::get);

    private static StepPlan plan(long step, int n) {
        return new StepPlan(new StepKey(1, step), 0, (int) step, Sample.ofSeed(step), n, TaskPartition.split(n, 1));
    }

    private int ready(String worker, String node) {
        int id = s.join(worker, node);
        s.free(id);
        return id;
    }

    private void at(long ms) {
        clock.set(ms * MS);
    }

    private static double[] valuesOf(StepPlan p, int taskId) {
        return new double[] {100.0 * p.step() + p.tasks().get(taskId).from()};
    }

    private boolean done(StepPlan p, int taskId, int worker) {
        return s.taskDone(RUN, p.step(), taskId, worker, valuesOf(p, taskId));
    }

    private static String describe(List<StepScheduler.Assignment<String>> as) {
        StringBuilder b = new StringBuilder();
        for (StepScheduler.Assignment<String> a : as) {
            b.append(a.worker()).append(':').append(a.task().id()).append(a.needsWeights() ? "+w" : "")
                    .append(a.speculative() ? "*" : "").append(' ');
        }
        return b.toString().trim();
    }

    /** a (slow, node n1) takes task 0; b (node n2) does tasks 1 and 2 in 10 ms each and is then idle. */
    private StepPlan stragglerHoldsTaskZero(int a, int b) {
        StepPlan p = plan(0, 3);
        s.beginStep(p);
        at(0);
        assertEquals("a:0+w b:1+w", describe(s.dispatch()));
        at(10);
        assertTrue(done(p, 1, b));
        assertEquals("b:2", describe(s.dispatch()));
        at(20);
        assertTrue(done(p, 2, b));
        return p;
    }

    @Test
    void aStragglersTaskIsCopiedToAnIdleWorkerAndTheFirstResultWinsOnce() {
        int a = ready("a", "n1");
        int b = ready("b", "n2");
        StepPlan p = stragglerHoldsTaskZero(a, b);
        // Median task 10 ms: the threshold is the 100 ms minimum, reached 100 ms after task 0 went out.
        assertEquals("", describe(s.dispatch()), "task 0 has run 20 ms only");
        assertEquals(OptionalLong.of(100 * MS), s.nextSpeculationNanos(), "when to look again");
        at(99);
        assertEquals("", describe(s.dispatch()));
        at(100);
        assertEquals("b:0*", describe(s.dispatch()), "b has the step's θ already");
        assertEquals(OptionalLong.empty(), s.nextSpeculationNanos(), "no idle worker left");
        at(110);
        assertTrue(done(p, 0, b), "the copy's result is the first: it counts");
        assertArrayEquals(new double[] {0, 1, 2}, s.takeCompleted().orElseThrow());
        assertTrue(s.takeCompleted().isEmpty(), "the step completes once");
        at(500);
        assertFalse(done(p, 0, a), "the straggler's result comes second: ignored");
        StepPlan next = plan(1, 2);
        s.beginStep(next);
        assertEquals("b:0+w a:1+w", describe(s.dispatch()), "both are free for the next step");
    }

    @Test
    void whenTheOriginalFinishesFirstTheCopysResultIsIgnored() {
        int a = ready("a", "n1");
        int b = ready("b", "n2");
        StepPlan p = stragglerHoldsTaskZero(a, b);
        at(150);
        assertEquals("b:0*", describe(s.dispatch()));
        at(151);
        assertTrue(done(p, 0, a));
        assertArrayEquals(new double[] {0, 1, 2}, s.takeCompleted().orElseThrow());
        assertFalse(done(p, 0, b), "the copy comes second");
        assertTrue(s.takeCompleted().isEmpty());
    }

    @Test
    void theThresholdIsAMultipleOfTheMedianTaskWhenThatIsLonger() {
        int a = ready("a", "n1");
        int b = ready("b", "n2");
        StepPlan p = plan(0, 3);
        s.beginStep(p);
        at(0);
        s.dispatch();
        at(300);
        assertTrue(done(p, 1, b));
        s.dispatch();
        at(600);
        assertTrue(done(p, 2, b));
        // Median 300 ms, twice that is 600 ms after task 0 went out at 0.
        assertEquals(OptionalLong.of(600 * MS), s.nextSpeculationNanos());
        assertEquals("b:0*", describe(s.dispatch()));
        assertTrue(done(p, 0, a));
    }

    @Test
    void copiesGoOnlyToAnotherNodeAndAtMostOneATask() {
        ready("a", "n1");
        int c = ready("c", "n1");
        int b = ready("b", "n2");
        int d = ready("d", "n3");
        StepPlan p = plan(0, 4);
        s.beginStep(p);
        at(0);
        assertEquals("a:0+w c:1+w b:2+w d:3+w", describe(s.dispatch()));
        at(10);
        assertTrue(done(p, 1, c));
        assertTrue(done(p, 2, b));
        assertTrue(done(p, 3, d));
        at(1000);
        assertEquals("b:0*", describe(s.dispatch()), "c shares a's node; d would be a second copy");
        assertEquals(OptionalLong.empty(), s.nextSpeculationNanos());
    }

    @Test
    void nothingIsCopiedWhileTasksAreQueuedOrBeforeAnyTaskTimeIsKnown() {
        ready("a", "n1");
        StepPlan p = plan(0, 3);
        s.beginStep(p);
        at(0);
        assertEquals("a:0+w", describe(s.dispatch()));
        int b = ready("b", "n2");
        at(1000);
        assertEquals("b:1+w", describe(s.dispatch()), "the queue first");
        assertTrue(done(p, 1, b));
        at(2000);
        assertEquals("b:2", describe(s.dispatch()));
        StepScheduler<String> fresh = new StepScheduler<>(RUN, 3, Speculation.DEFAULT, clock::get);
        fresh.join("x", "n1");
        fresh.free(0);
        fresh.beginStep(plan(0, 1));
        assertEquals(1, fresh.dispatch().size());
        fresh.join("y", "n2");
        fresh.free(1);
        at(100_000);
        assertTrue(fresh.dispatch().isEmpty(), "no task has finished: no median to judge by");
        assertEquals(OptionalLong.empty(), fresh.nextSpeculationNanos());
    }

    @Test
    void aTaskWhoseHolderLeavesIsRequeuedOnlyIfNoCopyRunsOnAReachableNode() {
        ready("a", "n1");
        int b = ready("b", "n2");
        StepPlan p = stragglerHoldsTaskZero(0, b);
        at(200);
        assertEquals("b:0*", describe(s.dispatch()));
        assertEquals(Optional.empty(), s.leave("a"), "b still runs a copy");
        int c = ready("c", "n3");
        assertEquals("", describe(s.dispatch()), "nothing queued, and the copy has run only 0 ms");
        assertEquals(1, s.nodeUnreachable("n2"), "now nobody reachable runs it: back to the queue");
        assertEquals("c:0+w", describe(s.dispatch()));
        assertTrue(done(p, 0, c));
        assertArrayEquals(new double[] {0, 1, 2}, s.takeCompleted().orElseThrow());
    }

    @Test
    void withoutSpeculationNothingIsEverCopied() {
        StepScheduler<String> plain = new StepScheduler<>(RUN, 3);
        plain.join("a", "n1");
        plain.free(0);
        plain.join("b", "n2");
        plain.free(1);
        StepPlan p = plan(0, 2);
        plain.beginStep(p);
        assertEquals(2, plain.dispatch().size());
        assertTrue(plain.taskDone(RUN, 0, 1, 1, valuesOf(p, 1)));
        assertTrue(plain.dispatch().isEmpty());
        assertEquals(OptionalLong.empty(), plain.nextSpeculationNanos());
    }

    @Test
    void theMedianOfRecentTaskTimesAndTheThreshold() {
        TaskTimes t = new TaskTimes(3);
        assertTrue(t.median().isEmpty());
        t.add(30);
        assertEquals(30, t.median().getAsLong());
        t.add(10);
        assertEquals(10, t.median().getAsLong(), "the lower middle of two");
        t.add(20);
        assertEquals(20, t.median().getAsLong());
        t.add(1000);
        t.add(1000);
        assertEquals(1000, t.median().getAsLong(), "only the last three count: 20, 1000, 1000");
        assertEquals(200 * MS, Speculation.DEFAULT.thresholdNanos(100 * MS));
        assertEquals(100 * MS, Speculation.DEFAULT.thresholdNanos(MS));
        assertFalse(Speculation.OFF.enabled());
        assertThrows(IllegalArgumentException.class, () -> new Speculation(0.5, Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> new TaskTimes(0));
    }
}
