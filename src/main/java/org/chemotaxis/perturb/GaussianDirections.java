package org.chemotaxis.perturb;

import java.util.SplittableRandom;
import org.chemotaxis.util.RandomStreams;

/**
 * The standard normal direction z_j of index j in step {@code key}: P draws from the stream
 * (seed, PERTURBATION, step, j), in parameter order. Every sampling estimator draws its directions
 * here, so the same seed gives the Gaussian, PGPE, SNES, ARS and CMA-ES estimators the same z_j.
 */
final class GaussianDirections {

    private GaussianDirections() {
    }

    /** Writes z_j into {@code z} (overwritten; its length is P). */
    static void fill(StepKey key, int index, double[] z) {
        SplittableRandom r = RandomStreams.stream(key.seed(), RandomStreams.Purpose.PERTURBATION, key.step(), index);
        for (int i = 0; i < z.length; i++) {
            z[i] = r.nextGaussian();
        }
    }
}
