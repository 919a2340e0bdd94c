package org.chemotaxis.bench;

import org.chemotaxis.perturb.GradientEstimator;
import org.chemotaxis.perturb.StepKey;
import org.chemotaxis.task.Evaluator;
import org.chemotaxis.task.Objective;
import org.chemotaxis.task.Sample;
import org.chemotaxis.train.StepPlan;
import org.chemotaxis.train.TaskPartition;
import org.chemotaxis.train.TaskSizing;
import org.chemotaxis.train.ThreadPoolFanOut;

/**
 * A whole gradient at one point, for benchmarks and tests: the step's tasks go to a
 * {@link ThreadPoolFanOut} (the same fan-out as training without actors), then the estimator
 * reduces the values in index order. No optimizer, no actors: this measures the numerics alone.
 */
public final class ParallelGradient implements AutoCloseable {

    private final GradientEstimator estimator;
    private final Sample sample;
    private final int threads;
    private final int chunk;
    private final ThreadPoolFanOut fanOut;
    private final Evaluator base;
    private final int indexCount;
    private final double[] values;

    /**
     * @param chunk indices per task; 0 chooses the training's automatic size ({@link TaskSizing})
     */
    public ParallelGradient(Objective objective, Sample sample, GradientEstimator estimator, int threads, int chunk) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, but was " + threads);
        }
        this.estimator = estimator;
        this.sample = sample;
        this.threads = threads;
        this.indexCount = estimator.indexCount(objective.parameterCount());
        this.chunk = TaskSizing.taskSize(chunk, indexCount, threads);
        this.fanOut = new ThreadPoolFanOut(objective, estimator, threads);
        this.base = objective.newEvaluator();
        base.select(sample);
        this.values = new double[indexCount * estimator.valuesPerIndex()];
    }

    public int threads() {
        return threads;
    }

    /** Writes the estimator's gradient at {@code theta} into {@code grad}; returns the base loss. */
    public double gradient(double[] theta, StepKey key, double[] grad) {
        values(theta, key, indexCount);
        final double loss = base.loss(theta);
        estimator.reduce(base, theta, key, loss, values, grad);
        return loss;
    }

    /** The values of indices [0, count) only, into {@link #values()} (for timing a part of a step). */
    public void values(double[] theta, StepKey key, int count) {
        if (count < 0 || count > indexCount) {
            throw new IllegalArgumentException("count must be in [0, " + indexCount + "], but was " + count);
        }
        // an adaptive estimator at its initial state
        double[] scale = estimator.scale(estimator.initialState(theta.length));
        StepPlan plan = new StepPlan(key, 0, 0, sample, count, estimator.valuesPerIndex(), scale,
                TaskPartition.split(count, chunk));
        fanOut.evaluate(plan, theta, values);
    }

    /** The values of the last {@link #gradient} or {@link #values(double[], StepKey, int)} call, in index order. */
    public double[] values() {
        return values;
    }

    @Override
    public void close() {
        fanOut.close();
    }
}
