package org.chemotaxis.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.chemotaxis.perturb.StepKey;
import org.chemotaxis.task.Sample;
import org.junit.jupiter.api.Test;

/** The scheduling of a step's tasks, driven by plain calls as the coordinator's messages would. */
class StepSchedulerTest {

    private static final long RUN = 42;

    private final StepScheduler<String> s = new StepScheduler<>(RUN, 3);

    /** Step {@code step} over {@code n} indices cut into tasks of {@code size}. */
    private static StepPlan plan(long step, int n, int size) {
        return new StepPlan(new StepKey(1, step), 0, (int) step, Sample.ofSeed(step), n, TaskPartition.split(n, size));
    }

    /** Joins and frees workers (as their first WorkRequest does); returns their ids. */
    private int[] ready(String node, String... workers) {
        int[] ids = new int[workers.length];
        for (int i = 0; i < workers.length; i++) {
            ids[i] = s.join(workers[i], node);
            s.free(ids[i]);
        }
        return ids;
    }

    /** The values a task's indices would get: 100 * step + index, so order and origin show. */
    private static double[] valuesOf(StepPlan p, TaskRange t) {
        double[] v = new double[t.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = 100.0 * p.step() + t.from() + i;
        }
        return v;
    }

    private boolean done(StepPlan p, int taskId, int worker) {
        return s.taskDone(RUN, p.step(), taskId, worker, valuesOf(p, p.tasks().get(taskId)));
    }

    private static String describe(List<StepScheduler.Assignment<String>> as) {
        StringBuilder b = new StringBuilder();
        for (StepScheduler.Assignment<String> a : as) {
            b.append(a.worker()).append(':').append(a.task().id()).append(a.needsWeights() ? "+w " : " ");
        }
        return b.toString().trim();
    }

    @Test
    void freeWorkersTakeTasksInIndexOrderOneEach() {
        int[] id = ready("n1", "a", "b", "c");
        assertArrayEquals(new int[] {0, 1, 2}, id);
        StepPlan p = plan(0, 10, 2);
        s.beginStep(p);
        assertEquals("a:0+w b:1+w c:2+w", describe(s.dispatch()));
        assertEquals("", describe(s.dispatch()), "a busy worker gets nothing more");
        assertTrue(done(p, 1, id[1]));
        assertEquals("b:3", describe(s.dispatch()), "the next task in index order; b has the step's θ already");
        s.free(id[0]);
        s.free(id[0]);
        assertEquals("a:4", describe(s.dispatch()), "a worker asking twice is idle once");
        assertEquals("", describe(s.dispatch()));
    }

    @Test
    void weightsGoOncePerWorkerPerStep() {
        int[] id = ready("n1", "a", "b");
        StepPlan p0 = plan(0, 4, 1);
        s.beginStep(p0);
        assertEquals("a:0+w b:1+w", describe(s.dispatch()));
        for (int t = 0; t < 2; t++) {
            done(p0, t, id[t]);
        }
        assertEquals("a:2 b:3", describe(s.dispatch()));
        done(p0, 2, id[0]);
        done(p0, 3, id[1]);
        assertTrue(s.takeCompleted().isPresent());
        StepPlan p1 = plan(1, 4, 1);
        s.beginStep(p1);
        assertEquals("a:0+w b:1+w", describe(s.dispatch()), "a new step needs its own θ");
    }

    @Test
    void aFailedTaskIsRetriedPreferablyOnAnotherWorker() {
        int[] id = ready("n1", "a", "b");
        StepPlan p = plan(5, 3, 1);
        s.beginStep(p);
        assertEquals("a:0+w b:1+w", describe(s.dispatch()));
        assertEquals(1, s.taskFailed(RUN, 5, 0, id[0], "boom"));
        assertEquals("a:2", describe(s.dispatch()), "a skips the task it failed on");
        assertTrue(done(p, 1, id[1]));
        assertEquals("b:0", describe(s.dispatch()), "the failed task went back to the head of the queue");
        assertTrue(done(p, 0, id[1]));
        assertTrue(done(p, 2, id[0]));
        assertArrayEquals(new double[] {500, 501, 502}, s.takeCompleted().orElseThrow());
    }

    @Test
    void aWorkerGetsATaskItFailedOnWhenNothingElseIsLeft() {
        int[] id = ready("n1", "a");
        StepPlan p = plan(0, 1, 1);
        s.beginStep(p);
        assertEquals("a:0+w", describe(s.dispatch()));
        assertEquals(1, s.taskFailed(RUN, 0, 0, id[0], "boom"));
        assertEquals("a:0", describe(s.dispatch()));
    }

    @Test
    void aTaskFailingOnItsLastAttemptFailsTheStep() {
        int[] id = ready("n1", "a", "b");
        StepPlan p = plan(7, 2, 1);
        s.beginStep(p);
        assertEquals("a:0+w b:1+w", describe(s.dispatch()));
        assertEquals(1, s.taskFailed(RUN, 7, 0, id[0], "e1"));
        assertEquals("a:0", describe(s.dispatch()), "b is busy: a tries again");
        assertEquals(2, s.taskFailed(RUN, 7, 0, id[0], "e2"));
        assertEquals(0, s.taskFailed(RUN, 6, 0, id[0], "old"), "a failure of another step does not count");
        assertEquals("a:0", describe(s.dispatch()));
        StepFailedException e = assertThrows(StepFailedException.class, () -> s.taskFailed(RUN, 7, 0, id[0], "e3"));
        assertEquals("task 0 of step 7 failed 3 times; last error: e3", e.getMessage());
        assertNull(s.plan(), "the step is dropped");
        assertFalse(done(p, 1, id[1]), "results of a failed step are ignored");
        assertEquals("", describe(s.dispatch()));
        assertTrue(s.takeCompleted().isEmpty());
    }

    @Test
    void aLostWorkersTaskGoesBackToTheHeadOfTheQueue() {
        int[] id = ready("n1", "a", "b", "c");
        StepPlan p = plan(0, 5, 1);
        s.beginStep(p);
        assertEquals("a:0+w b:1+w c:2+w", describe(s.dispatch()));
        assertEquals(Optional.of(p.tasks().get(1)), s.leave("b"));
        assertEquals(Optional.empty(), s.leave("b"), "a worker leaves once");
        assertFalse(s.knows("b"));
        assertNull(s.worker(id[1]));
        assertEquals(List.of("a", "c"), List.copyOf(s.workers()));
        assertTrue(done(p, 0, id[0]));
        assertEquals("a:1", describe(s.dispatch()), "ahead of tasks 3 and 4");
        assertFalse(done(p, 1, id[1]), "a result from a worker that left is ignored");
        assertTrue(done(p, 2, id[2]));
        assertEquals("c:3", describe(s.dispatch()), "c then takes the queue's next task");
    }

    @Test
    void anUnreachableNodesTasksAreRequeuedAndItsWorkersWaitUntilItIsReachable() {
        int[] n1 = ready("n1", "a", "b");
        int[] n2 = ready("n2", "c");
        StepPlan p = plan(0, 4, 1);
        s.beginStep(p);
        assertEquals("a:0+w b:1+w c:2+w", describe(s.dispatch()));
        assertEquals(2, s.nodeUnreachable("n1"));
        assertTrue(done(p, 2, n2[0]));
        assertEquals("c:1", describe(s.dispatch()), "held tasks are back at the head of the queue");
        assertTrue(done(p, 0, n1[0]), "a late result from the node still counts");
        assertEquals("", describe(s.dispatch()), "but its worker gets no work while the node is unreachable");
        s.nodeReachable("n1");
        assertEquals("a:3", describe(s.dispatch()), "b still holds task 1, a is free");
        assertTrue(done(p, 1, n2[0]));
        assertFalse(done(p, 1, n1[1]), "c was first");
        assertTrue(done(p, 3, n1[0]));
        assertArrayEquals(new double[] {0, 1, 2, 3}, s.takeCompleted().orElseThrow());
    }

    @Test
    void reachableAgainMakesOnlyWorkersHoldingNoTaskIdle() {
        int[] id = ready("n1", "a", "b");
        StepPlan p = plan(0, 3, 1);
        s.beginStep(p);
        assertEquals("a:0+w b:1+w", describe(s.dispatch()));
        s.nodeUnreachable("n1");
        s.nodeReachable("n1");
        assertEquals("", describe(s.dispatch()), "a and b still hold their tasks");
        assertTrue(done(p, 1, id[1]));
        assertEquals("b:0", describe(s.dispatch()));
    }

    @Test
    void aHoldFromAnEarlierStepPutsNothingBackWhenItsWorkerLeaves() {
        ready("n1", "a");
        int[] n2 = ready("n2", "c");
        StepPlan p0 = plan(0, 2, 1);
        s.beginStep(p0);
        assertEquals("a:0+w c:1+w", describe(s.dispatch()));
        s.nodeUnreachable("n1");
        done(p0, 1, n2[0]);
        s.dispatch();
        done(p0, 0, n2[0]);
        assertTrue(s.takeCompleted().isPresent());
        StepPlan p1 = plan(1, 3, 1);
        s.beginStep(p1);
        assertEquals("c:0+w", describe(s.dispatch()));
        assertEquals(Optional.empty(), s.leave("a"), "a held task 0 of step 0, not of step 1");
        assertTrue(done(p1, 0, n2[0]));
        assertEquals("c:1", describe(s.dispatch()));
    }

    @Test
    void staleAndDuplicateResultsAreIgnored() {
        int[] id = ready("n1", "a", "b");
        StepPlan p = plan(3, 4, 2);
        s.beginStep(p);
        s.dispatch();
        double[] two = {9, 9};
        assertFalse(s.taskDone(RUN + 1, 3, 0, id[0], two), "another run");
        assertFalse(s.taskDone(RUN, 2, 0, id[0], two), "another step");
        assertFalse(s.taskDone(RUN, 3, 2, id[0], two), "no such task");
        assertFalse(s.taskDone(RUN, 3, -1, id[0], two), "no such task");
        assertFalse(s.taskDone(RUN, 3, 0, 99, two), "no such worker");
        assertTrue(done(p, 0, id[0]));
        assertFalse(s.taskDone(RUN, 3, 0, id[1], two), "task 0 is done already");
        assertFalse(s.taskDone(RUN, 3, 0, id[1], new double[5]), "even with the wrong count");
        assertEquals(0, s.taskFailed(RUN, 3, 0, id[1], "late"), "nor does a late failure of a done task count");
        assertTrue(s.takeCompleted().isEmpty());
        assertTrue(done(p, 1, id[1]));
        assertArrayEquals(new double[] {300, 301, 302, 303}, s.takeCompleted().orElseThrow());
    }

    @Test
    void aResultWithTheWrongValueCountFailsTheStep() {
        int[] id = ready("n1", "a");
        s.beginStep(plan(4, 5, 3));
        s.dispatch();
        StepFailedException e = assertThrows(StepFailedException.class,
                () -> s.taskDone(RUN, 4, 0, id[0], new double[2]));
        assertEquals("task 0 of step 4 returned 2 values for 3 indices", e.getMessage());
        assertNull(s.plan());
        assertEquals("", describe(s.dispatch()));
    }

    @Test
    void aStepCompletesExactlyOnceWithItsValuesInIndexOrder() {
        int[] id = ready("n1", "a", "b", "c");
        StepPlan p = plan(2, 7, 3);
        s.beginStep(p);
        s.dispatch();
        assertTrue(done(p, 2, id[2]));
        assertTrue(s.takeCompleted().isEmpty());
        assertTrue(done(p, 0, id[0]));
        assertTrue(s.takeCompleted().isEmpty());
        assertTrue(done(p, 1, id[1]));
        assertArrayEquals(new double[] {200, 201, 202, 203, 204, 205, 206}, s.takeCompleted().orElseThrow());
        assertTrue(s.takeCompleted().isEmpty(), "once");
        assertNull(s.plan());
        assertFalse(done(p, 1, id[1]), "the step is over");
        assertEquals("", describe(s.dispatch()), "nothing to hand out between steps");
    }

    @Test
    void anAbandonedStepTakesNoMoreResultsAndHandsOutNothing() {
        int[] id = ready("n1", "a", "b");
        StepPlan p = plan(1, 2, 1);
        s.beginStep(p);
        assertEquals("a:0+w", describe(s.dispatch()).substring(0, 5));
        s.abandonStep();
        assertFalse(done(p, 0, id[0]));
        assertFalse(done(p, 1, id[1]));
        assertEquals("", describe(s.dispatch()));
        assertTrue(s.takeCompleted().isEmpty(), "never completes");
    }

    @Test
    void aStepWithoutTasksIsCompleteAtOnce() {
        ready("n1", "a");
        s.beginStep(plan(0, 0, 4));
        assertEquals("", describe(s.dispatch()));
        assertArrayEquals(new double[0], s.takeCompleted().orElseThrow());
    }

    @Test
    void workersAreNamedBySmallIdsAndNodes() {
        assertEquals(0, s.join("a", "local"));
        assertEquals(1, s.join("b", "10.0.0.2:2552"));
        assertThrows(IllegalArgumentException.class, () -> s.join("a", "local"));
        assertEquals("b", s.worker(1));
        assertEquals("10.0.0.2:2552", s.nodeOf("b"));
        assertEquals(2, s.workerCount());
        assertThrows(IllegalArgumentException.class, () -> new StepScheduler<String>(RUN, 0));
    }
}
