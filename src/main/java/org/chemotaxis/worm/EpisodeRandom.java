package org.chemotaxis.worm;

import org.chemotaxis.util.RandomStreams;

/**
 * The random stream of one episode, reseedable so that the simulation loop does not allocate.
 * Seeded with {@link RandomStreams#key}, it yields exactly the numbers of
 * {@code RandomStreams.stream(...)} (SplittableRandom's SplitMix64: same gamma, same mix, same
 * 53-bit doubles). Gaussians use the polar method of Marsaglia and Bray (1964) with StrictMath,
 * so that every JVM draws the same values.
 */
final class EpisodeRandom {

    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

    private long state;
    private double spare;
    private boolean hasSpare;

    void reseed(long key) {
        state = key;
        hasSpare = false;
    }

    long nextLong() {
        state += GOLDEN_GAMMA;
        return RandomStreams.mix(state);
    }

    /** Uniform in [0, 1). */
    double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Standard normal. */
    double nextGaussian() {
        if (hasSpare) {
            hasSpare = false;
            return spare;
        }
        double u;
        double v;
        double s;
        do {
            u = 2 * nextDouble() - 1;
            v = 2 * nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        double m = StrictMath.sqrt(-2 * StrictMath.log(s) / s);
        spare = v * m;
        hasSpare = true;
        return u * m;
    }
}
