package org.chemotaxis.util;

import java.util.random.RandomGenerator;

/** A closed-open interval [min, max) of doubles to draw from, or a single value when min == max. */
public record Interval(double min, double max) {

    public static Interval of(double value) {
        return new Interval(value, value);
    }

    public static Interval of(double min, double max) {
        return new Interval(min, max);
    }

    /** Maps a uniform u in [0, 1) to the interval: min + (max - min) u. */
    public double at(double u) {
        return min + (max - min) * u;
    }

    /** One uniform draw from [min, max); exactly one draw is consumed, also for a single value. */
    public double sample(RandomGenerator random) {
        return at(random.nextDouble());
    }
}
