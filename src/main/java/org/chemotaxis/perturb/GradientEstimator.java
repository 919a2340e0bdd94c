package org.chemotaxis.perturb;

import org.chemotaxis.task.Evaluator;

/**
 * A gradient estimator whose work is a set of independent perturbation indices
 * 0 .. {@link #indexCount} - 1. Each index yields one scalar (a loss or a loss difference) that
 * can be computed anywhere from (theta, sample, key, index) alone; {@link #reduce} turns the
 * scalars, in index order, into the gradient. Implementations are immutable and thread-safe.
 */
public interface GradientEstimator {

    /** The config name: forward, central, gaussian, spsa, node or bptt (for reports, not for decisions). */
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

    /**
     * Worker side: computes the scalars of indices [from, to) into {@code out[0 .. to - from)}.
     * {@code ev} has the step's sample selected; {@code theta} is not modified.
     */
    void evaluate(Evaluator ev, double[] theta, StepKey key, int from, int to, double[] out);

    /**
     * Coordinator side: writes the gradient estimate into {@code grad} (length P, overwritten).
     *
     * @param values   the scalars of all indices, in index order (length {@link #indexCount})
     * @param baseLoss the unperturbed loss of theta on the step's sample
     * @param ev       an evaluator with the step's sample selected (node perturbation and BPTT run passes here)
     */
    void reduce(Evaluator ev, double[] theta, StepKey key, double baseLoss, double[] values, double[] grad);
}
