package org.chemotaxis.problem;

import org.chemotaxis.api.SampleKey;
import org.chemotaxis.task.Sample;
import org.chemotaxis.train.EpisodeSamples;

/**
 * The samples a plugin problem is trained and validated on, as functions of the run's seed: the
 * training sample of (epoch, step) and the fixed validation sample. Public so that a plugin's
 * own scorer can run a hand-written controller on exactly the episodes a run validates on.
 */
public final class ProblemSamples {

    private ProblemSamples() {
    }

    /** The sample of training step {@code step} of {@code epoch}: its items are drawn fresh for every step. */
    public static Sample training(long seed, long epoch, int step) {
        return EpisodeSamples.training(seed, epoch, step);
    }

    /** The validation sample: items 0 .. episodes-1 of a key of its own, the same at every epoch. */
    public static Sample validation(long seed, int episodes) {
        return EpisodeSamples.validation(seed, episodes);
    }

    /** The training sample of (epoch, step) as a problem sees it, with {@code batch} items. */
    public static SampleKey trainingKey(long seed, long epoch, int step, int batch) {
        return new EpisodeKeys(training(seed, epoch, step), batch);
    }

    /**
     * The validation sample as a problem sees it: a run with this seed and
     * {@code problem.validation_episodes: episodes} validates every epoch on these episodes.
     */
    public static SampleKey validationKey(long seed, int episodes) {
        return new EpisodeKeys(validation(seed, episodes), episodes);
    }
}
