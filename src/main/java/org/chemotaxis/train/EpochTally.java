package org.chemotaxis.train;

import java.util.Map;
import java.util.TreeMap;

/**
 * What one epoch's steps add up to for its report: mean training loss, step count, the last
 * learning rate, the tasks each node did, the copies of running tasks handed out (speculative
 * execution), and when the epoch's first step began. Times are given
 * by the caller, so the tally holds no clock.
 */
public final class EpochTally {

    private double lossSum;
    private int steps;
    private long startNanos;
    private double lastLearningRate;
    private final Map<String, Integer> tasksByNode = new TreeMap<>();
    private int speculativeTasks;

    /** A step begins at {@code nanos}; the first one of the epoch starts its clock. */
    public void stepBegins(long nanos) {
        if (steps == 0) {
            startNanos = nanos;
        }
    }

    public void taskDone(String node) {
        tasksByNode.merge(node, 1, Integer::sum);
    }

    /** A running task was also given to an idle worker (speculative execution). */
    public void speculated() {
        speculativeTasks++;
    }

    public int speculativeTasks() {
        return speculativeTasks;
    }

    public void stepDone(StepOutcome outcome) {
        lossSum += outcome.loss();
        steps++;
        lastLearningRate = outcome.learningRate();
    }

    public double meanLoss() {
        return lossSum / steps;
    }

    public int steps() {
        return steps;
    }

    public double learningRate() {
        return lastLearningRate;
    }

    /** Seconds from the epoch's first step to {@code nanos}. */
    public double secondsUntil(long nanos) {
        return (nanos - startNanos) / 1e9;
    }

    /** A sorted copy. */
    public Map<String, Integer> tasksByNode() {
        return new TreeMap<>(tasksByNode);
    }

    /** Ready for the next epoch. */
    public void reset() {
        lossSum = 0;
        steps = 0;
        tasksByNode.clear();
        speculativeTasks = 0;
    }
}
