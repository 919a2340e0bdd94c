package org.chemotaxis.train;

import org.chemotaxis.task.Sample;
import org.chemotaxis.util.RandomStreams;
import org.chemotaxis.util.RandomStreams.Purpose;

/**
 * The samples of an experiment that runs episodes rather than a dataset (chemotaxis, plugin
 * problems): each training step a fresh sample keyed by (seed, epoch, step), so no two steps share
 * an episode; validation a fixed sample of episodes 0 .. n-1 under a key of its own.
 */
public final class EpisodeSamples implements SampleSource {

    private final long seed;
    private final int stepsPerEpoch;
    private final Sample validation;

    public EpisodeSamples(long seed, int stepsPerEpoch, int validationEpisodes) {
        this.seed = seed;
        this.stepsPerEpoch = stepsPerEpoch;
        this.validation = validation(seed, validationEpisodes);
    }

    /** The sample of training step {@code step} of {@code epoch}: its episodes are drawn fresh for every step. */
    public static Sample training(long seed, long epoch, int step) {
        return Sample.ofSeed(RandomStreams.key(seed, Purpose.EPISODE, epoch, step));
    }

    /** The validation sample: episodes 0 .. episodes-1 of a key of its own, the same at every epoch. */
    public static Sample validation(long seed, int episodes) {
        int[] items = new int[episodes];
        for (int i = 0; i < items.length; i++) {
            items[i] = i;
        }
        return new Sample(items, RandomStreams.key(seed, Purpose.VALIDATION, 0, 0));
    }

    @Override
    public int stepsPerEpoch() {
        return stepsPerEpoch;
    }

    @Override
    public Sample train(long epoch, int batch) {
        return training(seed, epoch, batch);
    }

    @Override
    public Sample validation() {
        return validation;
    }
}
