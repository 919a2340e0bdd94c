package org.chemotaxis.util;

import java.util.SplittableRandom;

/**
 * Counter-based random streams: every random draw in the project comes from a stream keyed by
 * (seed, purpose, step, index), never from a shared generator. Two machines that build the
 * same key get the same numbers, whatever order they run in; this is what makes training
 * bit-identical across worker counts (DESIGN.md, contract 1).
 */
public final class RandomStreams {

    private RandomStreams() {
    }

    /** A fresh generator for one key. Cheap: one object, no shared state. */
    public static SplittableRandom stream(long seed, Purpose purpose, long step, long index) {
        return new SplittableRandom(key(seed, purpose, step, index));
    }

    /** The 64-bit key of (seed, purpose, step, index): a SplitMix64 chain, so nearby keys decorrelate. */
    public static long key(long seed, Purpose purpose, long step, long index) {
        long h = mix(seed ^ 0x9E3779B97F4A7C15L);
        h = mix(h ^ purpose.code);
        h = mix(h ^ step);
        h = mix(h ^ index);
        return h;
    }

    /** The SplitMix64 finaliser (Steele, Lea and Flood 2014). */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * What a stream is for. Codes are explicit and must never change: they are part of every
     * saved result's identity.
     */
    public enum Purpose {
        INIT(1), DATA(2), SHUFFLE(3), PERTURBATION(4), NODE_NOISE(5), EPISODE(6),
        VALIDATION(7), TEST(8), SPLIT(9), DATA_NOISE(10), FIELD(11);

        final long code;

        Purpose(long code) {
            this.code = code * 0x632BE59BD9B4E019L;
        }
    }
}
