package org.chemotaxis.api;

import java.util.random.RandomGenerator;

/**
 * Which sample a loss is measured on, and its random sources. Every perturbation of a training
 * step gets the same key (so their losses differ by the perturbation alone); the next step gets
 * another; validation always gets the same one.
 */
public interface SampleKey {

    /** Identifies the sample: derived from the run's seed and the step (or "validation"). */
    long id();

    /** True for the fixed validation sample. */
    boolean validation();

    /** Items (episodes, sequences) the sample holds: training.batch, or problem.validation_episodes. */
    int size();

    /**
     * The number of item {@code index} (0 .. size-1) in its sample's family: {@code index} itself
     * unless the sample starts later. Item n of the key {@link #id()} is the same item in every
     * sample that holds it; a problem that keys streams of its own uses (id, item) as the key.
     */
    long item(int index);

    /**
     * The random source of item {@code index} (0 .. size-1) of this sample: the same values
     * wherever and whenever it is asked for.
     */
    RandomGenerator random(int index);
}
