package org.chemotaxis.runtime;

import akka.actor.Address;
import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import akka.actor.typed.receptionist.Receptionist;
import akka.cluster.ClusterEvent;
import akka.cluster.Member;
import akka.cluster.UniqueAddress;
import akka.cluster.typed.Cluster;
import akka.cluster.typed.Subscribe;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.DoubleUnaryOperator;
import org.chemotaxis.report.ParameterHash;
import org.chemotaxis.train.EarlyStoppingRule;
import org.chemotaxis.train.EpochTally;
import org.chemotaxis.train.NonFiniteLossException;
import org.chemotaxis.train.RunRecorder;
import org.chemotaxis.train.Speculation;
import org.chemotaxis.train.StepFailedException;
import org.chemotaxis.train.StepOutcome;
import org.chemotaxis.train.StepPlan;
import org.chemotaxis.train.StepScheduler;
import org.chemotaxis.train.TaskRange;
import org.chemotaxis.train.TaskSizing;
import org.chemotaxis.train.Training;

/**
 * Owns one training run: parameters, optimizer, data cursor, estimator (all inside
 * {@link Training}). It carries messages between the workers and a {@link StepScheduler}, which
 * decides who computes which task of a step (pull: a fast worker takes more; retries, requeues,
 * idempotent results), and lets Training update once the scheduler has every value in index
 * order. Each epoch it validates, asks EarlyStopping for a verdict, checkpoints and reports to the
 * EventLog.
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

    /** Worker {@code id} cannot take part in the run; it gets no work and no second offer. */
    public record Declined(int id, String reason) implements Command {
    }

    /** A task that threw; the worker is free again. */
    public record TaskFailed(long run, long step, int taskId, int worker, String error) implements Command {
    }

    /** Stop after the current epoch's checkpoint, as if the JVM were stopped there (resume continues). */
    public enum StopAfterEpoch implements Command { INSTANCE }

    /** The run's event files cannot be written (a full disk): the run fails with this reason. */
    record EventsUnwritable(String reason) implements Command {
    }

    /** The EventLog's answer to the last event of an epoch. */
    private record EpochRecorded(String failure) implements Command {
    }

    private record WorkersListed(Receptionist.Listing listing) implements Command {
    }

    private record WorkerGone(ActorRef<Worker.Command> worker) implements Command {
    }

    private record VerdictReached(EarlyStoppingRule.Verdict verdict) implements Command {
    }

    private record Reachability(ClusterEvent.ReachabilityEvent event) implements Command {
    }

    private record NodeDowned(ClusterEvent.MemberDowned event) implements Command {
    }

    private record NodeRemoved(ClusterEvent.MemberRemoved event) implements Command {
    }

    private record Logged(String failure) implements Command {
    }

    private enum StopWaitOver implements Command { INSTANCE }

    private enum NextStep implements Command { INSTANCE }

    private enum NoWorkersCheck implements Command { INSTANCE }

    /** Config key of how long a step may wait without any usable worker before the trainer says so. */
    static final String NO_WORKER_WARNING = "chemotaxis.no-worker-warning";

    /** A running task may have become old enough to be copied to an idle worker (speculative execution). */
    private enum SpeculationDue implements Command { INSTANCE }

    /** The worker with this id may still not have answered its offer. */
    private record OfferUnanswered(int id) implements Command {
    }

    /**
     * Config key of how long an offered worker may take to ask for work before it is offered the
     * run again (the offer or the answer can be lost when a node has just joined).
     */
    static final String OFFER_RETRY = "chemotaxis.offer-retry";

    /** How the run is driven. {@code taskSize} 0 = automatic (about four tasks per worker per step). */
    public record Settings(String runId, String name, String runDir, long epochs, int taskSize, int maxAttempts,
                           String metricName, DoubleUnaryOperator lossToMetric, String modelName, String optimizerName) {
    }

    /** How long the end of a run waits for the workers to stop. */
    static final java.time.Duration STOP_WAIT = java.time.Duration.ofSeconds(5);

    private final Settings settings;
    private final Training training;
    private final RunRecorder recorder;
    private final JobSpec job;
    private final ActorRef<EventLog.Command> eventLog;
    private final ActorRef<EarlyStopping.Command> earlyStopping;
    private final CompletableFuture<RunOutcome> outcome;

    private final StepScheduler<ActorRef<Worker.Command>> scheduler;
    private final WakeUp<Command> speculationDue;
    private final EpochTally tally = new EpochTally();
    /** Workers that declined the run: never offered it again. */
    private final Set<ActorRef<Worker.Command>> declined = new HashSet<>();
    /** Workers of downed nodes: the Receptionist lists them until their node is removed, but they are gone. */
    private final Set<ActorRef<Worker.Command>> departed = new HashSet<>();
    /**
     * Which incarnation of a node (host:port) made it unreachable. The scheduler keeps no work
     * from the node's address until that incarnation is reachable again or gone for good (downed,
     * removed): a node that comes back at the same host and port after dying is a new incarnation
     * that must get work, although the dead one never became reachable.
     */
    private final java.util.Map<String, UniqueAddress> unreachableIncarnation = new java.util.HashMap<>();
    /**
     * Workers offered the run that have not asked for work yet, by id: only their first request
     * counts (an offer sent again must not make a busy worker look idle).
     */
    private final Set<Integer> unanswered = new HashSet<>();
    private final java.time.Duration offerRetry;

    private StepPlan plan;
    private double[] planTheta;
    private double stepLoss;
    private double validationLoss;
    private boolean stopRequested;
    /** Early stopping's verdict on the epoch whose events are being written. */
    private boolean stopVerdict;
    /** Set once the run is over (finished, interrupted or failed); the workers are being stopped. */
    private RunOutcome result;
    private final long startNanos = System.nanoTime();
    /** How long without a usable worker until a warning; since when there has been none (-1: there is one). */
    private final java.time.Duration noWorkerWarning;
    private long noWorkersSince = -1;
    private String lastDecline;

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
        this.scheduler = new StepScheduler<>(job.run(), settings.maxAttempts(), Speculation.DEFAULT, System::nanoTime);
        this.speculationDue = new WakeUp<>(context, SpeculationDue.INSTANCE);
        com.typesafe.config.Config conf = context.getSystem().settings().config();
        this.noWorkerWarning = conf.hasPath(NO_WORKER_WARNING) ? conf.getDuration(NO_WORKER_WARNING)
                : java.time.Duration.ofSeconds(30);
        context.scheduleOnce(noWorkerWarning, context.getSelf(), NoWorkersCheck.INSTANCE);
        this.offerRetry = conf.hasPath(OFFER_RETRY) ? conf.getDuration(OFFER_RETRY) : java.time.Duration.ofSeconds(15);
        ActorRef<Receptionist.Listing> listingAdapter = context.messageAdapter(Receptionist.Listing.class, WorkersListed::new);
        context.getSystem().receptionist().tell(Receptionist.subscribe(Worker.SERVICE_KEY, listingAdapter));
        if (ClusterSetup.isCluster(context.getSystem())) {
            ActorRef<ClusterEvent.ReachabilityEvent> reach =
                    context.messageAdapter(ClusterEvent.ReachabilityEvent.class, Reachability::new);
            Cluster.get(context.getSystem()).subscriptions().tell(Subscribe.create(reach, ClusterEvent.ReachabilityEvent.class));
            ActorRef<ClusterEvent.MemberDowned> downed =
                    context.messageAdapter(ClusterEvent.MemberDowned.class, NodeDowned::new);
            Cluster.get(context.getSystem()).subscriptions().tell(Subscribe.create(downed, ClusterEvent.MemberDowned.class));
            ActorRef<ClusterEvent.MemberRemoved> removed =
                    context.messageAdapter(ClusterEvent.MemberRemoved.class, NodeRemoved::new);
            Cluster.get(context.getSystem()).subscriptions().tell(Subscribe.create(removed, ClusterEvent.MemberRemoved.class));
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
                .onMessage(OfferUnanswered.class, this::onOfferUnanswered)
                .onMessage(TaskDone.class, this::onTaskDone)
                .onMessage(TaskFailed.class, this::onTaskFailed)
                .onMessage(Declined.class, this::onDeclined)
                .onMessage(VerdictReached.class, this::onVerdict)
                .onMessage(Reachability.class, this::onReachability)
                .onMessage(NodeDowned.class, this::onNodeDowned)
                .onMessage(NodeRemoved.class, m -> {
                    if (clearUnreachableMark(m.event().member()) && result == null) {
                        dispatch();
                    }
                    return this;
                })
                .onMessage(Logged.class, this::onLogged)
                .onMessage(EpochRecorded.class, this::onEpochRecorded)
                .onMessage(EventsUnwritable.class, m -> {
                    failRun(m.reason());
                    return this;
                })
                .onMessageEquals(StopWaitOver.INSTANCE, this::onStopWaitOver)
                .onMessageEquals(NextStep.INSTANCE, this::onNextStep)
                .onMessageEquals(SpeculationDue.INSTANCE, this::onSpeculationDue)
                .onMessageEquals(StopAfterEpoch.INSTANCE, this::onStopRequest)
                .onMessageEquals(NoWorkersCheck.INSTANCE, this::onNoWorkersCheck)
                .build();
    }

    private void start() {
        log(new RunEvent.RunStarted(settings.runId(), now(), settings.name(), settings.runDir(), training.parameterCount(),
                settings.modelName(), training.estimator().name(), settings.optimizerName(), settings.epochs(),
                training.stepsPerEpoch(), training.epochsDone(), scheduler.workerCount(), job.configYaml()));
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
            if (!scheduler.knows(w) && !declined.contains(w) && !departed.contains(w)) {
                getContext().watchWith(w, new WorkerGone(w));
                offer(w, scheduler.join(w, nodeOf(w)));
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
        if (!scheduler.knows(w)) {
            return this;
        }
        Optional<TaskRange> requeued = scheduler.leave(w);
        if (result != null) {
            // the run is over: this is a worker confirming its stop
            if (scheduler.workerCount() == 0) {
                complete();
            }
            return next();
        }
        requeued.ifPresent(t -> getContext().getLog().debug("worker {} left during task {} of step {}: handing it out again",
                w, t.id(), plan.step()));
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
        Member member = msg.event().member();
        Address node = member.address();
        if (msg.event() instanceof ClusterEvent.UnreachableMember) {
            unreachableIncarnation.put(nodeOf(node), member.uniqueAddress());
            int requeued = scheduler.nodeUnreachable(nodeOf(node));
            log(new RunEvent.NodeUnreachable(settings.runId(), now(), node.hostPort(), training.step(), requeued));
        } else if (msg.event() instanceof ClusterEvent.ReachableMember) {
            clearUnreachableMark(member);
            getContext().getLog().info("node {} is reachable again", node);
        }
        dispatch();
        return this;
    }

    /**
     * This incarnation of a node is reachable again, or gone for good (downed or removed): if it
     * was the one that made its address unreachable, the address gets work again (a gone
     * incarnation's workers are not among those that ask: they left when it was downed, or when
     * their actors' termination was seen, so the work goes to the node's next incarnation).
     *
     * @return whether the mark was this incarnation's and is cleared (then work can be dispatched)
     */
    private boolean clearUnreachableMark(Member member) {
        String node = nodeOf(member.address());
        if (!member.uniqueAddress().equals(unreachableIncarnation.get(node))) {
            return false;
        }
        unreachableIncarnation.remove(node);
        scheduler.nodeReachable(node);
        return true;
    }

    /**
     * A downed node (by the Split Brain Resolver after it was unreachable for a while, or by hand)
     * never answers again: its workers leave now rather than when the node is finally removed, so
     * that the worker count is true at once and a new incarnation of the node can take their place.
     */
    private Behavior<Command> onNodeDowned(NodeDowned msg) {
        Member member = msg.event().member();
        if (member.uniqueAddress().equals(Cluster.get(getContext().getSystem()).selfMember().uniqueAddress())) {
            failRun(downedHere(settings.runDir()));
            return this;
        }
        String node = nodeOf(member.address());
        java.util.List<ActorRef<Worker.Command>> gone = scheduler.workers().stream()
                .filter(w -> node.equals(scheduler.nodeOf(w))).toList();
        gone.forEach(scheduler::leave);
        departed.addAll(gone);
        boolean freed = clearUnreachableMark(member);
        if (gone.isEmpty()) {
            if (freed && result == null) {
                dispatch();
            }
            return this;
        }
        if (result != null) {
            if (scheduler.workerCount() == 0) {
                complete();
            }
            return next();
        }
        getContext().getLog().info("node {} was downed: its {} worker(s) left", node, gone.size());
        logWorkers();
        dispatch();
        return this;
    }

    private Behavior<Command> onDeclined(Declined msg) {
        ActorRef<Worker.Command> w = scheduler.worker(msg.id());
        if (w == null || result != null) {
            return this;
        }
        declined.add(w);
        lastDecline = nodeOf(w) + ": " + msg.reason();
        scheduler.leave(w);
        log(new RunEvent.WorkerDeclined(settings.runId(), now(), nodeOf(w), msg.reason()));
        logWorkers();
        dispatch();
        return this;
    }

    private void offer(ActorRef<Worker.Command> w, int id) {
        unanswered.add(id);
        w.tell(new Worker.Offer(job, id, getContext().getSelf()));
        getContext().scheduleOnce(offerRetry, getContext().getSelf(), new OfferUnanswered(id));
    }

    /**
     * A worker that has not asked for work since its offer (the offer or the request lost, as
     * can happen while a node's connections are still being set up) is offered the run again,
     * until it answers, declines or leaves; a worker that got the first offer only rebuilds
     * nothing and asks again.
     */
    private Behavior<Command> onOfferUnanswered(OfferUnanswered msg) {
        ActorRef<Worker.Command> w = scheduler.worker(msg.id());
        if (result != null || w == null || !unanswered.contains(msg.id())) {
            return this;
        }
        getContext().getLog().info("worker {} on {} has not asked for work {} s after it was offered the run: "
                + "offering it again", msg.id(), nodeOf(w), offerRetry.toMillis() / 1000.0);
        offer(w, msg.id());
        return this;
    }

    private Behavior<Command> onWorkRequest(WorkRequest msg) {
        if (!unanswered.remove(msg.id())) {
            return this; // the answer to an offer sent again: the worker asked already
        }
        scheduler.free(msg.id());
        dispatch();
        return this;
    }

    private void dispatch() {
        for (StepScheduler.Assignment<ActorRef<Worker.Command>> a : scheduler.dispatch()) {
            if (a.needsWeights()) {
                a.worker().tell(new Worker.Weights(job.run(), plan.key().seed(), plan.step(), planTheta, plan.sample(),
                        plan.scale()));
            }
            a.worker().tell(new Worker.Assign(job.run(), plan.step(), a.task().id(), a.task().from(), a.task().to()));
            if (a.speculative()) {
                tally.speculated();
            }
        }
        scheduler.nextSpeculationNanos().ifPresent(speculationDue::at);
    }

    private Behavior<Command> onSpeculationDue() {
        speculationDue.fired();
        if (result == null) {
            dispatch();
        }
        return this;
    }

    // ---------------------------------------------------------------- steps

    private void beginStep() {
        int n = training.estimator().indexCount(training.parameterCount());
        plan = training.planStep(TaskSizing.taskSize(settings.taskSize(), n, scheduler.workerCount()));
        planTheta = training.theta();
        scheduler.beginStep(plan);
        tally.stepBegins(System.nanoTime());
        dispatch();
        // The unperturbed loss is measured here while the workers compute the perturbations.
        try {
            stepLoss = training.measure(plan);
        } catch (RuntimeException e) {
            failRun("the unperturbed loss of step " + plan.step() + " failed: " + e);
            return;
        }
        completeOrDispatch();
    }

    private Behavior<Command> onTaskDone(TaskDone msg) {
        ActorRef<Worker.Command> worker = scheduler.worker(msg.worker());
        try {
            if (scheduler.taskDone(msg.run(), msg.step(), msg.taskId(), msg.worker(), msg.values())) {
                tally.taskDone(scheduler.nodeOf(worker));
            }
        } catch (StepFailedException e) {
            failRun(e.getMessage());
            return this;
        }
        completeOrDispatch();
        return this;
    }

    private Behavior<Command> onTaskFailed(TaskFailed msg) {
        ActorRef<Worker.Command> worker = scheduler.worker(msg.worker());
        int tries;
        try {
            tries = scheduler.taskFailed(msg.run(), msg.step(), msg.taskId(), msg.worker(), msg.error());
        } catch (StepFailedException e) {
            failRun(e.getMessage());
            return this;
        }
        if (tries > 0) {
            getContext().getLog().warn("task {} of step {} failed on {} (attempt {} of {}): {}; retrying",
                    msg.taskId(), msg.step(), worker.path(), tries, settings.maxAttempts(), msg.error());
        }
        dispatch();
        return this;
    }

    private void completeOrDispatch() {
        scheduler.takeCompleted().ifPresentOrElse(this::completeStep, this::dispatch);
    }

    private void completeStep(double[] values) {
        StepOutcome o;
        try {
            o = training.completeStep(plan, stepLoss, values);
        } catch (NonFiniteLossException e) {
            failRun(e.getMessage());
            return;
        }
        tally.stepDone(o);
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
        if (result == null) {
            beginStep();
        }
        return this;
    }

    // ---------------------------------------------------------------- epochs

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

    /**
     * The end of an epoch, in the order that keeps the run folder resumable whichever write fails
     * (a full disk): first the checkpoint, the commit point, which also holds the epoch's
     * EpochEnded event; then the best model; then the epoch's events, metrics row and scalars.
     * The next epoch begins only once the EventLog says they are written, so the files never fall
     * more than this one epoch behind the checkpoint, and a resume completes that one from it.
     */
    private Behavior<Command> onVerdict(VerdictReached msg) {
        if (result != null) {
            // the run failed while the verdict was on its way: no checkpoint after a failure
            return this;
        }
        EarlyStoppingRule.Verdict v = msg.verdict();
        training.applyVerdict(v);
        stopVerdict = v.stop();
        long epoch = training.epochsDone() - 1;
        double seconds = tally.secondsUntil(System.nanoTime());
        RunEvent.EpochEnded ended = new RunEvent.EpochEnded(settings.runId(), now(), epoch, tally.meanLoss(),
                validationLoss, settings.metricName(), settings.lossToMetric().applyAsDouble(validationLoss),
                tally.steps(), (long) tally.steps() * training.passesPerStep(), seconds, scheduler.workerCount(),
                tally.learningRate(), v.improved(), tally.tasksByNode(), training.trainingEpisodes(),
                training.validationEpisodes(), tally.speculativeTasks());
        tally.reset();
        String path;
        try {
            path = recorder.checkpoint(training.exportState(), training.epochsDone(), EventLog.toJson(ended));
            if (v.improved()) {
                // So that a long run's best model can be evaluated while the run goes on.
                EarlyStoppingRule.State best = training.stopping();
                recorder.model(training.bestTheta(), best.bestEpoch(), best.bestLoss());
            }
        } catch (UncheckedIOException e) {
            failRun(e.getMessage());
            return this;
        }
        log(ended);
        ActorRef<EventLog.Recorded> ack = getContext().messageAdapter(EventLog.Recorded.class,
                r -> new EpochRecorded(r.failure()));
        eventLog.tell(new EventLog.Record(new RunEvent.Checkpointed(settings.runId(), now(), epoch, training.step(), path),
                ack));
        return this;
    }

    private Behavior<Command> onEpochRecorded(EpochRecorded msg) {
        if (result != null) {
            return this;
        }
        if (msg.failure() != null) {
            failRun(msg.failure());
            return this;
        }
        long epoch = training.epochsDone() - 1;
        EarlyStoppingRule.State s = training.stopping();
        if (!Double.isFinite(validationLoss)) {
            failRun(new NonFiniteLossException("validation loss", validationLoss, epoch, training.step()).getMessage());
        } else if (stopVerdict) {
            log(new RunEvent.EarlyStopped(settings.runId(), now(), epoch, s.bestEpoch(), s.bestLoss(),
                    s.epochsWithoutImprovement()));
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

    /**
     * A run whose workers all declined it, or that has none yet, would wait in silence: every
     * {@link #NO_WORKER_WARNING} without a usable worker it says so, with the last decline's reason.
     */
    private Behavior<Command> onNoWorkersCheck() {
        if (result != null) {
            return this;
        }
        long now = System.nanoTime();
        if (scheduler.workerCount() > 0) {
            noWorkersSince = -1;
        } else if (noWorkersSince < 0) {
            noWorkersSince = now;
        } else {
            long seconds = Math.round((now - noWorkersSince) / 1e9);
            getContext().getLog().warn("no usable worker for {} s: the run waits at step {} for a worker to join"
                    + " (bin/chemotaxis worker --join HOST:PORT){}", seconds, training.step(),
                    lastDecline == null ? "" : "; the last one declined the run on " + lastDecline);
        }
        getContext().scheduleOnce(noWorkerWarning, getContext().getSelf(), NoWorkersCheck.INSTANCE);
        return this;
    }

    private Behavior<Command> onStopRequest() {
        stopRequested = true;
        return this;
    }

    // ---------------------------------------------------------------- endings

    private void finish() {
        EarlyStoppingRule.State s = training.stopping();
        double[] best = training.bestTheta();
        String modelPath;
        try {
            modelPath = recorder.model(best, s.bestEpoch(), s.bestLoss());
        } catch (UncheckedIOException e) {
            failRun(e.getMessage());
            return;
        }
        String sha = ParameterHash.sha256(best);
        String lastSha = ParameterHash.sha256(training.theta());
        // every step costs the same passes, so the count covers the steps before a resume too
        RunEvent.RunFinished event = new RunEvent.RunFinished(settings.runId(), now(), training.epochsDone(), training.step(),
                training.step() * training.passesPerStep(), (System.nanoTime() - startNanos) / 1e9, s.bestEpoch(), s.bestLoss(), sha, lastSha, modelPath);
        end(event, new RunOutcome(RunOutcome.Status.FINISHED, training.epochsDone(), training.step(), sha, lastSha, null));
    }

    private void interrupt() {
        String reason = "stopped on request after epoch " + training.epochsDone();
        end(new RunEvent.Interrupted(settings.runId(), now(), training.epochsDone(), training.step(), reason),
                new RunOutcome(RunOutcome.Status.INTERRUPTED, training.epochsDone(), training.step(),
                        null, ParameterHash.sha256(training.theta()), reason));
    }

    /**
     * Why a trainer whose own node was downed stops: the other nodes can no longer be its workers
     * (Akka never lets a downed node back in), and the checkpoint of the last whole epoch is
     * intact, so a resume continues the run.
     */
    static String downedHere(Object runDir) {
        return "this trainer's node was downed from the cluster (the other nodes found it unreachable: a long "
                + "pause, a network cut or starved cores); the run folder is intact: continue with "
                + "train --resume " + runDir;
    }

    private void failRun(String reason) {
        if (result != null) {
            return;
        }
        scheduler.abandonStep();
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
        ActorRef<EventLog.Recorded> ack = getContext().messageAdapter(EventLog.Recorded.class,
                r -> new Logged(r.failure()));
        eventLog.tell(new EventLog.Record(last, ack));
    }

    /**
     * The last event is written, or cannot be: a run whose end is not on record has not ended
     * well (a resume writes it), so it fails with that reason, unless it failed already.
     */
    private Behavior<Command> onLogged(Logged msg) {
        if (msg.failure() != null && result.status() != RunOutcome.Status.FAILED) {
            result = new RunOutcome(RunOutcome.Status.FAILED, result.epochs(), result.steps(), null, null, msg.failure());
        }
        stopWorkers();
        return next();
    }

    private void stopWorkers() {
        for (ActorRef<Worker.Command> w : scheduler.workers()) {
            w.tell(Worker.Stop.INSTANCE);
        }
        // Those that declined hear the end too, so that their nodes end as quietly as the others.
        for (ActorRef<Worker.Command> w : declined) {
            w.tell(Worker.Stop.INSTANCE);
        }
        if (scheduler.workerCount() == 0) {
            complete();
        } else {
            getContext().scheduleOnce(STOP_WAIT, getContext().getSelf(), StopWaitOver.INSTANCE);
        }
    }

    private Behavior<Command> onStopWaitOver() {
        if (!outcome.isDone()) {
            getContext().getLog().warn("{} worker(s) did not confirm the end within {} s", scheduler.workerCount(),
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
        for (ActorRef<Worker.Command> w : scheduler.workers()) {
            byNode.merge(scheduler.nodeOf(w), 1, Integer::sum);
        }
        log(new RunEvent.WorkersChanged(settings.runId(), now(), scheduler.workerCount(), byNode));
    }

    private static String nodeOf(ActorRef<?> ref) {
        return nodeOf(ref.path().address());
    }

    /** A remote node by host:port (a cluster member and the workers on it agree on it), this JVM as "local". */
    private static String nodeOf(Address a) {
        return a.hasLocalScope() ? "local" : a.hostPort();
    }

    private static long now() {
        return System.currentTimeMillis();
    }
}
