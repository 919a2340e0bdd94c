package org.chemotaxis.runtime;

import org.chemotaxis.train.RunJob;
import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import akka.actor.typed.receptionist.Receptionist;
import akka.actor.typed.receptionist.ServiceKey;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.chemotaxis.perturb.GradientEstimator;
import org.chemotaxis.perturb.StepKey;
import org.chemotaxis.task.Evaluator;
import org.chemotaxis.task.Sample;

/**
 * Computes perturbation tasks. Stateless apart from the current job and the current step's
 * parameters: given a task it regenerates the perturbations from (seed, step, index), runs the
 * forward passes and returns only scalars. Registers with the Receptionist so that a coordinator
 * anywhere in the cluster finds it; after each result it implicitly asks for more (pull).
 */
public final class Worker extends AbstractBehavior<Worker.Command> {

    /** Every worker, local or remote, registers under this key. */
    public static final ServiceKey<Command> SERVICE_KEY = ServiceKey.create(Command.class, "chemotaxis-worker");

    public sealed interface Command extends CborSerializable {
    }

    /** A coordinator offers a run and names this worker {@code id} in it: build the run, then ask for work. */
    public record Offer(JobSpec job, int id, ActorRef<Coordinator.Command> coordinator) implements Command {
    }

    /**
     * The parameters and sample of one step, and the scale of the estimator's search distribution
     * (empty unless it adapts: PGPE's and SNES's sigma per parameter, CMA-ES's sigma B D); sent
     * once per step before the step's first task to this worker.
     */
    public record Weights(long run, long seed, long step, double[] theta, Sample sample, double[] scale)
            implements Command {
    }

    /**
     * Compute perturbation indices [from, to) of a step. Sent for every task, so its wire names
     * are one letter: run, step, task, from, until.
     */
    public record Assign(@JsonProperty("r") long run, @JsonProperty("s") long step, @JsonProperty("t") int taskId,
                         @JsonProperty("f") int from, @JsonProperty("u") int to) implements Command {
    }

    /** The run is over: stop. */
    public enum Stop implements Command { INSTANCE }

    private final JobFactory factory;
    private final String build;
    private final Runnable onRunEnded;
    private final java.util.function.Consumer<String> onDeclined;
    private long run;
    private String runId;
    /** {@link JobSpec#fingerprint()} of the job built: a new one (other run, other config) is built afresh. */
    private String jobFingerprint;
    private int id;
    private RunJob job;
    private Evaluator evaluator;
    private ActorRef<Coordinator.Command> coordinator;
    private long weightsStep = -1;
    private long seed;
    private double[] theta;
    /** The run's estimator at the current step's scale. */
    private GradientEstimator stepEstimator;

    private Worker(ActorContext<Command> context, JobFactory factory, String build, Runnable onRunEnded,
                   java.util.function.Consumer<String> onDeclined) {
        super(context);
        this.factory = factory;
        this.build = build;
        this.onRunEnded = onRunEnded;
        this.onDeclined = onDeclined;
        context.getSystem().receptionist().tell(Receptionist.register(SERVICE_KEY, context.getSelf()));
    }

    public static Behavior<Command> create(JobFactory factory) {
        return create(factory, () -> { });
    }

    /**
     * @param onRunEnded called when the coordinator says the run is over, before the worker stops
     *                   (its stop may take a moment to reach the coordinator; the run's end does not)
     */
    public static Behavior<Command> create(JobFactory factory, Runnable onRunEnded) {
        return create(factory, onRunEnded, reason -> { });
    }

    /**
     * @param onDeclined called with the reason when this worker cannot build a run it was offered
     *                   (the coordinator hears it too and never offers it again)
     */
    public static Behavior<Command> create(JobFactory factory, Runnable onRunEnded,
                                           java.util.function.Consumer<String> onDeclined) {
        return create(factory, CodeFingerprint.current(), onRunEnded, onDeclined);
    }

    /**
     * @param build this worker's {@link CodeFingerprint}: it refuses a job offered by another build
     *              (a decline, said in one line on both sides)
     */
    public static Behavior<Command> create(JobFactory factory, String build, Runnable onRunEnded,
                                           java.util.function.Consumer<String> onDeclined) {
        return Behaviors.setup(ctx -> new Worker(ctx, factory, build, onRunEnded, onDeclined));
    }

    /** Why a worker of build {@code here} refuses a job of build {@code trainer}, in one line both sides log. */
    static String otherBuild(String here, String trainer) {
        return "another build: this worker's code is " + CodeFingerprint.shortForm(here) + ", the trainer's is "
                + CodeFingerprint.shortForm(trainer) + " (their numbers could differ in the last bits); "
                + "run the trainer's build on this node";
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Offer.class, this::onOffer)
                .onMessage(Weights.class, this::onWeights)
                .onMessage(Assign.class, this::onAssign)
                .onMessageEquals(Stop.INSTANCE, () -> {
                    onRunEnded.run();
                    return Behaviors.stopped();
                })
                .build();
    }

    private Behavior<Command> onOffer(Offer offer) {
        if (!build.equals(offer.job().codeSha256())) {
            String reason = otherBuild(build, offer.job().codeSha256());
            getContext().getLog().error("refuses run {}: {}", offer.job().runId(), reason);
            offer.coordinator().tell(new Coordinator.Declined(offer.id(), reason));
            onDeclined.accept("refused run " + offer.job().runId() + ": " + reason);
            return this;
        }
        String fingerprint = offer.job().fingerprint();
        if (!fingerprint.equals(jobFingerprint)) {
            try {
                job = factory.build(offer.job());
            } catch (RuntimeException e) {
                getContext().getLog().error("declines run {}: {}", offer.job().runId(), e.getMessage());
                offer.coordinator().tell(new Coordinator.Declined(offer.id(), String.valueOf(e.getMessage())));
                onDeclined.accept("declined run " + offer.job().runId() + ": " + e.getMessage());
                return this;
            }
            runId = offer.job().runId();
            run = offer.job().run();
            jobFingerprint = fingerprint;
            evaluator = job.objective().newEvaluator();
            weightsStep = -1;
            theta = null;
            stepEstimator = null;
            // On a worker node the one sign that it was given the run; beside the trainer, noise.
            String line = getContext().getSelf().path().name() + " takes part in run " + runId + " as worker "
                    + offer.id();
            if (offer.coordinator().path().address().hasLocalScope()) {
                getContext().getLog().debug(line);
            } else {
                getContext().getLog().info(line);
            }
        }
        coordinator = offer.coordinator();
        id = offer.id();
        coordinator.tell(new Coordinator.WorkRequest(id, getContext().getSelf()));
        return this;
    }

    private Behavior<Command> onWeights(Weights w) {
        if (runId != null && w.run() == run) {
            theta = w.theta();
            stepEstimator = job.estimator().atScale(w.scale());
            seed = w.seed();
            weightsStep = w.step();
            evaluator.select(w.sample());
        }
        return this;
    }

    private Behavior<Command> onAssign(Assign a) {
        if (runId == null || a.run() != run || coordinator == null) {
            return this;
        }
        if (a.step() != weightsStep) {
            coordinator.tell(new Coordinator.TaskFailed(run, a.step(), a.taskId(), id,
                    "worker has the parameters of step " + weightsStep + ", not " + a.step()));
            return this;
        }
        double[] out = new double[(a.to() - a.from()) * stepEstimator.valuesPerIndex()];
        try {
            stepEstimator.evaluate(evaluator, theta, new StepKey(seed, a.step()), a.from(), a.to(), out);
        } catch (RuntimeException e) {
            getContext().getLog().warn("task {} of step {} failed: {}", a.taskId(), a.step(), e.toString());
            coordinator.tell(new Coordinator.TaskFailed(run, a.step(), a.taskId(), id, e.toString()));
            return this;
        }
        coordinator.tell(new Coordinator.TaskDone(run, a.step(), a.taskId(), id, out));
        return this;
    }
}
