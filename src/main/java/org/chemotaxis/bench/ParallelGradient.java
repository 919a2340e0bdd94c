package org.chemotaxis.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.chemotaxis.perturb.GradientEstimator;
import org.chemotaxis.perturb.StepKey;
import org.chemotaxis.task.Evaluator;
import org.chemotaxis.task.Objective;
import org.chemotaxis.task.Sample;

/**
 * The simplest multi-threaded gradient: a fixed pool of threads, each with its own
 * {@link Evaluator}, pulls index ranges of one step from a shared counter. Every range's values
 * land at their own indices, so the gradient is the same whatever thread computed what (and
 * for any thread count). No actors: this measures the numerics alone.
 */
public final class ParallelGradient implements AutoCloseable {

    private final GradientEstimator estimator;
    private final int threads;
    private final int chunk;
    private final ExecutorService pool;
    private final Evaluator[] evaluators;
    private final double[][] buffers;
    private final int indexCount;
    private final double[] values;
    private final AtomicInteger next = new AtomicInteger();

    /**
     * @param chunk indices per range; 0 chooses about 8 ranges per thread
     */
    public ParallelGradient(Objective objective, Sample sample, GradientEstimator estimator, int threads, int chunk) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, but was " + threads);
        }
        this.estimator = estimator;
        this.threads = threads;
        this.indexCount = estimator.indexCount(objective.parameterCount());
        this.chunk = chunk > 0 ? chunk : Math.max(1, (indexCount + 8 * threads - 1) / (8 * threads));
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "gradient-worker");
            t.setDaemon(true);
            return t;
        });
        this.evaluators = new Evaluator[threads];
        this.buffers = new double[threads][this.chunk];
        for (int w = 0; w < threads; w++) {
            evaluators[w] = objective.newEvaluator();
            evaluators[w].select(sample);
        }
        this.values = new double[indexCount];
    }

    public int threads() {
        return threads;
    }

    /** Writes the estimator's gradient at {@code theta} into {@code grad}; returns the base loss. */
    public double gradient(double[] theta, StepKey key, double[] grad) {
        values(theta, key, indexCount);
        final double base = evaluators[0].loss(theta);
        estimator.reduce(evaluators[0], theta, key, base, values, grad);
        return base;
    }

    /** The values of indices [0, count) only, into {@link #values()} (for timing a part of a step). */
    public void values(double[] theta, StepKey key, int count) {
        if (count < 0 || count > indexCount) {
            throw new IllegalArgumentException("count must be in [0, " + indexCount + "], but was " + count);
        }
        next.set(0);
        final int ranges = (count + chunk - 1) / chunk;
        List<Callable<Void>> work = new ArrayList<>(threads);
        for (int w = 0; w < threads; w++) {
            final int worker = w;
            work.add(() -> {
                final Evaluator ev = evaluators[worker];
                final double[] buf = buffers[worker];
                for (int c = next.getAndIncrement(); c < ranges; c = next.getAndIncrement()) {
                    final int from = c * chunk;
                    final int to = Math.min(count, from + chunk);
                    estimator.evaluate(ev, theta, key, from, to, buf);
                    System.arraycopy(buf, 0, values, from, to - from);
                }
                return null;
            });
        }
        try {
            for (Future<Void> f : pool.invokeAll(work)) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while computing a gradient", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a gradient worker failed", e.getCause());
        }
    }

    /** The values of the last {@link #gradient} or {@link #values(double[], StepKey, int)} call, in index order. */
    public double[] values() {
        return values;
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
