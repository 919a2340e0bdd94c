package org.chemotaxis.train;

import java.time.Duration;

/**
 * When a step's running task is also given to an idle worker on another node (speculative
 * execution): once the queue is empty and the task has run {@code multiplier} times the median
 * time of recent tasks, and at least {@code minimum}. The first result wins and the copy's is
 * ignored, so a straggler holds up the end of a step for about that long instead of for its
 * whole task; with uniform tasks and equal workers the threshold is rarely reached, so the copies
 * cost little.
 */
public record Speculation(double multiplier, Duration minimum) {

    /** Twice the median task, at least 100 ms (well above the jitter of a message's round trip). */
    public static final Speculation DEFAULT = new Speculation(2.0, Duration.ofMillis(100));

    /** Never. */
    public static final Speculation OFF = new Speculation(Double.POSITIVE_INFINITY, Duration.ZERO);

    public Speculation {
        if (!(multiplier >= 1)) {
            throw new IllegalArgumentException("speculation multiplier must be >= 1, but was " + multiplier);
        }
        if (minimum.isNegative()) {
            throw new IllegalArgumentException("speculation minimum must be >= 0, but was " + minimum);
        }
    }

    public boolean enabled() {
        return multiplier != Double.POSITIVE_INFINITY;
    }

    /** How long a task must have run to be copied, given the median of recent tasks. */
    public long thresholdNanos(long medianNanos) {
        double t = Math.max(multiplier * medianNanos, minimum.toNanos());
        return t >= Long.MAX_VALUE ? Long.MAX_VALUE : (long) t;
    }
}
