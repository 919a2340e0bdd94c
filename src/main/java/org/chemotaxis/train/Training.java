package org.chemotaxis.train;

import java.util.List;
import java.util.function.LongToDoubleFunction;
import org.chemotaxis.optim.GradientClipping;
import org.chemotaxis.optim.Optimizer;
import org.chemotaxis.perturb.EstimatorState;
import org.chemotaxis.perturb.GradientEstimator;
import org.chemotaxis.perturb.StepKey;
import org.chemotaxis.task.Evaluator;
import org.chemotaxis.task.Objective;
import org.chemotaxis.task.Sample;

/**
 * The training state machine that a coordinator owns: parameters, optimizer, the estimator's
 * adaptive state, the step counter and early-stopping memory. It plans each step's perturbation
 * tasks and, given their values in index order, finishes the step. It never evaluates
 * perturbations itself, so the same object serves the single-threaded loop ({@link Trainer}) and
 * the actor runtime, which is why the two give bit-identical parameters. Not thread-safe.
 *
 * <p>A step ends in one of two ways. A gradient estimator's values reduce to a gradient, which is
 * clipped and handed to the optimizer. A search distribution that moves its mean itself (SNES,
 * CMA-ES: {@link GradientEstimator#takesOwnStep}) reduces them to that step, and theta moves by
 * it. Either way the estimator then adapts its state (PGPE's, SNES's, CMA-ES's) from the same values.
 */
public final class Training {

    private final Objective objective;
    private final GradientEstimator estimator;
    private final Optimizer optimizer;
    private final LongToDoubleFunction learningRate;
    private final SampleSource samples;
    private final double clipNorm;
    private final long seed;
    private final EarlyStoppingRule stopRule;
    private final Evaluator evaluator;
    private final Objective validation;
    private final Evaluator validator;
    private final double[] theta;
    private final double[] grad;
    private double[] bestTheta;
    /** The estimator's adaptive state ({@link EstimatorState#NONE} when its distribution does not adapt). */
    private EstimatorState search;
    private EarlyStoppingRule.State stopping = EarlyStoppingRule.State.initial();
    private long step;

    public Training(Objective objective, GradientEstimator estimator, Optimizer optimizer,
                    LongToDoubleFunction learningRate, SampleSource samples, double clipNorm, long seed,
                    EarlyStoppingRule stopRule, double[] initialTheta) {
        this(objective, estimator, optimizer, learningRate, samples, clipNorm, seed, stopRule, initialTheta, objective);
    }

    /**
     * A training whose validation loss is measured on {@code validation}, an objective over the same
     * parameters (e.g. the same problem in the world of the test rather than the coarser training world).
     */
    public Training(Objective objective, GradientEstimator estimator, Optimizer optimizer,
                    LongToDoubleFunction learningRate, SampleSource samples, double clipNorm, long seed,
                    EarlyStoppingRule stopRule, double[] initialTheta, Objective validation) {
        if (validation.parameterCount() != objective.parameterCount()) {
            throw new IllegalArgumentException("the validation objective has " + validation.parameterCount()
                    + " parameters, but the training objective has " + objective.parameterCount());
        }
        if (initialTheta.length != objective.parameterCount()) {
            throw new IllegalArgumentException("initial parameters have length " + initialTheta.length
                    + ", but the objective has " + objective.parameterCount());
        }
        if (estimator.needsGradient() && !objective.supportsGradient()) {
            throw new IllegalArgumentException("the " + estimator.name()
                    + " estimator needs a differentiable objective; this one is not");
        }
        if (estimator.needsNodeNoise() && !objective.supportsNodeNoise()) {
            throw new IllegalArgumentException("the " + estimator.name()
                    + " estimator needs an objective with node noise; this one has none");
        }
        this.objective = objective;
        this.estimator = estimator;
        this.optimizer = optimizer;
        this.learningRate = learningRate;
        this.samples = samples;
        this.clipNorm = clipNorm;
        this.seed = seed;
        this.stopRule = stopRule;
        this.evaluator = objective.newEvaluator();
        this.validation = validation;
        this.validator = validation == objective ? evaluator : validation.newEvaluator();
        this.theta = initialTheta.clone();
        this.grad = new double[theta.length];
        this.bestTheta = initialTheta.clone();
        this.search = estimator.initialState(theta.length);
    }

    public Objective objective() {
        return objective;
    }

    public GradientEstimator estimator() {
        return estimator;
    }

    public int parameterCount() {
        return theta.length;
    }

    public int stepsPerEpoch() {
        return samples.stepsPerEpoch();
    }

    /** Optimizer steps completed so far. */
    public long step() {
        return step;
    }

    /** Epochs completed so far. */
    public long epochsDone() {
        return step / samples.stepsPerEpoch();
    }

    /** True right after the last step of an epoch. */
    public boolean atEpochEnd() {
        return step > 0 && step % samples.stepsPerEpoch() == 0;
    }

    /** A copy of the current parameters. */
    public double[] theta() {
        return theta.clone();
    }

    /** A copy of the parameters of the best validation epoch so far (the initial ones before any). */
    public double[] bestTheta() {
        return bestTheta.clone();
    }

    public EarlyStoppingRule.State stopping() {
        return stopping;
    }

    /** The next step's work, with its perturbation indices cut into tasks of at most {@code taskSize}. */
    public StepPlan planStep(int taskSize) {
        long epoch = step / samples.stepsPerEpoch();
        int batch = (int) (step % samples.stepsPerEpoch());
        Sample sample = samples.train(epoch, batch);
        int n = estimator.indexCount(theta.length);
        List<TaskRange> tasks = TaskPartition.split(n, taskSize);
        return new StepPlan(new StepKey(seed, step), epoch, batch, sample, n, estimator.valuesPerIndex(),
                estimator.scale(search), tasks);
    }

    /**
     * The unperturbed loss of the current parameters on the plan's sample. A coordinator calls
     * this while the workers compute the perturbations.
     */
    public double measure(StepPlan plan) {
        evaluator.select(plan.sample());
        return evaluator.loss(theta);
    }

    /** {@link #measure} then {@link #completeStep(StepPlan, double, double[])}. */
    public StepOutcome completeStep(StepPlan plan, double[] values) {
        return completeStep(plan, measure(plan), values);
    }

    /**
     * Finishes the planned step: reduces {@code values} (all indices, in index order) to the
     * gradient, clips it and lets the optimizer update theta, or, for an estimator that takes its
     * own step, moves theta by it; then the estimator adapts its state.
     *
     * @param loss the step's unperturbed loss, from {@link #measure}
     * @throws NonFiniteLossException when the loss, the gradient or the estimator's next state is NaN
     *                                or infinite (theta and the state are then left unchanged)
     */
    public StepOutcome completeStep(StepPlan plan, double loss, double[] values) {
        if (plan.step() != step) {
            throw new IllegalStateException("plan is for step " + plan.step() + ", but training is at step " + step);
        }
        if (values.length != plan.valueCount()) {
            throw new IllegalArgumentException("expected " + plan.valueCount() + " values, got " + values.length);
        }
        if (!Double.isFinite(loss)) {
            throw new NonFiniteLossException("training loss", loss, plan.epoch(), step);
        }
        evaluator.select(plan.sample());
        estimator.atScale(plan.scale()).reduce(evaluator, theta, plan.key(), loss, values, grad);
        for (double g : grad) {
            if (!Double.isFinite(g)) {
                throw new NonFiniteLossException("a gradient component", g, plan.epoch(), step);
            }
        }
        EstimatorState next = estimator.adapt(search, plan.key(), values);
        EstimatorState.Entry broken = next.firstNonFinite();
        if (broken != null) {
            throw new NonFiniteLossException("entry " + broken.index() + " of the " + estimator.name() + " state's "
                    + broken.buffer(), broken.value(), plan.epoch(), step);
        }
        StepOutcome outcome = estimator.takesOwnStep() ? ownStep(loss) : optimizerStep(loss);
        search = next;
        step++;
        return outcome;
    }

    /** theta moves by the clipped gradient through the optimizer at the scheduled learning rate. */
    private StepOutcome optimizerStep(double loss) {
        double lr = learningRate.applyAsDouble(step);
        double norm = GradientClipping.clipByGlobalNorm(grad, clipNorm);
        optimizer.step(theta, grad, lr);
        return new StepOutcome(step, loss, norm, lr);
    }

    /** theta (the distribution's mean) moves by minus the reduced vector, its whole step: the learning rate is 1. */
    private StepOutcome ownStep(double loss) {
        for (int i = 0; i < theta.length; i++) {
            theta[i] -= grad[i];
        }
        return new StepOutcome(step, loss, GradientClipping.norm(grad), 1.0);
    }

    /** Forward passes one step costs: the perturbations plus the unperturbed loss. */
    public long passesPerStep() {
        return (long) estimator.indexCount(theta.length) * estimator.passesPerIndex() + 1;
    }

    /**
     * Episodes (items: worm runs, sequences) the completed steps have run: every forward pass of a
     * step runs the step's sample. A function of the step counter, so a resumed run counts on.
     */
    public long trainingEpisodes() {
        int perEpoch = samples.stepsPerEpoch();
        long perPass = 0;
        long partial = 0;
        int done = (int) (step % perEpoch);
        for (int b = 0; b < perEpoch; b++) {
            int items = objective.itemsPerLoss(samples.train(0, b));
            perPass += items;
            if (b < done) {
                partial += items;
            }
        }
        return passesPerStep() * ((step / perEpoch) * perPass + partial);
    }

    /** Episodes the validations have run: one validation at the end of every completed epoch. */
    public long validationEpisodes() {
        return epochsDone() * validation.itemsPerLoss(samples.validation());
    }

    /** The loss of the current parameters on the validation sample (of the validation objective). */
    public double validationLoss() {
        validator.select(samples.validation());
        return validator.loss(theta);
    }

    /**
     * Records an epoch's validation loss with the early-stopping rule; keeps a copy of theta when
     * it is the best so far.
     */
    public EarlyStoppingRule.Verdict endEpoch(long epoch, double validationLoss) {
        EarlyStoppingRule.Verdict v = stopRule.observe(stopping, epoch, validationLoss);
        applyVerdict(v);
        return v;
    }

    /** Applies a verdict reached elsewhere (the early-stopping actor runs the rule). */
    public void applyVerdict(EarlyStoppingRule.Verdict v) {
        stopping = v.state();
        if (v.improved()) {
            bestTheta = theta.clone();
        }
    }

    public TrainingState exportState() {
        return new TrainingState(step, theta, optimizer.exportState(), search, stopping, bestTheta);
    }

    /** Continues from a checkpoint: the next step is bit-identical to the one the exporter would have taken. */
    public void restoreState(TrainingState state) {
        if (state.theta().length != theta.length) {
            throw new IllegalArgumentException("checkpoint has " + state.theta().length
                    + " parameters, but the model has " + theta.length);
        }
        estimator.requireUsable(state.estimator(), theta.length);
        System.arraycopy(state.theta(), 0, theta, 0, theta.length);
        optimizer.restoreState(state.optimizer());
        search = state.estimator();
        stopping = state.stopping();
        bestTheta = state.bestTheta();
        step = state.step();
    }
}
