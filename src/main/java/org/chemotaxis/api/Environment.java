package org.chemotaxis.api;

import java.util.random.RandomGenerator;

/**
 * One episode at a time of a {@link ClosedLoopProblem}. Not shared between threads. Calls: {@link
 * #reset}, then {@link #step} until {@link #done()} or the problem's {@code maxSteps}.
 */
public interface Environment {

    /**
     * Starts an episode.
     *
     * @param random      the episode's own random source, keyed by (seed, step, episode): the only
     *                    randomness the episode may use (start positions, noise, ...); drawing the
     *                    same values from it in every call keeps a run reproducible
     * @param observation where the first observation is written (length {@code observationSize})
     */
    void reset(RandomGenerator random, double[] observation);

    /**
     * Applies the network's action and moves on by one step.
     *
     * @param action      what the network wrote (length {@code actionSize}; read only)
     * @param observation where the next observation is written (length {@code observationSize})
     * @return the reward of this step; must be finite
     */
    double step(double[] action, double[] observation);

    /** True once the episode has ended (the last reward has been paid). */
    boolean done();
}
