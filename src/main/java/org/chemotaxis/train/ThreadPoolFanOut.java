package org.chemotaxis.train;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.chemotaxis.perturb.GradientEstimator;
import org.chemotaxis.task.Evaluator;
import org.chemotaxis.task.Objective;

/**
 * The tasks of a step on a fixed pool of threads, each thread with its own evaluator; no actors.
 * The baseline that the actor runtime's overhead is measured against.
 */
public final class ThreadPoolFanOut implements FanOut {

    private final GradientEstimator estimator;
    private final int threads;
    private final ExecutorService pool;
    private final ThreadLocal<Evaluator> evaluators;

    public ThreadPoolFanOut(Objective objective, GradientEstimator estimator, int threads) {
        if (threads <= 0) {
            throw new IllegalArgumentException("threads must be > 0, but was " + threads);
        }
        this.estimator = estimator;
        this.threads = threads;
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "fan-out");
            t.setDaemon(true);
            return t;
        });
        this.evaluators = ThreadLocal.withInitial(objective::newEvaluator);
    }

    @Override
    public int workers() {
        return threads;
    }

    @Override
    public Pending start(StepPlan plan, double[] theta, double[] values) {
        List<Future<?>> futures = new ArrayList<>(plan.tasks().size());
        for (TaskRange task : plan.tasks()) {
            futures.add(pool.submit(() -> {
                Evaluator ev = evaluators.get();
                ev.select(plan.sample());
                TaskEvaluation.into(estimator, ev, theta, plan, task, values);
            }));
        }
        return () -> {
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                } catch (ExecutionException e) {
                    throw new IllegalStateException("a task failed: " + e.getCause(), e.getCause());
                }
            }
        };
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
