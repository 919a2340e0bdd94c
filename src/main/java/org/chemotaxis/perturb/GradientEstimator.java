package org.chemotaxis.perturb;

import org.chemotaxis.task.Evaluator;

/**
 * A gradient estimator whose work is a set of independent perturbation indices
 * 0 .. {@link #indexCount} - 1. Each index yields {@link #valuesPerIndex} scalars (a loss, a loss
 * difference, or the two losses of an antithetic pair) that can be computed anywhere from (theta,
 * sample, key, index) alone; {@link #reduce} turns the scalars, in index order, into the gradient.
 * Implementations are immutable and thread-safe.
 *
 * <p>Search-distribution methods (PGPE, SNES, CMA-ES) also adapt the distribution they sample
 * from. Its state ({@link EstimatorState}) is not part of the estimator: Training owns and
 * checkpoints it, {@link #adapt} gives the next one, and the part the workers need to regenerate
 * a step's perturbations, its {@link #scale}, travels with theta once per step; {@link #atScale}
 * is the estimator of a step at that scale. An estimator whose distribution does not adapt keeps
 * the defaults: no state, an empty scale, itself at every step.
 */
public interface GradientEstimator {

    /** The config name: forward, central, gaussian, spsa, node, bptt, pgpe, snes, ars or cmaes (for reports, not for decisions). */
    String name();

    /** True when {@link #reduce} needs {@link Evaluator#lossAndGradient}: the objective must be differentiable. */
    default boolean needsGradient() {
        return false;
    }

    /**
     * True when the estimator perturbs the units, not the weights: the objective must support
     * {@link Evaluator#loss(double[], org.chemotaxis.model.NoiseSource)} and {@link Evaluator#localGradient}.
     */
    default boolean needsNodeNoise() {
        return false;
    }

    /** How many perturbation indices one step has, for a model with P parameters (0 for BPTT). */
    int indexCount(int parameterCount);

    /** Forward passes that one index costs. */
    int passesPerIndex();

    /** Scalars one index yields; the values of a step are index-major, {@code indexCount * valuesPerIndex} of them. */
    default int valuesPerIndex() {
        return 1;
    }

    /**
     * Worker side: computes the scalars of indices [from, to) into
     * {@code out[0 .. (to - from) * valuesPerIndex)}.
     * {@code ev} has the step's sample selected; {@code theta} is not modified.
     */
    void evaluate(Evaluator ev, double[] theta, StepKey key, int from, int to, double[] out);

    /**
     * Coordinator side: writes the gradient estimate into {@code grad} (length P, overwritten).
     *
     * @param values   the scalars of all indices, in index order (length {@link #indexCount} times {@link #valuesPerIndex})
     * @param baseLoss the unperturbed loss of theta on the step's sample
     * @param ev       an evaluator with the step's sample selected (node perturbation and BPTT run passes here)
     */
    void reduce(Evaluator ev, double[] theta, StepKey key, double baseLoss, double[] values, double[] grad);

    /** The adaptive state of a fresh run with P parameters: {@link EstimatorState#NONE} unless the distribution adapts. */
    default EstimatorState initialState(int parameterCount) {
        return EstimatorState.NONE;
    }

    /**
     * Checks a state read from a checkpoint before a run continues from it: the buffers of
     * {@link #initialState}, with values this estimator can continue from.
     *
     * @throws IllegalArgumentException naming the first problem
     */
    default void requireUsable(EstimatorState state, int parameterCount) {
        state.requireShapeOf(initialState(parameterCount));
    }

    /**
     * What the workers need of {@code state} to regenerate a step's perturbations (PGPE and SNES:
     * sigma per parameter; CMA-ES: the matrix sigma B D): sent with theta once per step. Empty when
     * the distribution does not adapt.
     */
    default double[] scale(EstimatorState state) {
        return new double[0];
    }

    /**
     * This estimator in a step whose scale is {@code scale} (from {@link #scale}): the one that
     * evaluates and reduces that step. The estimator itself stands for the initial state's scale.
     */
    default GradientEstimator atScale(double[] scale) {
        return this;
    }

    /**
     * False: {@link #reduce} gives a gradient that the optimizer turns into the step. True: it gives
     * the distribution's own step of its mean (SNES, CMA-ES), and theta moves by minus it, with no
     * optimizer, clipping or learning rate.
     */
    default boolean takesOwnStep() {
        return false;
    }

    /**
     * The state after a step with these values (all indices, in index order), sampled at
     * {@code state}. Pure: {@code state} is not changed.
     */
    default EstimatorState adapt(EstimatorState state, StepKey key, double[] values) {
        return state;
    }
}
