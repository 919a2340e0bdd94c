package org.chemotaxis.runtime;

import akka.actor.Cancellable;
import akka.actor.typed.javadsl.ActorContext;
import java.time.Duration;

/**
 * One pending message to self at the earliest time asked for: asking for a later time while an
 * earlier wake-up is pending changes nothing, an earlier one replaces it. The actor calls
 * {@link #fired()} when the message arrives.
 */
final class WakeUp<T> {

    private final ActorContext<T> context;
    private final T message;
    private Cancellable pending;
    private long atNanos;

    WakeUp(ActorContext<T> context, T message) {
        this.context = context;
        this.message = message;
    }

    /** Wake up at {@code nanos} ({@link System#nanoTime()} time) unless an earlier wake-up is pending. */
    void at(long nanos) {
        if (pending != null && atNanos <= nanos) {
            return;
        }
        if (pending != null) {
            pending.cancel();
        }
        atNanos = nanos;
        // A millisecond late rather than early: the scheduler's tick would otherwise round it down.
        long delay = Math.max(0, nanos - System.nanoTime()) + 1_000_000L;
        pending = context.scheduleOnce(Duration.ofNanos(delay), context.getSelf(), message);
    }

    void fired() {
        pending = null;
    }
}
