package org.chemotaxis.runtime;

import akka.Done;
import akka.actor.Address;
import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import akka.actor.typed.receptionist.Receptionist;
import akka.cluster.ClusterEvent;
import akka.cluster.typed.Cluster;
import akka.cluster.typed.Subscribe;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayDeque;
import java.util.BitSet;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.DoubleUnaryOperator;
import org.chemotaxis.report.ParameterHash;
import org.chemotaxis.train.EarlyStoppingRule;
import org.chemotaxis.train.NonFiniteLossException;
import org.chemotaxis.train.RunRecorder;
import org.chemotaxis.train.StepOutcome;
import org.chemotaxis.train.StepPlan;
import org.chemotaxis.train.TaskRange;
import org.chemotaxis.train.Training;

/**
 * Owns one training run: parameters, optimizer, data cursor, estimator (all inside
 * {@link Training}). Each step it cuts the perturbations into tasks, hands them to workers that
 * ask for work (pull: a fast worker takes more), sends each worker the step's parameters once
 * before its first task, gathers the scalar results into index order and lets Training update.
 * Each epoch it validates, asks EarlyStopping for a verdict, checkpoints and reports to the
 * EventLog. A task whose worker dies or fails goes back to the queue; a result for a task
 * already done is ignored, so duplicates are harmless and the step waits for exactly its tasks.
 */
public final class Coordinator extends AbstractBehavior<Coordinator.Command> {

    public sealed interface Command extends CborSerializable {
    }

    /** Worker {@code id} has the job and is free. */
    public record WorkRequest(int id, ActorRef<Worker.Command> worker) implements Command {
    }

    /**
     * A finished task; the worker is free again. Sent for every task, so its wire names are one
     * letter: run, step, task, worker, values.
     */
    public record TaskDone(@JsonProperty("r") long run, @JsonProperty("s") long step, @JsonProperty("t") int taskId,
                           @JsonProperty("w") int worker, @JsonProperty("v") double[] values) implements Command {
    }

    /** A task that threw; the worker is free again. */
    public record TaskFailed(long run, long step, int taskId, int worker, String error) implements Command {
    }

    /** Stop after the current epoch's checkpoint, as if the JVM were stopped there (resume continues). */
    public enum StopAfterEpoch implements Command { INSTANCE }

    private record WorkersListed(Receptionist.Listing listing) implements Command {
    }

    private record WorkerGone(ActorRef<Worker.Command> worker) implements Command {
    }

    private record VerdictReached(EarlyStoppingRule.Verdict verdict) implements Command {
    }

    private record Reachability(ClusterEvent.ReachabilityEvent event) implements Command {
    }

    private enum Logged implements Command { INSTANCE }

    private enum StopWaitOver implements Command { INSTANCE }

    private enum NextStep implements Command { INSTANCE }

    /** How the run is driven. {@code taskSize} 0 = automatic (about four tasks per worker per step). */
    public record Settings(String runId, String name, String runDir, long epochs, int taskSize, int maxAttempts,
                           String metricName, DoubleUnaryOperator lossToMetric, String modelName, String optimizerName) {
    }

    /** The largest automatic task: its result is at most ~37 KB. */
    static final int MAX_AUTO_TASK_SIZE = 4096;

    /** How long the end of a run waits for the workers to stop. */
    static final java.time.Duration STOP_WAIT = java.time.Duration.ofSeconds(5);

    private final Settings settings;
    private final Training training;
    private final RunRecorder recorder;
    private final JobSpec job;
    private final ActorRef<EventLog.Command> eventLog;
    private final ActorRef<EarlyStopping.Command> earlyStopping;
    private final CompletableFuture<RunOutcome> outcome;

    private final Set<ActorRef<Worker.Command>> workers = new LinkedHashSet<>();
    private final Map<Integer, ActorRef<Worker.Command>> byId = new HashMap<>();
    private final Set<Address> unreachable = new HashSet<>();
    private int nextWorkerId;
    private final Deque<ActorRef<Worker.Command>> idle = new ArrayDeque<>();
    private final Map<ActorRef<Worker.Command>, Long> weightsSent = new HashMap<>();
    private final Map<ActorRef<Worker.Command>, Integer> busyWith = new HashMap<>();

    private StepPlan plan;
    private double[] planTheta;
    private double[] values;
    private BitSet done;
    private int remaining;
    private final Deque<TaskRange> queue = new ArrayDeque<>();
    private final Map<Integer, Integer> attempts = new HashMap<>();
    private final Map<Integer, Set<ActorRef<Worker.Command>>> failedOn = new HashMap<>();
    private double stepLoss;
    private boolean stopRequested;
    private boolean finishing;
    private RunOutcome result;

    private double epochLossSum;
    private int epochSteps;
    private long epochStartNanos;
    private double lastLearningRate;
    private final Map<String, Integer> tasksByNode = new TreeMap<>();
    private final long startNanos = System.nanoTime();

    private Coordinator(ActorContext<Command> context, Settings settings, Training training, RunRecorder recorder,
                        JobSpec job, ActorRef<EventLog.Command> eventLog,
                        ActorRef<EarlyStopping.Command> earlyStopping, CompletableFuture<RunOutcome> outcome) {
        super(context);
        this.settings = settings;
        this.training = training;
        this.recorder = recorder;
        this.job = job;
        this.eventLog = eventLog;
        this.earlyStopping = earlyStopping;
        this.outcome = outcome;
        ActorRef<Receptionist.Listing> listingAdapter = context.messageAdapter(Receptionist.Listing.class, WorkersListed::new);
        context.getSystem().receptionist().tell(Receptionist.subscribe(Worker.SERVICE_KEY, listingAdapter));
        if (ClusterSetup.isCluster(context.getSystem())) {
            ActorRef<ClusterEvent.ReachabilityEvent> reach =
                    context.messageAdapter(ClusterEvent.ReachabilityEvent.class, Reachability::new);
            Cluster.get(context.getSystem()).subscriptions().tell(Subscribe.create(reach, ClusterEvent.ReachabilityEvent.class));
        }
    }

    public static Behavior<Command> create(Settings settings, Training training, RunRecorder recorder, JobSpec job,
                                           ActorRef<EventLog.Command> eventLog,
                                           ActorRef<EarlyStopping.Command> earlyStopping,
                                           CompletableFuture<RunOutcome> outcome) {
        return Behaviors.setup(ctx -> {
            Coordinator c = new Coordinator(ctx, settings, training, recorder, job, eventLog, earlyStopping, outcome);
            c.start();
            return c;
        });
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(WorkersListed.class, this::onListing)
                .onMessage(WorkerGone.class, this::onWorkerGone)
                .onMessage(WorkRequest.class, this::onWorkRequest)
                .onMessage(TaskDone.class, this::onTaskDone)
                .onMessage(TaskFailed.class, this::onTaskFailed)
                .onMessage(VerdictReached.class, this::onVerdict)
                .onMessage(Reachability.class, this::onReachability)
                .onMessageEquals(Logged.INSTANCE, this::onLogged)
                .onMessageEquals(StopWaitOver.INSTANCE, this::onStopWaitOver)
                .onMessageEquals(NextStep.INSTANCE, this::onNextStep)
                .onMessageEquals(StopAfterEpoch.INSTANCE, this::onStopRequest)
                .build();
    }

    private void start() {
        log(new RunEvent.RunStarted(settings.runId(), now(), settings.name(), settings.runDir(), training.parameterCount(),
                settings.modelName(), training.estimator().name(), settings.optimizerName(), settings.epochs(),
                training.stepsPerEpoch(), training.epochsDone(), workers.size()));
        if (training.epochsDone() >= settings.epochs()) {
            finish();
            return;
        }
        beginStep();
    }

    // ---------------------------------------------------------------- workers

    private Behavior<Command> onListing(WorkersListed msg) {
        boolean changed = false;
        for (ActorRef<Worker.Command> w : msg.listing().getServiceInstances(Worker.SERVICE_KEY)) {
            if (workers.add(w)) {
                getContext().watchWith(w, new WorkerGone(w));
                int id = nextWorkerId++;
                byId.put(id, w);
                w.tell(new Worker.Offer(job, id, getContext().getSelf()));
                changed = true;
            }
        }
        if (changed) {
            logWorkers();
        }
        return this;
    }

    private Behavior<Command> onWorkerGone(WorkerGone msg) {
        ActorRef<Worker.Command> w = msg.worker();
        if (!workers.remove(w)) {
            return this;
        }
        byId.values().remove(w);
        if (result != null) {
            // the run is over: this is a worker confirming its stop
            if (workers.isEmpty()) {
                complete();
            }
            return next();
        }
        idle.remove(w);
        weightsSent.remove(w);
        Integer task = busyWith.remove(w);
        if (task != null && plan != null && !done.get(task) && !queue.contains(plan.tasks().get(task))) {
            getContext().getLog().debug("worker {} left during task {} of step {}: handing it out again", w, task, plan.step());
            queue.addFirst(plan.tasks().get(task));
        }
        logWorkers();
        dispatch();
        return this;
    }

    /**
     * A node that stops answering gets no new work, and the tasks it holds go back to the queue at
     * once, without waiting for it to be downed; if it answers again, its late results are
     * welcome (the first result of a task wins, the rest are ignored).
     */
    private Behavior<Command> onReachability(Reachability msg) {
        Address node = msg.event().member().address();
        if (msg.event() instanceof ClusterEvent.UnreachableMember) {
            unreachable.add(node);
            int requeued = 0;
            for (ActorRef<Worker.Command> w : workers) {
                if (w.path().address().equals(node)) {
                    idle.remove(w);
                    Integer task = busyWith.get(w);
                    if (task != null && plan != null && !done.get(task) && !queue.contains(plan.tasks().get(task))) {
                        queue.addFirst(plan.tasks().get(task));
                        requeued++;
                    }
                }
            }
            log(new RunEvent.NodeUnreachable(settings.runId(), now(), node.hostPort(), training.step(), requeued));
        } else if (msg.event() instanceof ClusterEvent.ReachableMember) {
            unreachable.remove(node);
            for (ActorRef<Worker.Command> w : workers) {
                if (w.path().address().equals(node) && !busyWith.containsKey(w) && !idle.contains(w)) {
                    idle.add(w);
                }
            }
            getContext().getLog().info("node {} is reachable again", node);
        }
        dispatch();
        return this;
    }

    private Behavior<Command> onWorkRequest(WorkRequest msg) {
        free(byId.get(msg.id()));
        dispatch();
        return this;
    }

    private void free(ActorRef<Worker.Command> w) {
        if (w == null) {
            return;
        }
        busyWith.remove(w);
        if (workers.contains(w) && !idle.contains(w) && !unreachable.contains(w.path().address())) {
            idle.add(w);
        }
    }

    private void dispatch() {
        if (plan == null || finishing) {
            return;
        }
        while (!idle.isEmpty() && !queue.isEmpty()) {
            ActorRef<Worker.Command> w = idle.poll();
            TaskRange task = takeTaskFor(w);
            if (!Long.valueOf(plan.step()).equals(weightsSent.get(w))) {
                w.tell(new Worker.Weights(job.run(), plan.key().seed(), plan.step(), planTheta, plan.sample()));
                weightsSent.put(w, plan.step());
            }
            w.tell(new Worker.Assign(job.run(), plan.step(), task.id(), task.from(), task.to()));
            busyWith.put(w, task.id());
        }
    }

    /** The first queued task this worker has not failed on, else the first one. */
    private TaskRange takeTaskFor(ActorRef<Worker.Command> w) {
        for (TaskRange t : queue) {
            Set<ActorRef<Worker.Command>> failed = failedOn.get(t.id());
            if (failed == null || !failed.contains(w)) {
                queue.remove(t);
                return t;
            }
        }
        return queue.poll();
    }

    // ---------------------------------------------------------------- steps

    private void beginStep() {
        int n = training.estimator().indexCount(training.parameterCount());
        plan = training.planStep(taskSize(n));
        planTheta = training.theta();
        values = new double[n];
        done = new BitSet(plan.tasks().size());
        remaining = plan.tasks().size();
        queue.clear();
        queue.addAll(plan.tasks());
        attempts.clear();
        failedOn.clear();
        if (epochSteps == 0) {
            epochStartNanos = System.nanoTime();
        }
        dispatch();
        // The unperturbed loss is measured here while the workers compute the perturbations.
        try {
            stepLoss = training.measure(plan);
        } catch (RuntimeException e) {
            failRun("the unperturbed loss of step " + plan.step() + " failed: " + e);
            return;
        }
        if (remaining == 0) {
            completeStep();
        }
    }

    private int taskSize(int indexCount) {
        if (settings.taskSize() > 0) {
            return settings.taskSize();
        }
        int w = Math.max(1, workers.size());
        // About four tasks per worker balance the load; the cap keeps a result message small.
        return Math.max(1, Math.min(MAX_AUTO_TASK_SIZE, (indexCount + 4 * w - 1) / (4 * w)));
    }

    private Behavior<Command> onTaskDone(TaskDone msg) {
        ActorRef<Worker.Command> worker = byId.get(msg.worker());
        free(worker);
        if (worker != null && isCurrent(msg.run(), msg.step(), msg.taskId())) {
            TaskRange task = plan.tasks().get(msg.taskId());
            if (msg.values().length != task.size()) {
                failRun("task " + task.id() + " of step " + plan.step() + " returned " + msg.values().length
                        + " values for " + task.size() + " indices");
                return this;
            }
            System.arraycopy(msg.values(), 0, values, task.from(), task.size());
            done.set(task.id());
            queue.remove(task);
            remaining--;
            tasksByNode.merge(nodeOf(worker), 1, Integer::sum);
            if (remaining == 0) {
                completeStep();
                return this;
            }
        }
        dispatch();
        return this;
    }

    private Behavior<Command> onTaskFailed(TaskFailed msg) {
        ActorRef<Worker.Command> worker = byId.get(msg.worker());
        free(worker);
        if (worker != null && isCurrent(msg.run(), msg.step(), msg.taskId())) {
            int tries = attempts.merge(msg.taskId(), 1, Integer::sum);
            failedOn.computeIfAbsent(msg.taskId(), k -> new HashSet<>()).add(worker);
            if (tries >= settings.maxAttempts()) {
                failRun("task " + msg.taskId() + " of step " + msg.step() + " failed " + tries + " times; last error: "
                        + msg.error());
                return this;
            }
            getContext().getLog().warn("task {} of step {} failed on {} (attempt {} of {}): {}; retrying",
                    msg.taskId(), msg.step(), worker.path(), tries, settings.maxAttempts(), msg.error());
            TaskRange task = plan.tasks().get(msg.taskId());
            if (!queue.contains(task)) {
                queue.addFirst(task);
            }
        }
        dispatch();
        return this;
    }

    private boolean isCurrent(long run, long step, int taskId) {
        return !finishing && plan != null && job.run() == run && step == plan.step()
                && taskId >= 0 && taskId < plan.tasks().size() && !done.get(taskId);
    }

    private void completeStep() {
        StepOutcome o;
        try {
            o = training.completeStep(plan, stepLoss, values);
        } catch (NonFiniteLossException e) {
            failRun(e.getMessage());
            return;
        }
        epochLossSum += o.loss();
        epochSteps++;
        lastLearningRate = o.learningRate();
        int inEpoch = plan.batchInEpoch() + 1;
        eventLog.tell(new EventLog.Progress(plan.epoch(), settings.epochs(), inEpoch, training.stepsPerEpoch(), o.loss()));
        plan = null;
        if (training.atEpochEnd()) {
            endEpoch();
        } else {
            // Through the mailbox, so that messages already waiting (workers joining or leaving) go first.
            getContext().getSelf().tell(NextStep.INSTANCE);
        }
    }

    private Behavior<Command> onNextStep() {
        if (!finishing) {
            beginStep();
        }
        return this;
    }

    // ---------------------------------------------------------------- epochs

    private double validationLoss;

    private void endEpoch() {
        try {
            validationLoss = training.validationLoss();
        } catch (RuntimeException e) {
            failRun("the validation loss of epoch " + (training.epochsDone() - 1) + " failed: " + e);
            return;
        }
        ActorRef<EarlyStoppingRule.Verdict> adapter =
                getContext().messageAdapter(EarlyStoppingRule.Verdict.class, VerdictReached::new);
        earlyStopping.tell(new EarlyStopping.Observe(training.epochsDone() - 1, validationLoss, training.stopping(),
                adapter));
    }

    private Behavior<Command> onVerdict(VerdictReached msg) {
        EarlyStoppingRule.Verdict v = msg.verdict();
        training.applyVerdict(v);
        long epoch = training.epochsDone() - 1;
        double seconds = (System.nanoTime() - epochStartNanos) / 1e9;
        String path = recorder.checkpoint(training.exportState(), training.epochsDone());
        if (v.improved()) {
            // So that a long run's best model can be evaluated while the run goes on.
            EarlyStoppingRule.State best = training.stopping();
            recorder.model(training.bestTheta(), best.bestEpoch(), best.bestLoss());
        }
        log(new RunEvent.EpochEnded(settings.runId(), now(), epoch, epochLossSum / epochSteps, validationLoss,
                settings.metricName(), settings.lossToMetric().applyAsDouble(validationLoss), epochSteps,
                (long) epochSteps * training.passesPerStep(), seconds, workers.size(), lastLearningRate, v.improved(),
                new TreeMap<>(tasksByNode)));
        log(new RunEvent.Checkpointed(settings.runId(), now(), epoch, training.step(), path));
        epochLossSum = 0;
        epochSteps = 0;
        tasksByNode.clear();
        if (!Double.isFinite(validationLoss)) {
            failRun(new NonFiniteLossException("validation loss", validationLoss, epoch, training.step()).getMessage());
        } else if (v.stop()) {
            log(new RunEvent.EarlyStopped(settings.runId(), now(), epoch, v.state().bestEpoch(), v.state().bestLoss(),
                    v.state().epochsWithoutImprovement()));
            finish();
        } else if (training.epochsDone() >= settings.epochs()) {
            finish();
        } else if (stopRequested) {
            interrupt();
        } else {
            beginStep();
        }
        return this;
    }

    private Behavior<Command> onStopRequest() {
        stopRequested = true;
        return this;
    }

    // ---------------------------------------------------------------- endings

    private void finish() {
        finishing = true;
        EarlyStoppingRule.State s = training.stopping();
        double[] best = training.bestTheta();
        String modelPath = recorder.model(best, s.bestEpoch(), s.bestLoss());
        String sha = ParameterHash.sha256(best);
        String lastSha = ParameterHash.sha256(training.theta());
        // every step costs the same passes, so the count covers the steps before a resume too
        RunEvent.RunFinished event = new RunEvent.RunFinished(settings.runId(), now(), training.epochsDone(), training.step(),
                training.step() * training.passesPerStep(), (System.nanoTime() - startNanos) / 1e9, s.bestEpoch(), s.bestLoss(), sha, lastSha, modelPath);
        end(event, new RunOutcome(RunOutcome.Status.FINISHED, training.epochsDone(), training.step(), sha, lastSha, null));
    }

    private void interrupt() {
        finishing = true;
        end(null, new RunOutcome(RunOutcome.Status.INTERRUPTED, training.epochsDone(), training.step(),
                null, ParameterHash.sha256(training.theta()), "stopped on request after epoch " + training.epochsDone()));
    }

    private void failRun(String reason) {
        finishing = true;
        long epoch = training.step() / training.stepsPerEpoch();
        end(new RunEvent.Failed(settings.runId(), now(), epoch, training.step(), reason),
                new RunOutcome(RunOutcome.Status.FAILED, training.epochsDone(), training.step(), null, null, reason));
    }

    /**
     * Writes the last event and waits until it is on disk; then stops the workers and waits (up to
     * {@link #STOP_WAIT}) until they are gone, so that worker nodes hear the end before this node
     * leaves; then reports the outcome.
     */
    private void end(RunEvent last, RunOutcome result) {
        this.result = result;
        if (last == null) {
            stopWorkers();
            return;
        }
        ActorRef<Done> ack = getContext().messageAdapter(Done.class, d -> Logged.INSTANCE);
        eventLog.tell(new EventLog.Record(last, ack));
    }

    private Behavior<Command> onLogged() {
        stopWorkers();
        return next();
    }

    private void stopWorkers() {
        for (ActorRef<Worker.Command> w : workers) {
            w.tell(Worker.Stop.INSTANCE);
        }
        if (workers.isEmpty()) {
            complete();
        } else {
            getContext().scheduleOnce(STOP_WAIT, getContext().getSelf(), StopWaitOver.INSTANCE);
        }
    }

    private Behavior<Command> onStopWaitOver() {
        if (!outcome.isDone()) {
            getContext().getLog().warn("{} worker(s) did not confirm the end within {} s", workers.size(),
                    STOP_WAIT.toSeconds());
            complete();
        }
        return next();
    }

    private void complete() {
        outcome.complete(result);
    }

    /** Stopped once the outcome is out. */
    private Behavior<Command> next() {
        return outcome.isDone() && result != null ? Behaviors.stopped() : this;
    }

    // ---------------------------------------------------------------- helpers

    private void log(RunEvent e) {
        eventLog.tell(new EventLog.Record(e, null));
    }

    private void logWorkers() {
        Map<String, Integer> byNode = new TreeMap<>();
        for (ActorRef<Worker.Command> w : workers) {
            byNode.merge(nodeOf(w), 1, Integer::sum);
        }
        log(new RunEvent.WorkersChanged(settings.runId(), now(), workers.size(), byNode));
    }

    private String nodeOf(ActorRef<?> ref) {
        Address a = ref.path().address();
        return a.hasLocalScope() ? "local" : a.hostPort();
    }

    private static long now() {
        return System.currentTimeMillis();
    }
}
