package org.chemotaxis.api;

/**
 * A closed loop: the network is the policy of an {@link Environment}. Each step the network reads
 * the observation and writes the action; the environment moves on and pays a reward. The project
 * runs a batch of episodes for every loss (all perturbations of a step meet the same episodes, so
 * their differences are not noise of the episodes), and the loss of a batch is
 * {@link #loss(double[])} of the episodes' returns (the sum of their rewards).
 */
public non-sealed interface ClosedLoopProblem extends Problem {

    /** Doubles the network reads each step (its input size). */
    int observationSize();

    /** Doubles the network writes each step (its output size). */
    int actionSize();

    /** Steps after which an episode ends if {@link Environment#done()} has not ended it. */
    int maxSteps();

    /**
     * A new environment. The project makes one per episode slot and per thread and reuses it for
     * many episodes through {@link Environment#reset}, so it may hold buffers, but nothing of one
     * episode may influence the next.
     */
    Environment newEnvironment();

    /**
     * The loss of a batch from its episodes' returns; lower is better. The default is the negated
     * mean return.
     */
    default double loss(double[] returns) {
        double sum = 0;
        for (double r : returns) {
            sum += r;
        }
        return -sum / returns.length;
    }

    @Override
    default String metricName() {
        return "return";
    }
}
