package org.chemotaxis.train;

import java.util.Arrays;
import java.util.OptionalLong;

/** The durations of the last few finished tasks, from hand-out to result, and their median. */
public final class TaskTimes {

    private final long[] recent;
    private int count;
    private int next;

    /** @param window how many recent tasks count */
    public TaskTimes(int window) {
        if (window < 1) {
            throw new IllegalArgumentException("window must be >= 1, but was " + window);
        }
        recent = new long[window];
    }

    public void add(long nanos) {
        recent[next] = Math.max(0, nanos);
        next = (next + 1) % recent.length;
        count = Math.min(count + 1, recent.length);
    }

    /** The median of the recorded durations (the lower one of the middle two), empty before the first. */
    public OptionalLong median() {
        if (count == 0) {
            return OptionalLong.empty();
        }
        long[] sorted = Arrays.copyOf(recent, count);
        Arrays.sort(sorted);
        return OptionalLong.of(sorted[(count - 1) / 2]);
    }
}
