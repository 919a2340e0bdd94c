package org.chemotaxis.train;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Who computes which task of a step: the pull scheduling of a pool of workers, without threads,
 * clocks or messaging, so that it can be driven by actors and tested by plain calls.
 *
 * <p>Workers join with a node name and get a small id; results and failures name the worker by
 * that id. A free worker takes the first queued task (index order), preferring one it has not
 * failed on; before its first task of a step it needs the step's parameters
 * ({@link Assignment#needsWeights()}), so θ travels once per worker per step. A task that fails is
 * put back at the head of the queue, up to {@code maxAttempts} attempts. A worker that leaves, or
 * whose node becomes unreachable, has its task put back at the head of the queue; an unreachable
 * node's workers get no work until it is reachable again. Results are idempotent: one for a task
 * already done, of another step or another run, or from an unknown worker is ignored, so the step
 * completes when each of its tasks has been done once, whoever did it first.
 *
 * <p>Speculative execution ({@link Speculation}): once the queue is empty, an idle worker also
 * gets a copy of a task that has run too long on another node (the longest-running first, at most
 * one copy a task), so that a straggler does not hold up the end of the step. Both hold the task;
 * the first result counts, the other is ignored like any duplicate, and a task whose holder leaves
 * goes back to the queue only if no copy of it is still running on a reachable node. Times come
 * from a clock given to the constructor, so tests drive them by hand.
 *
 * @param <W> the handle a worker is reached by
 */
public final class StepScheduler<W> {

    /**
     * Send {@code task} to {@code worker}, the step's parameters first if {@code needsWeights};
     * {@code speculative}: a copy of a task that another worker is still running.
     */
    public record Assignment<W>(W worker, TaskRange task, boolean needsWeights, boolean speculative) {
    }

    /**
     * A task a worker holds, with its step and when it was handed out: a hold can outlive its step
     * (a worker cut off by an unreachable node, or the loser of a speculative copy).
     */
    private record Held(long step, int taskId, long sinceNanos) {
    }

    /** How many recent task durations the speculation threshold looks at. */
    private static final int TIMES_WINDOW = 64;

    private final long run;
    private final int maxAttempts;
    private final Speculation speculation;
    private final LongSupplier clock;
    private final TaskTimes times = new TaskTimes(TIMES_WINDOW);

    private final Map<W, String> nodes = new LinkedHashMap<>();
    private final Map<Integer, W> byId = new HashMap<>();
    private int nextId;
    private final Set<String> unreachable = new HashSet<>();
    private final Deque<W> idle = new ArrayDeque<>();
    private final Map<W, Held> busyWith = new HashMap<>();
    private final Map<W, Long> weightsSent = new HashMap<>();

    private StepPlan plan;
    private double[] values;
    private BitSet done;
    private int remaining;
    private final Deque<TaskRange> queue = new ArrayDeque<>();
    private final Map<Integer, Integer> attempts = new HashMap<>();
    private final Map<Integer, Set<W>> failedOn = new HashMap<>();

    /**
     * @param run         the run key results must carry; others are ignored
     * @param maxAttempts attempts a task gets before the step fails
     */
    public StepScheduler(long run, int maxAttempts) {
        this(run, maxAttempts, Speculation.OFF, System::nanoTime);
    }

    /**
     * @param speculation when running tasks are also given to idle workers
     * @param clock       nanoseconds, for task durations (e.g. {@code System::nanoTime})
     */
    public StepScheduler(long run, int maxAttempts, Speculation speculation, LongSupplier clock) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be >= 1, but was " + maxAttempts);
        }
        this.run = run;
        this.maxAttempts = maxAttempts;
        this.speculation = speculation;
        this.clock = clock;
    }

    // ---------------------------------------------------------------- workers

    public boolean knows(W worker) {
        return nodes.containsKey(worker);
    }

    /**
     * A new worker on {@code node}; it gets work once it asks for it ({@link #free}).
     *
     * @return the worker's id, by which its results name it
     */
    public int join(W worker, String node) {
        if (nodes.containsKey(worker)) {
            throw new IllegalArgumentException("worker " + worker + " has already joined");
        }
        int id = nextId++;
        nodes.put(worker, node);
        byId.put(id, worker);
        return id;
    }

    /**
     * A worker is gone: the task it held goes back to the head of the queue.
     *
     * @return the task put back, if any (none if the worker held none, or it is done or queued already)
     */
    public Optional<TaskRange> leave(W worker) {
        if (nodes.remove(worker) == null) {
            return Optional.empty();
        }
        byId.values().remove(worker);
        idle.remove(worker);
        weightsSent.remove(worker);
        Held held = busyWith.remove(worker);
        return held != null && requeue(held, worker) ? Optional.of(plan.tasks().get(held.taskId())) : Optional.empty();
    }

    /** The worker with this id, or null if there is none (never was, or gone). */
    public W worker(int id) {
        return byId.get(id);
    }

    /** The workers present, in the order they joined. */
    public Collection<W> workers() {
        return Collections.unmodifiableSet(nodes.keySet());
    }

    public int workerCount() {
        return nodes.size();
    }

    public String nodeOf(W worker) {
        return nodes.get(worker);
    }

    /** The worker with this id asks for work: it is idle unless its node is unreachable. */
    public void free(int id) {
        W w = byId.get(id);
        if (w == null) {
            return;
        }
        busyWith.remove(w);
        if (!idle.contains(w) && !unreachable.contains(nodes.get(w))) {
            idle.add(w);
        }
    }

    /**
     * A node stopped answering: its workers get no new work and the tasks they hold go back to the
     * queue at once. If they answer later, their late results still count where still needed.
     *
     * @return how many tasks went back to the queue
     */
    public int nodeUnreachable(String node) {
        unreachable.add(node);
        int requeued = 0;
        for (Map.Entry<W, String> e : nodes.entrySet()) {
            if (e.getValue().equals(node)) {
                idle.remove(e.getKey());
                Held held = busyWith.get(e.getKey());
                if (held != null && requeue(held, e.getKey())) {
                    requeued++;
                }
            }
        }
        return requeued;
    }

    /** A node answers again: its workers that hold no task are idle. */
    public void nodeReachable(String node) {
        unreachable.remove(node);
        for (Map.Entry<W, String> e : nodes.entrySet()) {
            W w = e.getKey();
            if (e.getValue().equals(node) && !busyWith.containsKey(w) && !idle.contains(w)) {
                idle.add(w);
            }
        }
    }

    // ---------------------------------------------------------------- steps

    /** Queues the plan's tasks in index order; the previous step, if any, is dropped. */
    public void beginStep(StepPlan plan) {
        this.plan = plan;
        values = new double[plan.valueCount()];
        done = new BitSet(plan.tasks().size());
        remaining = plan.tasks().size();
        queue.clear();
        queue.addAll(plan.tasks());
        attempts.clear();
        failedOn.clear();
    }

    /** The step being computed, or null between steps. */
    public StepPlan plan() {
        return plan;
    }

    /**
     * Pairs idle workers with queued tasks, in the order both wait; then, with the queue empty,
     * idle workers with copies of tasks that have run too long elsewhere. Nothing between steps.
     */
    public List<Assignment<W>> dispatch() {
        if (plan == null) {
            return List.of();
        }
        long now = clock.getAsLong();
        List<Assignment<W>> out = new ArrayList<>();
        while (!idle.isEmpty() && !queue.isEmpty()) {
            W w = idle.poll();
            out.add(assign(w, takeTaskFor(w), now, false));
        }
        if (queue.isEmpty() && !idle.isEmpty() && speculation.enabled()) {
            long threshold = threshold();
            for (W w : List.copyOf(idle)) {
                Held copied = speculationCandidate(w, now, threshold);
                if (copied != null) {
                    idle.remove(w);
                    out.add(assign(w, plan.tasks().get(copied.taskId()), now, true));
                }
            }
        }
        return out;
    }

    /**
     * When the next running task becomes old enough to be copied to a worker that is idle now, if
     * any (the caller then calls {@link #dispatch()} again at that time); empty when nothing could be
     * copied (no idle worker on another node, tasks still queued, no task times known yet).
     */
    public OptionalLong nextSpeculationNanos() {
        if (plan == null || !queue.isEmpty() || idle.isEmpty() || !speculation.enabled()) {
            return OptionalLong.empty();
        }
        long threshold = threshold();
        if (threshold == Long.MAX_VALUE) {
            return OptionalLong.empty();
        }
        long earliest = Long.MAX_VALUE;
        for (W w : idle) {
            Held h = speculationCandidate(w, Long.MAX_VALUE, 0);
            if (h != null) {
                earliest = Math.min(earliest, h.sinceNanos() + threshold);
            }
        }
        return earliest == Long.MAX_VALUE ? OptionalLong.empty() : OptionalLong.of(earliest);
    }

    private Assignment<W> assign(W w, TaskRange task, long now, boolean speculative) {
        boolean needsWeights = !Long.valueOf(plan.step()).equals(weightsSent.get(w));
        weightsSent.put(w, plan.step());
        busyWith.put(w, new Held(plan.step(), task.id(), now));
        return new Assignment<>(w, task, needsWeights, speculative);
    }

    /** Running time after which a task may be copied; Long.MAX_VALUE while no task time is known. */
    private long threshold() {
        OptionalLong median = times.median();
        return median.isPresent() ? speculation.thresholdNanos(median.getAsLong()) : Long.MAX_VALUE;
    }

    /**
     * The oldest hold of an undone task of this step that {@code w} may copy: it has run at least
     * {@code threshold} at {@code now}, has no copy yet (holders on unreachable nodes do not count),
     * none of its holders is on {@code w}'s node, and {@code w} has not failed on it.
     */
    private Held speculationCandidate(W w, long now, long threshold) {
        String node = nodes.get(w);
        Map<Integer, Held> oldest = new HashMap<>();
        Map<Integer, Integer> holders = new HashMap<>();
        Set<Integer> excluded = new HashSet<>();
        for (Map.Entry<W, Held> e : busyWith.entrySet()) {
            Held h = e.getValue();
            if (h.step() != plan.step() || done.get(h.taskId())) {
                continue;
            }
            String holderNode = nodes.get(e.getKey());
            if (unreachable.contains(holderNode)) {
                continue; // its task went back to the queue when the node became unreachable
            }
            if (node.equals(holderNode)) {
                excluded.add(h.taskId());
            }
            holders.merge(h.taskId(), 1, Integer::sum);
            oldest.merge(h.taskId(), h, (a, b) -> a.sinceNanos() <= b.sinceNanos() ? a : b);
        }
        Held best = null;
        for (Held h : oldest.values()) {
            Set<W> failed = failedOn.get(h.taskId());
            boolean eligible = holders.get(h.taskId()) == 1 && !excluded.contains(h.taskId())
                    && (failed == null || !failed.contains(w)) && now - h.sinceNanos() >= threshold;
            if (eligible && (best == null || h.sinceNanos() < best.sinceNanos()
                    || h.sinceNanos() == best.sinceNanos() && h.taskId() < best.taskId())) {
                best = h;
            }
        }
        return best;
    }

    /**
     * A worker's result; the worker is free again. Counted only if it is the first result of a
     * task of the current step of this run.
     *
     * @return whether the result counted
     * @throws StepFailedException if it counted but has the wrong number of values (the step is dropped)
     */
    public boolean taskDone(long run, long step, int taskId, int workerId, double[] taskValues) {
        Held held = busyWith.get(byId.get(workerId));
        free(workerId);
        if (!isCurrent(run, step, taskId, workerId)) {
            return false;
        }
        if (held != null && held.step() == step && held.taskId() == taskId) {
            times.add(clock.getAsLong() - held.sinceNanos());
        }
        TaskRange task = plan.tasks().get(taskId);
        int width = plan.valuesPerIndex();
        if (taskValues.length != task.size() * width) {
            long failedStep = plan.step();
            plan = null;
            throw new StepFailedException("task " + task.id() + " of step " + failedStep + " returned "
                    + taskValues.length + " values for " + task.size() + " indices"
                    + (width == 1 ? "" : " of " + width + " values each"));
        }
        System.arraycopy(taskValues, 0, values, task.from() * width, taskValues.length);
        done.set(taskId);
        queue.remove(task);
        remaining--;
        return true;
    }

    /**
     * A worker's task threw; the worker is free again, and the task goes back to the head of the
     * queue, to be taken preferably by a worker that has not failed on it.
     *
     * @return the number of attempts the task has failed so far, 0 if the failure was ignored
     *         (stale, or the task is already done)
     * @throws StepFailedException if this was the last attempt (the step is dropped)
     */
    public int taskFailed(long run, long step, int taskId, int workerId, String error) {
        free(workerId);
        if (!isCurrent(run, step, taskId, workerId)) {
            return 0;
        }
        int tries = attempts.merge(taskId, 1, Integer::sum);
        failedOn.computeIfAbsent(taskId, k -> new HashSet<>()).add(byId.get(workerId));
        if (tries >= maxAttempts) {
            plan = null;
            throw new StepFailedException("task " + taskId + " of step " + step + " failed " + tries
                    + " times; last error: " + error);
        }
        TaskRange task = plan.tasks().get(taskId);
        if (!queue.contains(task)) {
            queue.addFirst(task);
        }
        return tries;
    }

    /**
     * The step's values in index order once every task is done, exactly once: the step is over
     * then, and later results for it are ignored. Empty while tasks are outstanding.
     */
    public Optional<double[]> takeCompleted() {
        if (plan == null || remaining > 0) {
            return Optional.empty();
        }
        plan = null;
        double[] v = values;
        values = null;
        return Optional.of(v);
    }

    /** Gives the step up (the run failed): its results are ignored from now on, nothing more is handed out. */
    public void abandonStep() {
        plan = null;
        values = null;
    }

    private boolean isCurrent(long run, long step, int taskId, int workerId) {
        return byId.containsKey(workerId) && plan != null && this.run == run && step == plan.step()
                && taskId >= 0 && taskId < plan.tasks().size() && !done.get(taskId);
    }

    /**
     * Puts an undone task of the current step that {@code from} held back at the head of the
     * queue, unless it is queued already or a copy of it still runs on another reachable worker.
     */
    private boolean requeue(Held held, W from) {
        if (plan == null || held.step() != plan.step() || done.get(held.taskId())) {
            return false;
        }
        TaskRange task = plan.tasks().get(held.taskId());
        if (queue.contains(task)) {
            return false;
        }
        for (Map.Entry<W, Held> e : busyWith.entrySet()) {
            Held other = e.getValue();
            if (!e.getKey().equals(from) && other.step() == held.step() && other.taskId() == held.taskId()
                    && !unreachable.contains(nodes.get(e.getKey()))) {
                return false;
            }
        }
        queue.addFirst(task);
        return true;
    }

    /** The first queued task this worker has not failed on, else the first one. */
    private TaskRange takeTaskFor(W w) {
        for (TaskRange t : queue) {
            Set<W> failed = failedOn.get(t.id());
            if (failed == null || !failed.contains(w)) {
                queue.remove(t);
                return t;
            }
        }
        return queue.poll();
    }
}
