package org.chemotaxis.train;

/** A contiguous block of perturbation indices [from, to) of one step; {@code id} is its position in the step. */
public record TaskRange(int id, int from, int to) {

    public TaskRange {
        if (from < 0 || to < from) {
            throw new IllegalArgumentException("task range must satisfy 0 <= from <= to, but was [" + from + ", " + to + ")");
        }
    }

    public int size() {
        return to - from;
    }
}
