package org.chemotaxis.problem;

import org.chemotaxis.api.ClosedLoopProblem;
import org.chemotaxis.api.Network;
import org.chemotaxis.api.SampleKey;

/**
 * A hand-written policy's score on a closed-loop problem, computed the way a run computes its
 * network's: the same episode loop, the problem's own loss and metric. Give it the key of a run's
 * validation sample ({@link ProblemSamples#validationKey}) and the number is comparable with the
 * metric column of that run's metrics.csv.
 */
public final class ClosedLoopScore {

    private ClosedLoopScore() {
    }

    /**
     * The return of every episode of {@code key} with {@code policy} as the network: a controller
     * written by hand implements {@link Network} (rows are episodes; it reads observations and
     * writes actions).
     */
    public static double[] returns(ClosedLoopProblem problem, Network policy, SampleKey key) {
        if (policy.inputSize() != problem.observationSize() || policy.outputSize() != problem.actionSize()) {
            throw new IllegalArgumentException("the policy reads " + policy.inputSize() + " and writes "
                    + policy.outputSize() + " doubles, but the problem observes " + problem.observationSize()
                    + " and acts with " + problem.actionSize());
        }
        EpisodeRunner runner = new EpisodeRunner(problem,
                (where, e) -> new IllegalStateException("the problem failed in " + where + ": " + e, e));
        return runner.returns(policy, key);
    }

    /** The problem's loss of the returns of {@code policy} on {@code key}. */
    public static double loss(ClosedLoopProblem problem, Network policy, SampleKey key) {
        return problem.loss(returns(problem, policy, key));
    }

    /** The problem's metric of that loss: what a run reports as its validation metric. */
    public static double metric(ClosedLoopProblem problem, Network policy, SampleKey key) {
        return problem.metric(loss(problem, policy, key));
    }
}
